"""A cache in front of the app (Varnish, a CDN): what it may keep, and purging it.

Pages say what shared caches may keep with `Cache-Control` (`SharedCacheControlMiddleware`), and are
purged there with the same paths as the page cache (operations/page_cache.py) through Wagtail's
frontend cache with `PurgeBackend`. The Varnish configuration is in deploy/varnish/ (docs/front-cache.md).
"""

from urllib.parse import quote, urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from django.utils.cache import patch_cache_control
from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest

from operations.page_cache import PageCacheMiddleware


class FrontCachePurgeError(Exception):
    """The front cache did not take a purge."""


class PurgeBackend(HTTPBackend):
    """Wagtail's HTTP purger (a `PURGE` request per URL, as Varnish takes them) that gives up and says so.

    Wagtail's own waits as long as a hung cache does and only logs a failure; the purge journal needs
    to know, to try again (operations/page_cache.py). A URL ending in `*` stands for everything below
    it. `TIMEOUT` (seconds, default 2) bounds each request.
    """

    def __init__(self, params):
        params = dict(params)
        self.timeout = float(params.pop("TIMEOUT", 2))
        super().__init__(params)

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        # Paths may hold any Unicode a slug allows; on the wire, as browsers send them.
        target = urlunsplit((self.cache_scheme, self.cache_netloc, quote(parts.path, safe="/*"), parts.query, ""))
        request = PurgeRequest(target, headers={"Host": host, "User-Agent": f"Wagtail-frontendcache/{wagtail_version}"})
        try:
            with urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - LOCATION is the operator's
                response.read()
        except (OSError, ValueError) as error:  # URLError and HTTPError are OSErrors
            raise FrontCachePurgeError(f"PURGE {url}: {error}") from error


class SharedCacheControlMiddleware:
    """Tell caches in front of the app that they may keep what the page cache may keep, and for as long.

    A response the page cache would store that says nothing about caching itself gets `max-age=0,
    s-maxage=PAGE_CACHE_SECONDS`: a shared cache keeps it (and is purged with the page cache),
    browsers ask again. Everything else is left alone, so Varnish keeps only what is marked so.
    Inside the page cache, so pages stored there carry the header on every hit.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        timeout = settings.PAGE_CACHE_SECONDS
        if (
            timeout
            and not response.has_header("Cache-Control")
            and PageCacheMiddleware.request_is_cacheable(request)
            and PageCacheMiddleware.response_is_cacheable(request, response)
        ):
            patch_cache_control(response, max_age=0, s_maxage=timeout)
        return response
