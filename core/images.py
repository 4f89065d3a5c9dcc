"""Content images: their renditions are made when a page is published and fetched in one query.

A visitor's request should never wait for Pillow: the renditions `templates/blocks/image.html`
shows are created on publish, and a page prefetches all of its images' renditions at once
instead of one query per image.
"""

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

CONTENT_IMAGE_SPECS = [f"format-{fmt}|width-{width}" for fmt in ("avif", "webp", "jpeg") for width in (480, 800, 1200)]


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


def prefetch_page_renditions(page):
    """Load the renditions of all the page's content images in one query."""
    images = page_images(page)
    if images:
        Rendition = get_image_model().get_rendition_model()
        prefetch_related_objects(
            images,
            Prefetch(
                "renditions",
                queryset=Rendition.objects.filter(filter_spec__in=CONTENT_IMAGE_SPECS),
                to_attr="prefetched_renditions",
            ),
        )


def make_page_renditions(sender, instance, **kwargs):
    """On publish: create every rendition the page's images will be shown in."""
    for image in {image.pk: image for image in page_images(instance.specific)}.values():
        image.get_renditions(*CONTENT_IMAGE_SPECS)
