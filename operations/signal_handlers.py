"""Purging the caches when any page is published, unpublished, moved, renamed, deleted or made private;
and a go-live date forgotten once it has been carried out.

Wagtail's signals fire wherever the change happens: the admin, `publish_scheduled`, an import or any
other management command. The purge is journalled with the change and writes to the shared cache
(Redis, or the file cache every process and command shares: see `hubsite/settings/base.py`) and the
front cache (Varnish, a CDN), so it reaches every process (operations/page_cache.py).
"""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from core.models import Author, Organisation
from operations.page_cache import affected_paths, purge


def _schedule(page, *url_paths):
    # Work out the paths now (a deleted page is gone after commit) and journal them with the change;
    # they are purged only once it is visible to other processes, or they could re-cache the old
    # version after the purge.
    purge(*affected_paths(page, *url_paths))


def _on_publish_or_unpublish(sender, instance, **kwargs):
    _schedule(instance)


def _on_publish_clear_passed_go_live(sender, instance, **kwargs):
    # Wagtail keeps a page's go-live date after the page goes live; the editor's form then copies it
    # into every later draft, and the Status panel shows such a draft as "Once scheduled: Go-live:
    # <a past date>" with *Edit schedule*, a schedule that no longer exists (issue 28). Once the date
    # has passed it has done its work: forget it, on the row only (no revision, no signal). The
    # in-memory page keeps it for whoever published it (publish_scheduled reports "scheduled for").
    # A future date is a pending schedule and stays.
    if instance.go_live_at is not None and instance.go_live_at <= timezone.now() and instance.live:
        Page.objects.filter(pk=instance.pk).update(go_live_at=None)


def _on_move(sender, instance, url_path_before, url_path_after, **kwargs):
    _schedule(instance, url_path_before, url_path_after)


def _on_slug_change(sender, instance, instance_before, **kwargs):
    _schedule(instance, instance_before.url_path, instance.url_path)


def _on_delete(sender, instance, **kwargs):
    if instance.url_path:
        _schedule(instance)


def _on_privacy_change(sender, instance, **kwargs):
    # A page made private (or public again) changes for anonymous visitors exactly as if it had
    # been unpublished (or published): the page, everything below it, and every listing of it.
    try:
        page = Page.objects.get(pk=instance.page_id)
    except Page.DoesNotExist:
        return  # deleted with its page, which purges for itself
    _schedule(page)


def _on_sitewide_change(sender, created=False, **kwargs):
    # The organisation (feeds' author, every page's JSON-LD publisher) and the authors (bylines, JSON-LD)
    # appear on pages no page signal names: every cached page goes when one changes or is deleted. A new
    # one is on no page yet (the organisation's row is made on its first read, by a render).
    if not created:
        purge(tree_paths=["/"])


def register_signal_handlers():
    page_published.connect(_on_publish_or_unpublish, dispatch_uid="operations.page_cache.published")
    page_published.connect(_on_publish_clear_passed_go_live, dispatch_uid="operations.schedule.go_live_done")
    page_unpublished.connect(_on_publish_or_unpublish, dispatch_uid="operations.page_cache.unpublished")
    post_page_move.connect(_on_move, dispatch_uid="operations.page_cache.moved")
    page_slug_changed.connect(_on_slug_change, dispatch_uid="operations.page_cache.slug_changed")
    pre_delete.connect(_on_delete, sender=Page, dispatch_uid="operations.page_cache.deleted")
    for signal in (post_save, post_delete):
        signal.connect(_on_privacy_change, sender=PageViewRestriction, dispatch_uid=f"operations.page_cache.{signal}")
    for model in (Organisation, Author):
        for signal in (post_save, post_delete):
            signal.connect(
                _on_sitewide_change, sender=model, dispatch_uid=f"operations.page_cache.{model.__name__}.{signal}"
            )
