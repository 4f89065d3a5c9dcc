import logging
import secrets

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_safe

logger = logging.getLogger(__name__)


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


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
