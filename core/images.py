"""Content and listing images: their renditions are made when a page is published and fetched in one query.

A visitor's request should never wait for Pillow: the renditions `templates/blocks/image.html`
shows, and the listing image's card and social crops, are created on publish, and a page
prefetches all of its images' renditions at once instead of one query per image. Listings fetch
their cards' images and renditions in two queries, whatever their length.
"""

from django.db.models import Prefetch, prefetch_related_objects
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


def card_renditions(image_ids):
    """{image id: its card rendition} for these images: two queries, or none when there are none."""
    ids = {pk for pk in image_ids if pk}
    if not ids:
        return {}
    images = get_image_model().objects.filter(pk__in=ids).prefetch_renditions(CARD_IMAGE_SPEC)
    return {image.pk: image.get_rendition(CARD_IMAGE_SPEC) for image in images}


def make_page_renditions(sender, instance, **kwargs):
    """On publish: create every rendition the page's images will be shown in."""
    page = instance.specific
    for image in {image.pk: image for image in page_images(page)}.values():
        image.get_renditions(*CONTENT_IMAGE_SPECS)
    if (listed := listing_image(page)) is not None:
        listed.get_renditions(*LISTING_IMAGE_SPECS)
