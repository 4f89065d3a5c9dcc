"""Production: everything from the environment, secure by default.

`python manage.py check --deploy --fail-level WARNING` passes with these defaults. The few
switches below exist for running production settings over plain HTTP on a developer's machine
(the two-instance test does): never turn them off behind a real HTTPS front end.
"""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY")  # no default: refuse to start without a real key
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
# No default in production: `check --deploy` fails until SITE_URL names the public address
# (operations/checks.py), and its host must be one of ALLOWED_HOSTS.
SITE_URL = env("SITE_URL", default="").rstrip("/")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=SITE_URL)
WAGTAILAPI_BASE_URL = SITE_URL

# The app runs behind a TLS-terminating proxy or load balancer, which tells us the original scheme
# (and the client's address: FORWARDED_ALLOW_IPS in base.py).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Load balancers probe over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
SESSION_COOKIE_HTTPONLY = True
# Upgrade any stray http:// subresource on HTTPS pages rather than load it in clear.
if SECURE_SSL_REDIRECT:
    for _policy in (CONTENT_SECURITY_POLICY, ADMIN_CONTENT_SECURITY_POLICY, PREVIEW_CONTENT_SECURITY_POLICY):  # noqa: F405
        _policy["DIRECTIVES"]["upgrade-insecure-requests"] = True

# Hashed, compressed (gzip and Brotli) static files served by WhiteNoise with far-future
# expiry; `collectstatic` builds them at release time.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}  # noqa: F405

# Without Redis, a directory of cache files that every gunicorn worker and management command
# shares: a purge from any of them (a moderator unpublishing, publish_scheduled in cron) reaches all.
# Local memory would be one cache per process, each serving what the others purged.
if not REDIS_URL:  # noqa: F405
    CACHES = {
        "default": {
            "BACKEND": "operations.cache_backend.SharedFileCache",
            "LOCATION": CACHE_DIR,  # noqa: F405
            "OPTIONS": {"MAX_ENTRIES": env.int("CACHE_MAX_ENTRIES", default=20_000)},
        }
    }

# Local media (MEDIA_ROOT, no AWS_STORAGE_BUCKET_NAME): the app serves /media/ unless a proxy does
# (SERVE_MEDIA=false). Without it, every image would 404.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=not AWS_STORAGE_BUCKET_NAME)  # noqa: F405

# Anonymous page views are served from the shared cache (purged on publish; see operations/page_cache.py).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)

# Purge a CDN in front of the site when pages change: CloudFront (through boto3) or any cache
# that accepts HTTP PURGE requests (Varnish with deploy/varnish/, Fastly-style). Purges that fail wait
# in the purge journal and are tried again (operations/page_cache.py).
if env("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID", default=""):
    WAGTAILFRONTENDCACHE = {
        "cloudfront": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": env("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"),
        }
    }
elif env("FRONTEND_CACHE_PURGE_URL", default=""):
    WAGTAILFRONTENDCACHE = {
        "http": {
            # Wagtail's HTTPBackend with a timeout, reporting failures to the journal.
            "BACKEND": "operations.front_cache.PurgeBackend",
            "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
            "TIMEOUT": env.float("FRONTEND_CACHE_PURGE_TIMEOUT", default=2),
        }
    }

# One JSON object per line on stdout, for the platform's log collector.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "operations.log.JsonFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "django.security": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
