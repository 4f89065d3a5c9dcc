"""gzip for what anonymous visitors read: pages, feeds, the sitemap, JSON.

Compression stays off where BREACH could bite. That attack recovers a secret from the size of
compressed responses that also echo text the attacker chose (a search query, say); the responses
holding secrets here are the admin's, anything served to a session (logged-in editors, reviewers
with a share link: `private, no-store`) and any page with a CSRF token. Public pages hold no
secret, so compressing them gives nothing away; each body still gets Django's random padding
("Heal the BREACH").

MIDDLEWARE lists this before the page cache, so the cache keeps one copy of each page whatever
encoding the visitor accepts, and hits are compressed on their way out. Compressing a page costs
about as much as serving the hit itself, so each process remembers the compressed form of the
pages it served last: a hit pays for a lookup, not for gzip.
"""

import re
from functools import lru_cache

from django.conf import settings
from django.utils.cache import cc_delim_re, patch_vary_headers
from django.utils.text import compress_string

from .security import is_admin_path

ACCEPTS_GZIP = re.compile(r"\bgzip\b")
COMPRESSIBLE_TYPES = ("text/", "application/json", "application/xml", "application/rss+xml", "application/atom+xml")
# Django's GZipMiddleware pads with up to this many random bytes; bodies under MIN_BYTES gain nothing.
RANDOM_PADDING_BYTES = 100
MIN_BYTES = 200
# Pages up to this size are remembered compressed, the most recent REMEMBERED of them per process.
REMEMBER_UP_TO_BYTES = 256 * 1024
REMEMBERED = 256


@lru_cache(maxsize=REMEMBERED)
def _remembered_gzip(content):
    return compress_string(content, max_random_bytes=RANDOM_PADDING_BYTES)


def gzipped(content):
    if len(content) <= REMEMBER_UP_TO_BYTES:
        return _remembered_gzip(content)
    return compress_string(content, max_random_bytes=RANDOM_PADDING_BYTES)


class PublicResponseCompressionMiddleware:
    """gzip for responses any visitor may share; everything else passes uncompressed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not self.shareable(request, response) or response.has_header("Content-Encoding"):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        if not ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return response
        compressed = gzipped(response.content)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response["Content-Length"] = str(len(compressed))
        response["Content-Encoding"] = "gzip"
        # Other bytes than the ETag was made from: the same content, so the same tag, but weak (as
        # Django's GZipMiddleware does); If-None-Match compares weakly, so either form gets a 304.
        etag = response.get("ETag", "")
        if etag.startswith('"'):
            response["ETag"] = f"W/{etag}"
        return response

    @staticmethod
    def shareable(request, response):
        if not settings.COMPRESS_RESPONSES or response.streaming or len(response.content) < MIN_BYTES:
            return False
        if is_admin_path(request.path_info) or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return False
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES):
            return False
        cache_control = {
            part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))
        }
        if cache_control & {"private", "no-store"}:
            return False
        return b"csrfmiddlewaretoken" not in response.content
