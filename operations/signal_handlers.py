"""Purging the page cache when any page is published, unpublished, moved, renamed or deleted."""

from django.db import transaction
from django.db.models.signals import pre_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from operations.page_cache import affected_paths, purge


def _schedule(page, *url_paths):
    # Work out the paths now (a deleted page is gone after commit); purge only once the change is
    # visible to other processes, or they could re-cache the old version after the purge.
    exact, trees = affected_paths(page, *url_paths)
    transaction.on_commit(lambda: purge(exact, trees))


def _on_publish_or_unpublish(sender, instance, **kwargs):
    _schedule(instance)


def _on_move(sender, instance, url_path_before, url_path_after, **kwargs):
    _schedule(instance, url_path_before, url_path_after)


def _on_slug_change(sender, instance, instance_before, **kwargs):
    _schedule(instance, instance_before.url_path, instance.url_path)


def _on_delete(sender, instance, **kwargs):
    if instance.url_path:
        _schedule(instance)


def register_signal_handlers():
    page_published.connect(_on_publish_or_unpublish, dispatch_uid="operations.page_cache.published")
    page_unpublished.connect(_on_publish_or_unpublish, dispatch_uid="operations.page_cache.unpublished")
    post_page_move.connect(_on_move, dispatch_uid="operations.page_cache.moved")
    page_slug_changed.connect(_on_slug_change, dispatch_uid="operations.page_cache.slug_changed")
    pre_delete.connect(_on_delete, sender=Page, dispatch_uid="operations.page_cache.deleted")
