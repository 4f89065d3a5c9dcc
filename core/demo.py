"""Helpers every app's demo content uses: pages created once, and the demo's one picture.

Each app that contributes demo content has a `demo.py` with `build(home)`; `load_demo_content`
(in `home`) calls them in order. Builders create what is missing and leave what exists alone, so
running the command twice changes nothing.
"""

import io

from django.core.exceptions import FieldDoesNotExist
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Page


def ensure_child(parent, model, slug, setup=None, **fields):
    """Return the live child of `parent` with `slug`, creating and publishing it if missing.

    Returns `(page, created)`. An existing page is left exactly as it is, so editors'
    changes to demo pages survive a re-run. `setup(page)`, if given, runs on a new page before
    its first revision, for relations that are not plain fields.
    """
    existing = Page.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, **{k: v for k, v in fields.items() if not _is_m2m(model, k)})
    parent.add_child(instance=page)
    for name, value in fields.items():
        if _is_m2m(model, name):
            getattr(page, name).set(value)
    if setup is not None:
        setup(page)
    page.save_revision().publish()
    return page, True


def _is_m2m(model, name):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False  # a property that sets related rows, such as TalkReviewPage.speakers
    return field.many_to_many


DEMO_IMAGE_TITLE = "Contributions growing week by week"


def demo_image():
    """The demo's one picture, drawn here and saved through the default storage (so S3 works too).

    Created once: an existing image with the same title is returned as it is.
    """
    image_model = get_image_model()
    existing = image_model.objects.filter(title=DEMO_IMAGE_TITLE).first()
    if existing is not None:
        return existing
    picture = PillowImage.new("RGB", (960, 540), (246, 244, 238))
    draw = ImageDraw.Draw(picture)
    for week in range(8):
        height = 60 + week * 52
        left = 80 + week * 105
        draw.rectangle([left, 480 - height, left + 70, 480], fill=(12, 102, 84))
    draw.line([60, 480, 900, 480], fill=(40, 40, 40), width=4)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return image_model.objects.create(title=DEMO_IMAGE_TITLE, file=ImageFile(buffer, name="contributions.png"))
