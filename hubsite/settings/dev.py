"""Local development: the embedded default (SQLite, local media), debug on."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# A fixed key is fine on a developer's machine only; production.py refuses to start without one.
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-do-not-deploy")
