"""Helpers for `load_demo_content` and the home page's own demo text.

Each app that contributes demo content has a `demo.py` with `build(home)`; the command calls
them in the order of `DEMO_BUILDERS`. Builders create what is missing and leave what exists
alone, so running the command twice changes nothing.
"""

import io

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Page

HOME_INTRO = "Guides, talk reviews and notes on the hard parts of building software with Django and Python."


def ensure_child(parent, model, slug, **fields):
    """Return the live child of `parent` with `slug`, creating and publishing it if missing.

    Returns `(page, created)`. An existing page is left exactly as it is, so editors'
    changes to demo pages survive a re-run.
    """
    existing = Page.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, **{k: v for k, v in fields.items() if not _is_m2m(model, k)})
    parent.add_child(instance=page)
    for name, value in fields.items():
        if _is_m2m(model, name):
            getattr(page, name).set(value)
    page.save_revision().publish()
    return page, True


def _is_m2m(model, name):
    field = model._meta.get_field(name)
    return field.many_to_many


def build(home):
    """The home page itself: a strapline, set once."""
    if not home.intro:
        home.intro = HOME_INTRO
        home.save_revision().publish()


# Featured pages by URL path below the home page, in the order they appear.
FEATURED = ["/articles/meeting-django-contributors/", "/articles/migrations-and-your-database/", "/guides/"]


def feature(home):
    """Choose the home page's featured pages, once (editors' later choices are kept)."""
    if home.featured_pages.exists():
        return
    from home.models import HomePageFeature

    for path in FEATURED:
        page = Page.objects.filter(url_path=home.url_path + path.lstrip("/")).first()
        if page is not None:
            home.featured_pages.add(HomePageFeature(page=page))
    home.save_revision().publish()


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
