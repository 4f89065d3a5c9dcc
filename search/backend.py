"""Wagtail's database search backend, with relevance ranking done in one pass (search/ranking.py).

Settings select this module as the search backend; like Wagtail's, it picks the backend for the
default database: SQLite and PostgreSQL get the one-pass ranking, others the upstream backend.
"""

from django.db import connection
from modelsearch.backends.database import SearchBackend as database_backend


def SearchBackend(params):  # noqa: N802 - Wagtail looks the backend up by this name
    backend = database_backend(params)
    name = type(backend).__name__
    if connection.vendor == "sqlite" and name == "SQLiteSearchBackend":
        from .sqlite_backend import RankOnceSQLiteSearchBackend

        return RankOnceSQLiteSearchBackend(params)
    if connection.vendor == "postgresql" and name == "PostgresSearchBackend":
        from .postgres_backend import RankOncePostgresSearchBackend

        return RankOncePostgresSearchBackend(params)
    return backend
