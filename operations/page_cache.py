"""A full-page cache for anonymous visitors, kept in Django's cache and purged when pages change.

Every app process and management command shares the cache (in production Redis, or without it a
directory of files: `operations/cache_backend.py`), so a page published or purged by any process is
fresh on all of them. A cached page is stored with the *version tokens* its URL path
had when it was rendered, and served only while they are unchanged:

- an "exact" token for the path itself (bumped when a listing on that page changes), and
- a "tree" token for the path and each of its prefixes (bumped when the page at that prefix
  changes, which invalidates it, its query-string variants, sub-routes and every page below it).

Purging writes new random tokens, so old entries simply stop matching and expire on their own
(PAGE_CACHE_SECONDS). A lookup reads the page and its tokens in one round trip. Tokens are made
when a page is first stored (so a request for a made-up path leaves nothing behind) and never
expire. Losing one is safe: should a token be evicted (Redis with `maxmemory-policy allkeys-lru`:
docs/deployment.md) or culled by the file cache, a new random one is made, and as a page is only
ever stored under tokens that exist, nothing old comes back; the pages below it render afresh.

Wagtail's signals drive the purge (`signal_handlers.py`), for every page type, after the transaction
commits (so no other process can re-cache the old version in between): the page and everything
below it, its parents' listings up to the home page, topic pages, feeds, the sitemap and the search page. A page in the
site menu (a child of the site root) or the site root itself appears on every page, so it purges
everything. When a front cache is configured (WAGTAILFRONTENDCACHE: Varnish, a CDN), the same paths
are purged there, after the page cache. Every purge is first written to a journal in the database with
the change, so a cache that could not be reached gets it later ("Purging" below).
"""

import hashlib
import logging
import re
import secrets
import time

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost, FieldDoesNotExist
from django.db import DatabaseError, transaction
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.urls import NoReverseMatch, reverse
from django.utils.cache import cc_delim_re
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.models import Page, Site

from core.fragments import forget_fragments
from core.menu import forget_main_menu
from core.models import forget_private_paths
from core.negotiation import negotiate
from operations.models import PendingPurge

logger = logging.getLogger(__name__)

CACHE_ALIAS = "default"
HIT_HEADER = "X-Page-Cache"
# The one query string a cached page may have besides none: page N ≥ 2 of a listing, written the one
# way the listing links to it (core/pagination.py). Any other query string (`?page=1`, `?page=02`,
# `?utm_source=…`) is served uncached, so made-up variants cannot fill the cache.
LISTING_PAGE_QUERY = re.compile(r"page=([2-9]|[1-9][0-9]+)")
# Varying on these is fine: the cache never serves a visitor with a session (see below), and the
# format the Accept header chooses (HTML or Markdown, `core.negotiation.negotiate`) is in the key.
HARMLESS_VARY = {"cookie", "accept-encoding", "accept"}
# Response headers that belong to one response only.
UNCACHED_HEADERS = {"set-cookie", "x-page-cache", "content-length"}
# Site-wide listings any page change can alter.
LISTING_URL_NAMES = ["feed-rss", "feed-atom", "sitemap", "search", "llms-txt"]
TOPIC_FEED_URL_NAMES = ["topic-feed-rss", "topic-feed-atom"]


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def _exact_key(path):
    return f"pagecache:exact:{_digest(path)}"


def _tree_key(path):
    return f"pagecache:tree:{_digest(path)}"


def _prefixes(path):
    """'/a/b/' -> ['/', '/a/', '/a/b/']; '/feeds/rss.xml' -> ['/', '/feeds/', '/feeds/rss.xml']."""
    prefixes = ["/"]
    position = path.find("/", 1)
    while position != -1:
        prefixes.append(path[: position + 1])
        position = path.find("/", position + 1)
    if path != prefixes[-1]:
        prefixes.append(path)
    return prefixes


def _version_keys(path):
    return [_exact_key(path), *(_tree_key(prefix) for prefix in _prefixes(path))]


def _excluded_prefixes():
    return (
        *settings.ADMIN_URL_PREFIXES,
        "/documents/",  # streamed through Wagtail's privacy checks, every time
        "/healthz/",
        settings.STATIC_URL,
        settings.MEDIA_URL,
    )


class PageCacheMiddleware:
    """Serve anonymous GET requests from the shared cache; store what is safe to share.

    Only canonical addresses are cached: no query string, or `?page=N` for a page N ≥ 2 that the
    listing has (a listing answers any other number with a 404, which is never stored), on the host
    as ALLOWED_HOSTS names it (lower case, and a port only if it is the one the request came in on).
    Never cached: anything but GET, the admin, documents, /healthz/, requests carrying a session
    cookie (logged-in users, anyone with messages), previews and share links (Wagtail's simulated
    `is_dummy` request), responses that set a cookie (CSRF, session, messages), use a CSRF token,
    are not 200, are marked private/no-cache/no-store, or vary on anything but Cookie,
    Accept-Encoding and Accept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = settings.PAGE_CACHE_SECONDS
        if not timeout or not self.request_is_cacheable(request):
            return self.get_response(request)
        # A purge this cache missed while it was unreachable is replayed first; until it lands, the
        # cache is neither read nor written.
        if not page_cache_is_trusted():
            return self.get_response(request)
        host = _canonical_host(request)
        if host is None:
            return self.get_response(request)
        cache = caches[CACHE_ALIAS]
        path = request.path
        query = request.META.get("QUERY_STRING", "")
        # HTML and Markdown of one URL are two entries (None: a 406, never stored).
        wanted = str(negotiate(request))
        key = f"pagecache:page:{_digest('|'.join([request.scheme, host, path, query, wanted]))}"
        version_keys = _version_keys(path)
        # One round trip: the stored page and the current version tokens of its path. An entry
        # stored under other tokens predates a purge and is treated as missing.
        found = cache.get_many([key, *version_keys])
        versions = [found.get(version_key) for version_key in version_keys]
        entry = found.get(key)
        if entry is not None and entry[0] == versions:
            _, status, headers, content = entry
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response[HIT_HEADER] = "hit"
            return response

        response = self.get_response(request)
        if self.response_is_cacheable(request, response) and _is_a_page_of_the_listing(request, query):
            # The tokens read before rendering: if a purge happened meanwhile, this entry is stale
            # at birth and the next request renders afresh.
            versions = _with_new_tokens(cache, version_keys, versions)
            if versions is not None:
                headers = [(name, value) for name, value in response.items() if name.lower() not in UNCACHED_HEADERS]
                cache.set(key, (versions, response.status_code, headers, response.content), timeout)
                response[HIT_HEADER] = "miss"
        return response

    @staticmethod
    def request_is_cacheable(request):
        query = request.META.get("QUERY_STRING", "")
        return (
            request.method == "GET"
            # Wagtail's simulated request for a preview or share link runs this middleware too, for
            # the page's public URL: it must neither be served the live page nor store the draft.
            and not getattr(request, "is_dummy", False)
            and not request.path.startswith(_excluded_prefixes())
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
            and (not query or LISTING_PAGE_QUERY.fullmatch(query) is not None)
        )

    @staticmethod
    def response_is_cacheable(request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if getattr(request, "is_preview", False):
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        cache_control = {
            part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))
        }
        if cache_control & {"private", "no-cache", "no-store"}:
            return False
        vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part.strip()}
        if vary - HARMLESS_VARY:
            return False
        # A rendered CSRF token is per visitor, whatever the cookies say.
        return b"csrfmiddlewaretoken" not in response.content


def _canonical_host(request):
    """The Host header as the cache keys it, or None when the request must not use the cache.

    The host is part of the page (absolute addresses are built from it), but ALLOWED_HOSTS lets
    through every spelling of an allowed name: any case, a trailing dot, any port. Only the plain
    spelling is cached, with a port only when it is the one the request came in on and not the
    scheme's own (what a browser sends for a site on another port): made-up ports cannot fill the
    cache. Behind a proxy that listens on a unix socket, have the proxy set the Host header itself
    (nginx: `proxy_set_header Host $host;`), since gunicorn then takes the port from the header.
    """
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    domain, port = split_domain_port(host)
    if host != (f"{domain}:{port}" if port else domain):
        return None
    if port and (port != request.get_port() or port == ("443" if request.is_secure() else "80")):
        return None
    return host


def _is_a_page_of_the_listing(request, query):
    """Whether the query string (`page=N`, or none) selected what was rendered: a page the listing has.

    Pages that are no listing ignore `?page=`: each made-up number would be one more copy of them.
    """
    if not query:
        return True
    return getattr(request, "listing_page", None) == int(query.removeprefix("page="))


def _with_new_tokens(cache, version_keys, versions):
    """`versions` with a new token for each that was missing, or None when another process wrote one first.

    Tokens are made only for pages that are stored, so requests for made-up paths leave nothing
    behind. A token written meanwhile may be a purge of the page just rendered: not stored this time.
    """
    completed = []
    for version_key, version in zip(version_keys, versions, strict=True):
        if version is None:
            version = secrets.token_hex(8)
            if not cache.add(version_key, version, timeout=None):
                return None  # also when the cache is down: nothing to store under
        completed.append(version)
    return completed


# Purging
#
# Every purge is written to a journal in the database (operations.models.PendingPurge), in the
# transaction of the change it follows, and applied once that commits. A cache that cannot be reached
# then (Redis hung or down, an unwritable file cache, Varnish down) keeps the purge in the journal, and
# every app process replays the journal before it trusts its cache again: at most
# PURGE_JOURNAL_CHECK_SECONDS after its last look. So a change that committed while a cache was
# unreachable is never served from it once that time has passed, whichever process made the change.

# Above this many paths a replay purges the whole site instead (one token, one ban).
MAX_REPLAYED_PATHS = 500
# After the front cache failed a purge, a visitor's request waits this long before it tries again
# (a hung Varnish costs each try its timeout). Purges after a change always try at once.
FRONT_CACHE_RETRY_SECONDS = 10
# While the journal cannot be read (the database is unreachable, so no change can commit either),
# the cache is trusted and the journal looked at again this much later.
UNREADABLE_JOURNAL_RETRY_SECONDS = 30

# Whether this process trusts its page cache, as the journal said when it last looked, and until when
# (time.monotonic()) that verdict stands; before when a visitor's request leaves a failing front cache alone.
_trusted = False
_verdict_until = 0.0
_front_cache_retry_at = 0.0


def purge(exact_paths=(), tree_paths=()):
    """Invalidate cached pages: `exact_paths` and all their variants, `tree_paths` and everything below.

    Journalled in the current transaction; applied (with any purge still pending) once it commits, or at
    once outside a transaction.
    """
    try:
        with transaction.atomic():
            PendingPurge.objects.create(exact_paths=sorted(exact_paths), tree_paths=sorted(tree_paths))
    except DatabaseError:
        # No journal to write to (a database restored from before it, not yet migrated): purge unjournalled.
        logger.exception("purge journal unavailable; purging without it")
        _purge_page_cache(set(exact_paths), set(tree_paths))
        _purge_front_cache(set(exact_paths), set(tree_paths))
        return
    # robust: the change has committed whatever happens here; a failed replay is retried later.
    transaction.on_commit(replay_journal, robust=True)


def replay_journal(visitor_waiting=False):
    """Apply every journalled purge, merged, to each cache still owed it; True if the page cache is owed none.

    The page cache first, then the front cache (which may have fetched a stale page from the page cache
    in between). With a visitor waiting, a front cache that failed lately is left alone for a while.
    """
    global _front_cache_retry_at
    entries = list(PendingPurge.objects.all())
    if not entries:
        return True
    owed = [entry for entry in entries if entry.page_cache]
    page_cache_done = not owed or _purge_page_cache(*_merged(owed))
    if owed and page_cache_done:
        PendingPurge.objects.filter(pk__in=[entry.pk for entry in owed]).update(page_cache=False)
    now = time.monotonic()
    if visitor_waiting and (not page_cache_done or now < _front_cache_retry_at):
        return page_cache_done
    if _purge_front_cache(*_merged(entries)):
        settled = [entry.pk for entry in entries if page_cache_done or not entry.page_cache]
        PendingPurge.objects.filter(pk__in=settled).delete()
    else:
        _front_cache_retry_at = now + FRONT_CACHE_RETRY_SECONDS
    return page_cache_done


def page_cache_is_trusted():
    """Whether this process may read and write the page cache: it owes no purge, as last seen in the journal.

    The journal is read (and replayed) at most every PURGE_JOURNAL_CHECK_SECONDS, trusted or not, so a
    hit costs no query, nor does a request while a purge cannot land.
    """
    global _trusted, _verdict_until
    now = time.monotonic()
    if now < _verdict_until:
        return _trusted
    try:
        _trusted = replay_journal(visitor_waiting=True)
        _verdict_until = now + settings.PURGE_JOURNAL_CHECK_SECONDS
    except DatabaseError:
        logger.warning("purge journal unreadable; trusting the page cache for %ss", UNREADABLE_JOURNAL_RETRY_SECONDS)
        _trusted, _verdict_until = True, now + UNREADABLE_JOURNAL_RETRY_SECONDS
    return _trusted


def _merged(entries):
    """(exact paths, tree paths) of all `entries`; the whole site when that is many paths."""
    exact = {path for entry in entries for path in entry.exact_paths}
    trees = {path for entry in entries for path in entry.tree_paths}
    if len(exact) + len(trees) > MAX_REPLAYED_PATHS:
        return set(), {"/"}
    return exact, trees


def _purge_page_cache(exact_paths, tree_paths):
    """New version tokens for the paths, and the fragments listings and the menu read; False if the cache failed."""
    cache = caches[CACHE_ALIAS]
    tokens = {_exact_key(path): secrets.token_hex(8) for path in exact_paths}
    tokens.update({_tree_key(path): secrets.token_hex(8) for path in tree_paths})
    try:
        # Listings read the private sections from the cache, every page the menu, the home page its
        # listings fragment: forget them after commit too, in case another process re-read the old
        # ones between the change and the commit, and on a replay, when the change's own were lost.
        forget_private_paths()
        forget_main_menu()
        forget_fragments()
        if tokens:
            cache.set_many(tokens, timeout=None)
    except Exception:
        logger.warning("page cache purge failed; it stays in the journal", exc_info=True)
        return False
    # The Redis backend's circuit breaker turns an outage into writes that silently do nothing.
    if getattr(cache, "is_down", lambda: False)():
        logger.warning("page cache purge failed (the cache is down); it stays in the journal")
        return False
    return True


def _purge_front_cache(exact_paths, tree_paths):
    """Purge WAGTAILFRONTENDCACHE (trees as `path*`); False if it failed."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return True
    roots = {root.root_url.rstrip("/") for root in Site.get_site_root_paths()}
    urls = [root + path for root in roots for path in exact_paths]
    urls += [f"{root}{path}*" for root in roots for path in tree_paths]
    try:
        # Wagtail's own task, run here and now rather than queued: a failure must be known to be retried.
        purge_urls_from_cache_task.call(sorted(urls))
    except Exception:
        logger.warning("front cache purge failed; it stays in the journal", exc_info=True)
        return False
    return True


def _relative_paths(url_path):
    """The URL paths (one per site containing it) at which a page with `url_path` is served."""
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            yield "/" + url_path[len(root.root_path) :]


def _reverse_all(names, **kwargs):
    for name in names:
        try:
            yield reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            continue


def affected_paths(page, *url_paths):
    """(exact paths, tree paths) to purge when `page` changes; `url_paths` are its old and new places."""
    exact, trees = set(), set()
    page_type = page.specific_class or type(page)
    siblings_too = getattr(page_type, "siblings_show_each_other", False)
    everywhere = getattr(page_type, "shown_across_sections", False)
    for url_path in url_paths or [page.url_path]:
        for path in _relative_paths(url_path):
            trees.add(path)
            # Ancestors' listings up to the home page.
            prefixes = _prefixes(path)
            exact.update(prefixes[:-1])
            if len(prefixes) <= 2 or everywhere:
                # The site root or a section in the site menu: every page shows it (and a content page
                # may be shown as related on any other).
                trees.add("/")
            elif siblings_too:
                trees.add(prefixes[-2])  # the parent, and so every sibling
    exact.update(_markdown_paths(exact | trees))
    trees.update(getattr(settings, "PAGE_CACHE_PURGE_TREES", ()))
    exact.update(_reverse_all(LISTING_URL_NAMES))
    exact.update(_reverse_all(TOPIC_FEED_URL_NAMES, slug=page.slug))
    topics = _topic_paths(page)
    exact.update(topics, _markdown_paths(topics))
    return exact, trees


def _markdown_paths(paths):
    """The Markdown addresses of pages at `paths` (`/a/b/` → `/a/b.md`, `/a/b/index.html.md`).

    `/a/b/index.html.md` lies under the tree `/a/b/`, but `/a/b.md` is a sibling of it: purged by name.
    """
    found = set()
    for path in paths:
        if path.endswith("/"):
            found.add(f"{path}index.html.md")
            if path != "/":
                found.add(f"{path[:-1]}.md")
    return found


def _topic_paths(page):
    """Every topic page and its feeds, when `page` is a type that can be tagged with topics.

    All topics, not only the page's current ones: it may just have been taken out of one.
    """
    try:
        field = (page.specific_class or type(page))._meta.get_field("topics")
    except FieldDoesNotExist:
        return set()
    topic_model = field.related_model
    if not (isinstance(topic_model, type) and issubclass(topic_model, Page)):
        return set()
    paths = set()
    for topic in topic_model.objects.live().only("url_path", "slug"):
        paths.update(_relative_paths(topic.url_path))
        paths.update(_reverse_all(TOPIC_FEED_URL_NAMES, slug=topic.slug))
    return paths
