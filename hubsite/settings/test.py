"""Test settings: the dev defaults with fast hashing and throwaway media."""

import tempfile

from .dev import *  # noqa: F403
from .dev import DATABASES, env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="hub-test-media-")
# Several checkouts on one machine can test against one PostgreSQL server at once.
if env("TEST_DATABASE_NAME", default=""):
    DATABASES["default"]["TEST"] = {"NAME": env("TEST_DATABASE_NAME")}
