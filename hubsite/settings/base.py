"""Settings shared by every environment.

Everything that differs between machines is read from the environment (or a `.env` file)
through django-environ; `.env.example` lists the variables.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

SECRET_KEY = env("SECRET_KEY", default=None)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The site's one public address (scheme, host and port, no path), e.g. https://hub.example.com. Every
# absolute URL the site writes starts with it, whatever Host a request sends (core/site_url.py), and
# `migrate` points the default Wagtail Site at it. `make run` sets it to http://HOST:PORT.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "core",
    "operations",
    "home",
    "topics",
    "guides",
    "reviews",
    "articles",
    "search",
    "sharing",
    "api",
    "portability",
    "demo",
    "wagtailaccessibility",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "csp",
]

MIDDLEWARE = [
    # gzip for public responses only (BREACH: see operations/compression.py); outside the page cache,
    # so cached pages are stored once, uncompressed, and hits are compressed on the way out.
    "operations.compression.PublicResponseCompressionMiddleware",
    # Ahead of the page cache, so API requests it answers are counted too (api/middleware.py).
    "api.middleware.APIThrottleMiddleware",
    # Conditional GET: an ETag from the content (and the Last-Modified feeds and the sitemap set) on every
    # answer, and a 304 when the client already has it. Outside the page cache, so hits are answered
    # too; inside compression, so the ETag is the content's, weakened when gzipped (operations/compression.py).
    "django.middleware.http.ConditionalGetMiddleware",
    # Next, so a hit costs one cache round trip and nothing else. It stores pages with the
    # headers the middleware below adds (security, CSP), so hits carry them too; and it sees the
    # session, CSRF and messages cookies on the way out and never stores a response that sets one.
    "operations.page_cache.PageCacheMiddleware",
    # Marks what the page cache may store as shareable (Cache-Control: s-maxage) for a front cache such
    # as Varnish or a CDN; inside the page cache, so stored pages carry the mark on every hit.
    "operations.front_cache.SharedCacheControlMiddleware",
    # Pages answer HTML or Markdown by the Accept header (portability/): inside the page cache, so
    # cached pages keep their `Vary: Accept` for the CDN and browsers.
    "portability.middleware.VaryOnAcceptMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # An upload that cannot reach the media storage becomes an error message, not a 500.
    "operations.middleware.MediaStorageErrorMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Wagtail's site and its root page, remembered per process until a page or site changes (core/sites.py).
    "core.sites.RememberedSiteMiddleware",
    "operations.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Editors may not delete or replace an image or document a live page uses (operations/deletion.py).
    "operations.deletion.MediaInUseGuardMiddleware",
    # Wagtail's dashboard approves without a word; this says what happened (operations/approvals.py).
    "operations.approvals.WorkflowActionConfirmationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a locked-out login into a 429 page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses logins from a client (IP address) locked out after repeated failures.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "hubsite.urls"
# A failed CSRF check gets a page in the site's layout (templates/403_csrf.html), not Django's.
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "hubsite.wsgi.application"

# SQLite file next to manage.py unless DATABASE_URL says otherwise (postgres://… uses psycopg 3).
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env.bool("DB_POOL", default=False):
    # Django's native psycopg pool keeps connections open per process; persistent
    # connections (CONN_MAX_AGE) must stay off when it is used.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DB_POOL_MIN_SIZE", default=2),
        "max_size": env.int("DB_POOL_MAX_SIZE", default=10),
        "timeout": env.int("DB_POOL_TIMEOUT", default=10),
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# A connection left broken by a database restart or network cut is noticed and replaced on the next
# request (for the pool too: Django then checks a pooled connection before handing it out), so the
# site recovers by itself when the database returns.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast when the database is unreachable (a 503 page at once, not a worker timing out).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DB_CONNECT_TIMEOUT", default=5)
    )
    # No JIT compilation: listings join every page type's table, and on a database whose tables have not
    # yet been analysed the planner's row estimates for those joins run into the billions, so PostgreSQL
    # spent 2 s compiling a query that then ran in a millisecond (the related cards every page ends with).
    # Our queries are small and many; JIT pays only for long analytical ones.
    options = DATABASES["default"]["OPTIONS"].get("options", "")
    if "jit" not in options:
        DATABASES["default"]["OPTIONS"]["options"] = f"{options} -c jit=off".strip()

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default must survive an editor with the preview panel open (autosave and the
    # preview post while the page is being saved) and a few editors at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # Take the write lock when a transaction starts. With SQLite's default (DEFERRED), a
            # transaction that read first and then writes fails at once with "database is locked"
            # when another connection wrote in between; waiting (the timeout) cannot help it.
            "transaction_mode": "IMMEDIATE",
            # Seconds a connection waits for another's write to finish before giving up.
            "timeout": 20,
            # WAL: readers never wait for the writer nor block it. synchronous=NORMAL is safe with
            # WAL (a power cut can lose the last commits, never corrupt the file) and avoids an
            # fsync per commit. mmap: search's full-text index is read from memory the OS already holds
            # instead of through SQLite's 2 MB page cache (at 10,000 pages, a query's FTS read 39 -> 21 ms).
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=268435456;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Local memory unless REDIS_URL points at a shared Redis (needed with several app processes).
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis cache, but a Redis outage is logged and treated as a miss: the site keeps
            # serving (uncached) instead of failing every request. /healthz/ still reports it.
            "BACKEND": "operations.cache_backend.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="hub"),
            # A Redis that does not answer costs one such wait; then it is left alone for
            # REDIS_DOWN_SECONDS (a circuit breaker) and pages render uncached.
            "OPTIONS": {
                "socket_connect_timeout": env.float("REDIS_TIMEOUT", default=0.25),
                "socket_timeout": env.float("REDIS_TIMEOUT", default=0.25),
            },
        }
    }
else:
    # One process (runserver); production.py shares a file cache between processes instead.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS_DOWN_SECONDS = env.float("REDIS_DOWN_SECONDS", default=30)
# Where production keeps its cache without Redis: one directory every app process and command shares.
CACHE_DIR = env("CACHE_DIR", default=str(BASE_DIR / "var" / "cache"))

# Full-page cache for anonymous visitors (operations/page_cache.py), purged when pages change.
# 0 turns it off (the default in development, so editors see changes at once anyway).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)
# How often each app process reads the purge journal (operations/page_cache.py): a change made while a
# cache was unreachable is served from it at most this long after it committed. 0: on every request.
PURGE_JOURNAL_CHECK_SECONDS = env.float("PURGE_JOURNAL_CHECK_SECONDS", default=1.0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "media"))
MEDIA_URL = env("MEDIA_URL", default="/media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Media in Amazon S3 or any S3-compatible store when a bucket is named. Credentials come from
# AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or, when those are unset, boto3's own chain (instance
# role, ~/.aws). Image URLs are plain, unsigned object URLs (or the CDN's, with a custom domain):
# cached page HTML must never hold a signature that expires. So the bucket (or CDN) must allow
# public reads of images/ and original_images/; documents stay private and are streamed through
# Wagtail's serve view, which checks collection privacy.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default="")
AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", default="")
AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        # django-storages' S3Storage with short timeouts, and an outage reported as such (operations/storage.py).
        "BACKEND": "operations.storage.S3MediaStorage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": AWS_S3_ENDPOINT_URL or None,
            "region_name": AWS_S3_REGION_NAME or None,
            "custom_domain": AWS_S3_CUSTOM_DOMAIN or None,
            "location": env("AWS_LOCATION", default=""),
            "access_key": env("AWS_ACCESS_KEY_ID", default=None),
            "secret_key": env("AWS_SECRET_ACCESS_KEY", default=None),
            # Two uploads called a.jpg get two objects, never one replacing the other.
            "file_overwrite": False,
            # Unsigned URLs: safe to put in cached HTML.
            "querystring_auth": False,
            # No ACL on upload, so buckets with ACLs disabled (Object Ownership "bucket owner
            # enforced", the AWS default) accept the writes; access is the bucket policy's job.
            "default_acl": None,
            "object_parameters": {"CacheControl": env("AWS_S3_CACHE_CONTROL", default="public, max-age=86400")},
        },
    }


# Serve MEDIA_ROOT from the app (operations.views.media; never documents, which Wagtail serves with
# their privacy checks). Production turns it on when there is no S3 bucket; off when a proxy serves
# /media/ itself.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


# Where images are loaded from, for the Content Security Policy.
if AWS_S3_CUSTOM_DOMAIN:
    MEDIA_ORIGINS = [f"https://{AWS_S3_CUSTOM_DOMAIN}"]
elif AWS_STORAGE_BUCKET_NAME and AWS_S3_ENDPOINT_URL:
    MEDIA_ORIGINS = [_origin(AWS_S3_ENDPOINT_URL)]
elif AWS_STORAGE_BUCKET_NAME:
    MEDIA_ORIGINS = ["https://*.amazonaws.com"]
else:
    MEDIA_ORIGINS = [origin for origin in [_origin(MEDIA_URL)] if origin]

# Compress public HTML, feeds and JSON in the app (operations/compression.py); turn off when a proxy
# or CDN in front compresses instead.
COMPRESS_RESPONSES = env.bool("COMPRESS_RESPONSES", default=True)

# WhiteNoise serves static files from the app processes (no CDN needed, none used).
WHITENOISE_MAX_AGE = 3600
# Files browsers ask for at the site's root (/favicon.ico), served as they are.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
WHITENOISE_MIMETYPES = {".webmanifest": "application/manifest+json"}

# Complex guides have many StreamField inputs; Django's default of 1,000 fields is too few.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# Email (password resets, moderation notifications) from EMAIL_URL, e.g.
# smtp+tls://user:password@smtp.example.com:587 (django-environ's schemes: smtp, smtps/smtp+tls,
# smtp+ssl, consolemail, filemail, memorymail). Without it, mail is written to the console (the log),
# never silently lost; production's deploy check warns (operations/checks.py).
EMAIL_URL = env("EMAIL_URL", default="")
if EMAIL_URL:
    globals().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Learning Hub <noreply@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# A mail server that does not answer must not hold a request (a password reset) for long.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# Security headers every environment sends (production.py adds HTTPS-only ones).
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content Security Policy for the public site: only this origin's scripts and styles (the site
# has no inline script or style attribute; JSON-LD data blocks are not scripts), media from the
# storage's origin (and CSP_MEDIA_SOURCES for episodes' audio), and video embeds from the two players
# reviews use.
CSP_FRAME_SOURCES = env.list(
    "CSP_FRAME_SOURCES",
    default=["https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"],
)
# Where podcast episodes' audio may be played from, besides this site and its media storage, e.g.
# "https://cdn.podcast.example" (include the host an audio address redirects to).
CSP_MEDIA_SOURCES = env.list("CSP_MEDIA_SOURCES", default=[])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "media-src": [SELF, *MEDIA_ORIGINS, *CSP_MEDIA_SOURCES],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *CSP_FRAME_SOURCES],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        # The admin's preview panel frames pages from this origin.
        "frame-ancestors": [SELF],
    }
}
# The Wagtail admin (and Django's) still needs inline scripts and styles; operations/security.py
# sends it this policy instead. Still same-origin only: no third-party script can load.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:", *MEDIA_ORIGINS],
        "worker-src": [SELF, "blob:"],
    }
}
ADMIN_URL_PREFIXES = ["/admin/", "/django-admin/"]
# Previews and share links (a draft rendered for an editor or a reviewer, never cached, never public)
# load tota11y, whose bundle injects <style> elements and evaluates its bundled axe checks with
# eval(). They get the public policy plus exactly those two allowances; the public site never does.
PREVIEW_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, "'unsafe-eval'"],
        "style-src": [SELF, "'unsafe-inline'"],
    }
}

# The proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated, or *):
# the same variable and default as gunicorn's. operations.security.client_ip reads it for the
# login lockout; from any other peer, the client is the peer itself.
FORWARDED_ALLOW_IPS = env.list("FORWARDED_ALLOW_IPS", default=["127.0.0.1"])
# django-axes: lock a client out of the admin login after repeated failures (address: client_ip).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_CLIENT_IP_CALLABLE = "operations.security.client_ip"
AXES_RESET_ON_SUCCESS = True

# Wagtail
WAGTAIL_SITE_NAME = "Learning Hub"
# Links in emails and commands' output to the admin: on the public address unless the admin has its own.
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=SITE_URL)
# Draftail, saving nested lists and code blocks whole (core/rich_text.py).
WAGTAILADMIN_RICH_TEXT_EDITORS = {"default": {"WIDGET": "core.rich_text.HubDraftailRichTextArea"}}
# The database backend: SQLite FTS5 on SQLite (ranked in one pass: search/backend.py), full-text
# search on PostgreSQL. A site that outgrows it sets SEARCH_URL to an OpenSearch/Elasticsearch
# server (docs/search.md).
# English stems on PostgreSQL as on SQLite (core/analysis.py), whatever the server's default configuration.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend", "SEARCH_CONFIG": "english"}}
if env("SEARCH_URL", default=""):
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": env("SEARCH_BACKEND", default="wagtail.search.backends.opensearch2"),
        "URLS": [env("SEARCH_URL")],
        "INDEX": env("SEARCH_INDEX", default="learninghub"),
        "TIMEOUT": 5,
        "OPTIONS": {},
        "INDEX_SETTINGS": {},
    }
# Search terms older than this many days are removed by `searchpromotions_garbage_collect`.
WAGTAILSEARCH_HITS_MAX_AGE = 30
# Documents: an allow-list of office formats (nothing a browser would run, no HTML or SVG).
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents are always streamed through Wagtail's view, which enforces collection privacy,
# never redirected to a (public) storage URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Raster formats only: SVG can carry scripts and there is no sanitiser in place.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# Reject decompression bombs before Pillow allocates them (about 8K × 5K).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Private pages and document collections are restricted to logged-in accounts; shared
# passwords leak too easily. (Wagtail's key is SHARED_PASSWORD; anything else is ignored.)
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No third-party requests from the admin either (avatars are uploaded, not fetched from Gravatar).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Editors' workflow (docs/editors.md, "Roles"). These are Wagtail's defaults,
# stated here because the hub relies on them: comments on pages, autosave of drafts while
# editing (milliseconds after the last change), and the notices when two people edit one page.
# No interval keeps an autosave from racing a save clicked just after typing (0 turns autosave off):
# static/js/save-after-autosave.js (core/wagtail_hooks.py) makes the save wait for it instead.
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_AUTOSAVE_INTERVAL = 500
WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10_000

# How long anyone, shared caches included, may keep the feeds, the sitemap and /llms.txt without asking
# again (Cache-Control max-age): a publish shows in feed readers within this many seconds.
FEED_CACHE_SECONDS = 60

# /llms.txt (portability/): each section's newest pages, within this many bytes in all.
LLMS_TXT_MAX_BYTES = 48 * 1024
LLMS_TXT_SECTION_PAGES = env.int("LLMS_TXT_SECTION_PAGES", default=50)
# The site health report lists pages no one has reviewed for longer than this (operations/site_health.py).
HUBSITE_REVIEW_AFTER_DAYS = env.int("HUBSITE_REVIEW_AFTER_DAYS", default=365)

# The read-only API (api/): clients get this many requests per address (DRF's throttle, counted in
# the shared cache, or per process while it is down; the address read as FORWARDED_ALLOW_IPS says;
# see api/views.py and api/middleware.py).
API_ANON_RATE = env("API_ANON_RATE", default="60/minute")
# No authentication: the API is the same for everyone (and every client is throttled as anonymous).
REST_FRAMEWORK = {"DEFAULT_AUTHENTICATION_CLASSES": []}
WAGTAILAPI_BASE_URL = SITE_URL
WAGTAILAPI_LIMIT_MAX = 50
# Cached trees the page cache purges on every publish besides the pages' own (operations/page_cache.py).
PAGE_CACHE_PURGE_TREES = ["/api/v2/"]
