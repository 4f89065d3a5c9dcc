"""What every part of the demo builds pages with: a page created and published once, then left alone.

Each part of the site has a module here with `build(home)` (`topics`, `guides`, `reviews`,
`articles`, `home`); `load_demo_content` calls them in order. Builders create what is missing and
leave what exists alone, so running the command twice changes nothing.
"""

from django.core.exceptions import FieldDoesNotExist
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
