"""What every part of the demo builds pages with: a page created and published once, then left alone.

Each part of the site has a module here with `build(home)` (`topics`, `guides`, `reviews`,
`articles`, `home`); `load_demo_content` calls them in order. Builders create what is missing and
leave what exists alone, so running the command twice changes nothing.
"""

import datetime
from contextlib import contextmanager

from django.core.exceptions import FieldDoesNotExist
from django.db.models.signals import post_save
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelsearch import index
from modelsearch.signal_handlers import post_save_signal_handler as index_for_search
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task


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
    # add_child's save has just run the page's full_clean; the revision need not run it again.
    page.save_revision(clean=False).publish()
    _dated_as_its_content(page)
    return page, True


def _dated_as_its_content(page):
    """A page whose content has a date (an article's, a review's, an event's) was published then, not today.

    dateModified in its structured data, the sitemap's lastmod and the feeds' updated read these.
    """
    date_field = getattr(page, "date_field", None)
    day = getattr(page, date_field, None) if date_field else None
    if day is None:
        return
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    Page.objects.filter(pk=page.pk).update(first_published_at=moment, last_published_at=moment)
    page.first_published_at = page.last_published_at = moment


def _is_m2m(model, name):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False  # a property that sets related rows, such as TalkReviewPage.speakers
    return field.many_to_many


@contextmanager
def indexed_once():
    """Write each object's search and reference index entries once, when the block ends.

    A demo page is saved three times as it is created and published (added to the tree, its
    revision, its publication), and Wagtail re-indexes it for search and for references on every
    save: two thirds of that work was overwritten at once, and it was the largest part of the
    command's queries. Here the saves are only recorded, and each object's two indexing tasks (the
    ones the signal handlers would have queued) run once at the end, in the order the objects were
    first saved, from what was finally saved. That includes child rows such as a review's speakers,
    which are saved after the page's own row and so were missing from the search index until the
    next save. On an error nothing is indexed (the transaction around the build rolls back anyway).

    Search indexing is switched off by disconnecting its handler, which holds for every thread of the
    process while the block runs: for a management command or a test, not for a serving process.
    """
    search_models = {
        model
        for model in index.get_indexed_models()
        if getattr(model, "search_auto_update", True) and post_save.disconnect(index_for_search, sender=model)
    }
    for_search, for_references = {}, {}

    def record(sender, instance, raw=False, **kwargs):
        if raw:
            return
        if sender in search_models:
            for_search.setdefault((sender, instance.pk), None)
        if sender in ReferenceIndex.tracked_models and (owner := _reference_owner(instance)) is not None:
            for_references.setdefault((type(owner), owner.pk), None)

    uid = f"demo.indexed_once.{id(for_search)}"
    post_save.connect(record, weak=False, dispatch_uid=uid)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid=uid)
        for model in search_models:
            post_save.connect(index_for_search, sender=model)
    for task, saved in ((insert_or_update_object_task, for_search), (update_reference_index_task, for_references)):
        for model, pk in saved:
            task.enqueue(model._meta.app_label, model._meta.model_name, str(pk))


def _reference_owner(instance):
    """The object whose references a save of `instance` changes: itself, or the page (or snippet) it is a
    child row of, as Wagtail's `update_reference_index_task` finds it."""
    while instance is not None:
        key = next((field for field in instance._meta.get_fields() if isinstance(field, ParentalKey)), None)
        if key is None:
            return instance
        instance = getattr(instance, key.name)
    return None
