"""The search backend: the upstream ranking, computed in one pass, and an index PostgreSQL can use."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from articles.models import ArticlePage
from tests import factories

pytestmark = pytest.mark.django_db

on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backend's own ranking")
on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL index")


def add_articles(home, count, text="common words about caching", start=0):
    index = factories.article_index(home)
    for n in range(start, start + count):
        index.add_child(
            instance=ArticlePage(
                title=f"Note {n}",
                summary="",
                date="2025-01-01",
                body=[("paragraph", f"<h2>Part</h2><p>{text} {'caching ' * (n % 5)}</p>")],
            )
        )


def search(query):
    return Page.objects.live().public().specific().search(query)


def upstream_backend():
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        return SQLiteSearchBackend({})
    from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

    return PostgresSearchBackend({})


def test_autocomplete_ranks_and_counts_as_the_upstream_backend_does(home_page):
    # The admin's page choosers autocomplete: plain words and prefixes, ranked as upstream ranks them.
    for n in range(5):
        factories.article(home_page, title=f"Caching note {'cache ' * n}", slug=f"caching-{n}")
    queryset = Page.objects.live().public().specific()
    upstream = upstream_backend().autocomplete("cach", queryset)
    ours = queryset.autocomplete("cach")
    assert type(ours).__name__.startswith("RankOnce")
    assert ours.count() == upstream.count() == 5
    assert [p.pk for p in ours] == [p.pk for p in upstream]


def test_results_are_counted_and_paged_without_gaps_or_repeats(home_page):
    add_articles(home_page, 13)
    story = factories.article(home_page, title="Caching, the whole story", body=[("paragraph", "<p>Caching.</p>")])
    found = Page.objects.live().public().specific().search("caching")
    assert type(found).__name__.startswith("RankOnce")
    everything = [p.pk for p in found]
    assert found.count() == len(everything) == 14
    assert [p.pk for p in found[:10]] + [p.pk for p in found[10:20]] == everything
    assert found[10:20].count() == 4
    # The title match first: titles weigh more than body text.
    assert everything[0] == story.pk


def test_filters_apply_before_ranking(home_page):
    add_articles(home_page, 3)
    hidden = factories.article(home_page, title="Caching in private")
    factories.make_private(hidden)
    found = Page.objects.live().public().exclude(pk=hidden.pk).specific().search("caching")
    assert found.count() == 3
    assert hidden.pk not in [p.pk for p in found]


def database_work(query):
    """How many SQLite virtual-machine steps (in hundreds) a search for `query` takes, and its results."""
    steps = [0]

    def count():
        steps[0] += 1
        return 0

    connection.ensure_connection()
    connection.connection.set_progress_handler(count, 100)
    try:
        found = list(search(query)[:10])
    finally:
        connection.connection.set_progress_handler(None, 100)
    return steps[0], len(found)


def test_the_pages_a_search_may_show_are_read_as_ids_without_sorting_them(home_page):
    # Only a set of ids is needed: sorting 10,000 pages in tree order was half of reading them on SQLite.
    add_articles(home_page, 3)
    found = search("caching")
    with CaptureQueriesContext(connection) as queries:
        assert found.count() == 3
    assert any('"wagtailcore_page"' in query["sql"] for query in queries)
    assert not any('ORDER BY "wagtailcore_page"."path"' in query["sql"] for query in queries)


def test_a_slice_of_results_is_put_in_rank_order_without_an_order_by_per_result(home_page):
    # ORDER BY CASE with a branch per result cost more to compile than the pages took to read.
    add_articles(home_page, 12)
    found = search("caching")
    assert found.count() == 12
    with CaptureQueriesContext(connection) as queries:
        first = [page.title for page in found[:10]]
    assert len(first) == 10 and not any("CASE" in query["sql"] for query in queries)
    assert first + [page.title for page in found[10:]] == [page.title for page in search("caching")]


@on_sqlite
def test_ranking_reads_the_full_text_index_once_not_once_per_match(home_page):
    # The upstream backend scores each matching page with a subquery that runs the whole full-text
    # query again, so its work grows with the square of the number of matches (40 s at 10,000
    # pages). Tripling the matches must roughly triple the work here, not multiply it by nine.
    add_articles(home_page, 40)
    small, found = database_work("caching")
    assert found == 10
    add_articles(home_page, 80, start=40)
    large, found = database_work("caching")
    assert found == 10
    assert large < 5 * small


@on_postgres
def test_postgres_can_answer_a_search_from_the_vector_index(home_page):
    add_articles(home_page, 3)
    found = Page.objects.live().specific().search("caching")
    # The one query that matches, ranks and filters.
    compiler = found.query_compiler
    matches = compiler.index_matches(compiler.get_config(found.backend))
    ranked = matches.filter(object_pk__in=compiler.queryset.values("pk")).values_list("object_pk", "score")
    sql, params = ranked.query.sql_with_params()
    with connection.cursor() as cursor:
        # Earlier tests' rolled-back rows leave the table and its indexes bloated, which the planner
        # counts as cost: rebuild and re-read them as a live site's would be (rolled back with the test).
        cursor.execute("REINDEX TABLE wagtailsearch_indexentry")
        cursor.execute("ANALYZE wagtailsearch_indexentry")
        # Forbid the plans that only pay off on tiny tables, so the plan shows whether the index fits the query.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_nestloop = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on wagtailsear_body" in plan, plan


@on_postgres
def test_postgres_ranks_the_title_with_the_body_vector(home_page):
    article = factories.article(home_page, title="Zanzibar", body=[("paragraph", "<p>Nothing else.</p>")])
    from modelsearch.backends.database.postgres.postgres import IndexEntry

    entry = IndexEntry.objects.get(object_id=str(article.pk))
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::tsvector @@ to_tsquery('english', 'zanzibar')", [str(entry.body)])
        assert cursor.fetchone()[0]


@on_postgres
def test_postgres_knows_concatenating_vectors_is_not_free():
    # Otherwise it scans and concatenates every entry for a common word instead of using the index.
    with connection.cursor() as cursor:
        cursor.execute("SELECT procost FROM pg_proc WHERE oid = 'tsvector_concat(tsvector, tsvector)'::regprocedure")
        assert cursor.fetchone()[0] >= 100


@on_postgres
def test_postgres_keeps_search_vectors_in_the_row(home_page):
    factories.article(
        home_page, title="Long", body=[("paragraph", "<p>" + "many different words here " * 120 + "</p>")]
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'wagtailsearch_indexentry'")
        assert "toast_tuple_target=8160" in cursor.fetchone()[0]
        # A row of a few KB stays whole: nothing of it is moved to the TOAST table.
        cursor.execute("SELECT reltoastrelid::regclass FROM pg_class WHERE relname = 'wagtailsearch_indexentry'")
        toast = cursor.fetchone()[0]
        cursor.execute(f"SELECT count(*) FROM {toast}")
        assert cursor.fetchone()[0] == 0
