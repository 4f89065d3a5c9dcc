"""What search keeps up to date when pages change: the suggestions offered while typing."""

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from . import suggestions


def _published(instance, **kwargs):
    suggestions.update_page(instance)


def _unpublished(instance, **kwargs):
    suggestions.remove_page(instance)


def _deleted(instance, **kwargs):
    # The rows go with the page (a cascade); the cached vocabulary must go too.
    suggestions.forget_vocabulary()


def register_signal_handlers():
    page_published.connect(_published, dispatch_uid="search.suggestions.published")
    page_unpublished.connect(_unpublished, dispatch_uid="search.suggestions.unpublished")
    post_delete.connect(_deleted, sender=Page, dispatch_uid="search.suggestions.deleted")
