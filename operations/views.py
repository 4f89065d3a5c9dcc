"""Health checks for load balancers, the error pages, and local media files in production."""

import logging
import posixpath
import secrets
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.utils import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.static import serve

logger = logging.getLogger(__name__)


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("health check: database unavailable")
        return False


def _cache_ok():
    key, value = f"healthz:{secrets.token_hex(8)}", secrets.token_hex(8)
    try:
        cache.set(key, value, 10)
        ok = cache.get(key) == value
        cache.delete(key)
        return ok
    except Exception:
        logger.exception("health check: cache unavailable")
        return False


@require_safe
@never_cache
def healthz(request):
    """For load balancers and orchestrators: 200 when the database and cache answer, 503 if not."""
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "error", **{name: "ok" if ok else "error" for name, ok in checks.items()}}
    return JsonResponse(body, status=200 if healthy else 503)


# How long a client should wait before retrying while the database is unreachable.
DATABASE_RETRY_AFTER_SECONDS = 30


def server_error(request):
    """The 500 handler: a friendly 503 when the database is unreachable, else the 500 page.

    Django calls it while handling the exception, so `sys.exc_info()` says what went wrong, whether
    a view or a middleware raised it. Both templates render without the database. A database
    outage is temporary: 503 with Retry-After tells browsers, crawlers and load balancers so, and
    the next request after the database returns reconnects (CONN_HEALTH_CHECKS).
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))


# Files under MEDIA_ROOT that are never served as plain files: documents go through Wagtail's view,
# which checks their collection's privacy.
UNSERVED_MEDIA_PREFIXES = ("documents/",)
MEDIA_MAX_AGE_SECONDS = 24 * 60 * 60


@require_safe
def media(request, path):
    """Images and other public media from MEDIA_ROOT, when no S3 bucket (or proxy) serves them.

    On when SERVE_MEDIA is (production's default without AWS_STORAGE_BUCKET_NAME, and development).
    Django's `serve` refuses paths that leave MEDIA_ROOT; renditions have content-addressed names,
    so browsers may keep them a day.
    """
    # Normalised first, so "images/../documents/x" is a document and "../x" is outside.
    path = posixpath.normpath(path.replace("\\", "/")).lstrip("/")
    if (
        not (settings.SERVE_MEDIA or settings.DEBUG)
        or path.startswith(("../", *UNSERVED_MEDIA_PREFIXES))
        or path in {".", ".."}
    ):
        raise Http404("not served")
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = f"public, max-age={MEDIA_MAX_AGE_SECONDS}"
    return response
