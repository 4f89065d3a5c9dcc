"""Local development: the embedded default (SQLite, local media), debug on."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# A fixed key is fine on a developer's machine only; production.py refuses to start without one.
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-do-not-deploy")

# Django's debug pages for a missing page or an error are one setting away (DEBUG_ERROR_PAGES=1);
# by default `make run` shows the designed 404 and 500 pages visitors see.
DEBUG_ERROR_PAGES = env.bool("DEBUG_ERROR_PAGES", default=False)
if DEBUG and not DEBUG_ERROR_PAGES:
    MIDDLEWARE = [*MIDDLEWARE, "operations.debug_errors.DesignedErrorPagesMiddleware"]  # noqa: F405
