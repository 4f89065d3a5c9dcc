"""Health checks for load balancers, and the error page when the database is down."""

import logging
import secrets
import sys

from django.core.cache import cache
from django.db import connection
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

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
