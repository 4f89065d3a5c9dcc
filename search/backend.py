"""Wagtail's database search backend, with relevance ranking on SQLite done in one pass.

django-modelsearch (1.3.2) orders SQLite results by a correlated subquery that runs the whole
full-text query again for every matching page: a common word on a 10,000-page site took 40 s.
Here the full-text index is read once: every match's score in one query (FTS5 computes bm25 in C),
then the page filters (live, public, type, topic) are applied as the upstream backend applies
them, and only the requested slice of pages is fetched, in rank order.

PostgreSQL and other databases use the upstream backends unchanged. Settings select this module
as the search backend; it picks the right one for the default database, as Wagtail's does.
"""

from django.db import connection
from modelsearch.backends.database import SearchBackend as database_backend


def SearchBackend(params):  # noqa: N802 - Wagtail looks the backend up by this name
    backend = database_backend(params)
    if connection.vendor == "sqlite" and type(backend).__name__ == "SQLiteSearchBackend":
        from .sqlite_backend import RankOnceSQLiteSearchBackend

        return RankOnceSQLiteSearchBackend(params)
    return backend
