"""What search keeps up to date when pages change (the suggestions offered while typing, the pages most
like each page) and when editors change the synonyms."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from . import similar, suggestions
from .models import Synonym
from .synonyms import forget_synonyms


def _published(instance, **kwargs):
    suggestions.update_page(instance)


def _find_similar(instance, **kwargs):
    similar.update_page(instance)


def _unpublished(instance, **kwargs):
    suggestions.remove_page(instance)


def _deleted(instance, **kwargs):
    # The rows go with the page (a cascade); the cached vocabulary must go too.
    suggestions.forget_vocabulary()


def register_signal_handlers():
    page_published.connect(_published, dispatch_uid="search.suggestions.published")
    page_published.connect(_find_similar, dispatch_uid="search.similar.published")
    page_unpublished.connect(_unpublished, dispatch_uid="search.suggestions.unpublished")
    post_delete.connect(_deleted, sender=Page, dispatch_uid="search.suggestions.deleted")
    post_save.connect(forget_synonyms, sender=Synonym, dispatch_uid="search.synonyms.saved")
    post_delete.connect(forget_synonyms, sender=Synonym, dispatch_uid="search.synonyms.deleted")
