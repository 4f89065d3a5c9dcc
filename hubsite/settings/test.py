"""Test settings: the dev defaults with fast hashing and throwaway media."""

import tempfile

from .dev import *  # noqa: F403
from .dev import DATABASES, INSTALLED_APPS, env

DEBUG = False
# Errors reach the test client as exceptions, and Django's own handlers answer the rest.
MIDDLEWARE = [name for name in MIDDLEWARE if name != "operations.debug_errors.DesignedErrorPagesMiddleware"]  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="hub-test-media-")
# Several checkouts on one machine can test against one PostgreSQL server at once.
if env("TEST_DATABASE_NAME", default=""):
    DATABASES["default"]["TEST"] = {"NAME": env("TEST_DATABASE_NAME")}
# Tests log in with `client.login()`, which passes no request; django-axes' backend needs one.
# tests/operations/test_security.py puts it back to test the lockout.
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
SILENCED_SYSTEM_CHECKS = ["axes.W003"]
# Serve static files through WhiteNoise from the finders, as in development, without a
# collectstatic run (and without warning that STATIC_ROOT does not exist).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# A section added as a new one would be, in its own app: the API, Markdown, /llms.txt and search
# must find its page types without being edited (tests/testapp/, tests/core/test_new_page_type.py).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]
# Tests make pages without committing, so their purges wait in the journal until the first cacheable
# request of each test replays them (tests/conftest.py); not again mid-test. Tests of the journal lower it.
PURGE_JOURNAL_CHECK_SECONDS = 3600
# The public address in tests is the default Site's from Wagtail's first migration; the test client
# sends Host "testserver", so every test shows that the Host a request sends is not what is written.
SITE_URL = WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = "http://localhost"
