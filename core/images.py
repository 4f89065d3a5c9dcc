"""Content and listing images: their renditions are made when a page is published and fetched in one query.

A visitor's request should never wait for Pillow: the renditions `templates/blocks/image.html`
shows, and the listing image's card and social crops, are created on publish, and a page
prefetches all of its images' renditions at once instead of one query per image. Listings read
their cards' renditions in their own query.
"""

from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Subquery, prefetch_related_objects
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

CONTENT_IMAGE_SPECS = [f"format-{fmt}|width-{width}" for fmt in ("avif", "webp", "jpeg") for width in (480, 800, 1200)]
# A page's listing image, cropped around its focal point: 16:9 on cards, 1.91:1 where it is shared
# (Open Graph's and Twitter's large summary card).
CARD_IMAGE_SPEC = "fill-640x360"
SOCIAL_IMAGE_SPEC = "fill-1200x630"
LISTING_IMAGE_SPECS = [CARD_IMAGE_SPEC, SOCIAL_IMAGE_SPEC]


def holds_images(block, _known={}):  # noqa: B006 - a per-process memo of block definitions
    """Whether a block definition can contain an image anywhere below it."""
    key = id(block)
    if key not in _known:
        _known[key] = False  # a block that contains itself holds images only through its other children
        children = list(getattr(block, "child_blocks", {}).values())
        if hasattr(block, "child_block"):
            children.append(block.child_block)
        _known[key] = isinstance(block, ImageChooserBlock) or any(holds_images(child) for child in children)
    return _known[key]


def images_in(value):
    """Every image placed anywhere inside a StreamField value.

    Only the branches whose block types can hold an image are walked: a 2,000-segment transcript
    or a guide's paragraphs cost nothing (walking everything took 100 ms on a long transcript).
    """
    Image = get_image_model()
    if isinstance(value, Image):
        yield value
    elif isinstance(value, StreamValue):
        for child in value:
            if holds_images(child.block):
                yield from images_in(child.value)
    elif isinstance(value, StructValue):
        for name, child in value.items():
            if holds_images(value.block.child_blocks[name]):
                yield from images_in(child)
    elif isinstance(value, ListValue):
        if holds_images(value.list_block.child_block):
            for child in value:
                yield from images_in(child)
    elif isinstance(value, list | tuple):
        for child in value:
            yield from images_in(child)


def page_images(page):
    images = []
    for field in page._meta.get_fields():
        if isinstance(field, StreamField) and holds_images(field.stream_block):
            images.extend(images_in(getattr(page, field.name)))
    return images


def listing_image(page):
    """The page's listing image (a page type without one, or a page without one: None)."""
    return getattr(page, "listing_image", None) if getattr(page, "listing_image_id", None) else None


def prefetch_page_renditions(page):
    """Load the renditions of all the page's images (content and listing) in one query."""
    images = page_images(page)
    if (listed := listing_image(page)) is not None:
        images.append(listed)
    if images:
        Rendition = get_image_model().get_rendition_model()
        prefetch_related_objects(
            images,
            Prefetch(
                "renditions",
                queryset=Rendition.objects.filter(filter_spec__in=CONTENT_IMAGE_SPECS + LISTING_IMAGE_SPECS),
                to_attr="prefetched_renditions",
            ),
        )


@dataclass(frozen=True)
class CardImage:
    """A card's picture: what `components/page_card.html` needs of a rendition."""

    url: str
    width: int
    height: int


def with_card_images(queryset, image_column):
    """Annotate each listed page with its listing image's card rendition (file, width, height).

    Subqueries of the listing's own query: a listing of any length costs no query for its images.
    """
    renditions = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(image_id=OuterRef(image_column), filter_spec=CARD_IMAGE_SPEC)
    )
    newest = renditions.order_by("-pk")  # a changed focal point makes a new one on the next publish
    parts = ("file", "width", "height")
    return queryset.annotate(**{f"card_image_{part}": Subquery(newest.values(part)[:1]) for part in parts})


def card_image(page, image_id):
    """The card picture of a page from `with_card_images`, or None when it has no listing image."""
    name = getattr(page, "card_image_file", None)
    if name:
        storage = get_image_model().get_rendition_model()._meta.get_field("file").storage
        return CardImage(storage.url(name), page.card_image_width, page.card_image_height)
    if image_id:  # a page on its own (the card preview), or no rendition yet: they are made on publish
        image = listing_image(page) or get_image_model().objects.get(pk=image_id)
        rendition = image.get_rendition(CARD_IMAGE_SPEC)
        return CardImage(rendition.url, rendition.width, rendition.height)
    return None


def make_page_renditions(sender, instance, **kwargs):
    """On publish: create every rendition the page's images will be shown in."""
    page = instance.specific
    for image in {image.pk: image for image in page_images(page)}.values():
        image.get_renditions(*CONTENT_IMAGE_SPECS)
    if (listed := listing_image(page)) is not None:
        listed.get_renditions(*LISTING_IMAGE_SPECS)
