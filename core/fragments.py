"""What any page change can alter, cached until the next change: the home page's listings, each
listing's page of cards, a page's related cards and its rendered body.

One version token covers them: a random string, replaced when any page is published, unpublished,
moved, renamed, deleted or made private or public (core/signal_handlers.py), after the transaction
commits, which is when the page cache purges every page that lists pages (operations/). A fragment is
cached under the token it was rendered with, so none rendered before a change is read after it, in
any process: the token lives in the shared cache.
"""

import secrets

from django.core.cache import cache

VERSION_KEY = "hub:pages-version"
# Fragments expire even when nothing changes, so the ones a change left behind do not pile up.
FRAGMENT_SECONDS = 24 * 60 * 60


def pages_version():
    """The token the current fragments are cached under (made when missing, e.g. evicted)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, secrets.token_hex(8), timeout=None)  # another process's, if it got there first
        version = cache.get(VERSION_KEY)
    return version


def forget_fragments(**kwargs):
    """Retire every cached fragment: later renders read a new token and render afresh."""
    cache.set(VERSION_KEY, secrets.token_hex(8), timeout=None)


def remembered(name, parts, compute):
    """`compute()`, cached under the current token as `name` for `parts` (ids, not free text).

    For data a page shows of other pages (listings, related cards): read once per change of the site
    instead of once a request. A failed cache read is a miss; what `compute` returns must pickle.
    """
    key = f"hub:fragment:{name}:{':'.join(map(str, parts))}:{pages_version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, FRAGMENT_SECONDS)
    return value
