"""The editors' synonyms (search.Synonym), read once and cached until an editor changes them."""

from django.core.cache import cache

from .models import Synonym

SYNONYMS_KEY = "search:synonyms"
SYNONYMS_SECONDS = 3600


def synonym_groups():
    """(each way of writing one thing as a tuple of words, …) for every synonym an editor listed."""
    groups = cache.get(SYNONYMS_KEY)
    if groups is None:
        groups = [synonym.alternatives for synonym in Synonym.objects.all()]
        groups = [group for group in groups if len(group) > 1]
        cache.set(SYNONYMS_KEY, groups, SYNONYMS_SECONDS)
    return groups


def forget_synonyms(**kwargs):
    cache.delete(SYNONYMS_KEY)
