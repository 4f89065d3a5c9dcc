"""Every content page ends with related pages and its previous and next page; editors can name related pages."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import ArticlePage
from core.fragments import forget_fragments
from core.related import RELATED_COUNT, neighbourhood
from operations.page_cache import affected_paths
from tests import factories
from tests.conftest import parse
from tests.guides.factories import make_guide, make_index, question, section

pytestmark = pytest.mark.django_db


def related_titles(response):
    block = parse(response).find("section", class_="page-end__related")
    return [h.get_text(strip=True) for h in block.find_all("h3")] if block else []


def pager(response):
    nav = parse(response).select_one(".section-pager")
    return {a["rel"][0]: a.get_text(strip=True) for a in nav.find_all("a")} if nav else {}


def test_without_named_pages_a_page_ends_with_the_pages_sharing_most_of_its_topics(client, home_page):
    testing, django, css = (factories.topic(home_page, name) for name in ("Testing", "Django", "CSS"))
    page = factories.article(home_page, title="Test Django views", topics=[testing, django])
    factories.review(home_page, title="Both topics", slug="both", topics=[testing, django])
    factories.event_notes(home_page, title="One topic", topics=[testing])
    factories.article(home_page, title="Unrelated", date=datetime.date(2025, 2, 1), topics=[css])
    hidden = factories.review(home_page, title="Private review", slug="private", topics=[testing, django])
    factories.make_private(hidden)

    titles = related_titles(client.get(page.url))

    # Most shared topics first; none that shares no topic (nor any word: below), nothing a visitor may
    # not see, not itself.
    assert titles == ["Both topics", "One topic"]


def test_named_related_pages_show_where_they_are_named_and_at_the_end(client, home_page):
    guide_index = make_index()
    review = factories.review(home_page, title="The migrations talk", slug="migrations")
    draft = factories.draft(
        factories.article_index(home_page), ArticlePage(title="Unfinished", date=datetime.date(2025, 1, 1))
    )
    with_links = {**question("How do migrations lock tables?"), "related": [review.pk, draft.pk]}
    guide = make_guide(guide_index, "Databases", [section("Locks", [with_links])])

    html = parse(client.get(guide.url))

    question_links = html.select(".guide-question .related-links a")
    assert [(a.get_text(), a["href"]) for a in question_links] == [("The migrations talk", review.url)]
    assert related_titles(client.get(guide.url)) == ["The migrations talk"]
    assert "Unfinished" not in html.get_text()


def test_a_talk_in_notes_and_an_article_section_can_name_related_pages(client, home_page):
    article = factories.article(home_page, title="Squashing migrations")
    talk = {"title": "Migrations at scale", "notes": [], "related": [article.pk]}
    notes = factories.event_notes(home_page, title="DjangoCon", body=[("day", {"title": "Day 1", "talks": [talk]})])
    essay = factories.article(
        home_page,
        title="On schemas",
        body=[("paragraph", "<h2>Locks</h2><p>Text.</p>"), ("related", [notes.pk])],
    )

    assert [a.get_text() for a in parse(client.get(notes.url)).select(".notes-talk .related-links a")] == [
        "Squashing migrations"
    ]
    assert [a.get_text() for a in parse(client.get(essay.url)).select(".related-links a")] == ["DjangoCon"]


def test_a_review_names_its_related_pages_in_a_field_of_its_own(client, home_page):
    notes = factories.event_notes(home_page, title="DjangoCon")
    review = factories.review(home_page, title="A talk", slug="a-talk", related_pages=[("page", notes.pk)])

    assert related_titles(client.get(review.url)) == ["DjangoCon"]


def test_dated_pages_link_their_previous_and_next_page_in_their_section(client, home_page):
    older = factories.article(home_page, title="Older", date=datetime.date(2024, 1, 1))
    middle = factories.article(home_page, title="Middle", date=datetime.date(2024, 6, 1))
    newer = factories.article(home_page, title="Newer", date=datetime.date(2025, 1, 1))
    factories.review(home_page, title="Not an article", review_date=datetime.date(2024, 3, 1))

    assert pager(client.get(middle.url)) == {"prev": "Older", "next": "Newer"}
    assert pager(client.get(older.url)) == {"next": "Middle"}
    assert pager(client.get(newer.url)) == {"prev": "Middle"}


def test_guides_link_their_neighbours_in_the_index_order(client):
    index = make_index()
    first, second = make_guide(index, "Zebra first"), make_guide(index, "Aardvark second")

    assert pager(client.get(first.url)) == {"next": "Aardvark second"}
    assert pager(client.get(second.url)) == {"prev": "Zebra first"}


def cards_queries(ctx):
    """How many of the captured queries read a page's related cards (they rank by the similar pages)."""
    return sum("core_similarpage" in query["sql"] for query in ctx.captured_queries)


def test_the_computed_end_is_cached_until_a_page_changes(client, home_page):
    testing = factories.topic(home_page)
    page = factories.article(home_page, title="Cached", topics=[testing])
    factories.review(home_page, title="Shares a topic", slug="shares", topics=[testing])
    client.get(page.url)

    def cards_read():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(page.url)
        assert related_titles(response) == ["Shares a topic"]
        return cards_queries(ctx)

    assert cards_read() == 0
    forget_fragments()
    assert cards_read() == 1
    assert cards_read() == 0


def test_a_change_to_a_content_page_purges_every_cached_page(home_page):
    article = factories.article(home_page, title="Shown as related elsewhere")

    _, trees = affected_paths(article)

    assert "/" in trees


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's JIT compiler")
def test_the_related_cards_query_is_not_compiled_by_postgresqls_jit(home_page):
    # Its joins over every page type's table are estimated at billions of rows on tables not yet
    # analysed, which made PostgreSQL spend 2 s compiling a query that runs in a millisecond.
    testing = factories.topic(home_page, "Testing")
    page = factories.article(home_page, title="Test Django views", topics=[testing])
    factories.review(home_page, title="Both topics", slug="both", topics=[testing])
    with CaptureQueriesContext(connection) as queries:
        assert [card.title for card in neighbourhood(page).related] == ["Both topics"]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + queries.captured_queries[-1]["sql"])
        plan = cursor.fetchone()[0][0]
    assert "JIT" not in plan


def similar(home_page, title, summary, **fields):
    return factories.article(home_page, title=title, summary=summary, **fields)


def test_a_page_sharing_no_topic_ends_with_the_pages_most_like_it(client, home_page):
    similar(home_page, "Zero-downtime migrations", "Migrations that lock tables, and how to squash them.")
    similar(home_page, "Reading a query plan", "Which index a slow query uses, and the locks it takes.")
    similar(home_page, "Dark mode in CSS", "Colour schemes for a stylesheet.")
    page = similar(home_page, "Squash migrations", "Squashing migrations before tables lock.")

    # The more words it shares with the page's title and summary, the sooner; none that shares none.
    assert related_titles(client.get(page.url)) == ["Zero-downtime migrations", "Reading a query plan"]


def test_pages_sharing_topics_come_first_and_the_most_similar_fills_the_rest(client, home_page):
    testing = factories.topic(home_page, "Testing")
    factories.review(home_page, title="Fixtures", slug="fixtures", summary="Factories.", topics=[testing])
    similar(home_page, "Pytest markers", "Markers choose which pytest tests run.", date=datetime.date(2024, 1, 1))
    for n in range(RELATED_COUNT):
        similar(home_page, f"Pytest plugin {n}", f"A pytest plugin, number {n}.")
    factories.review(
        home_page,
        title="Pytest in CI",
        slug="pytest-ci",
        summary="Which pytest tests run in CI, and markers.",
        review_date=datetime.date(2020, 1, 1),
        topics=[testing],
    )
    page = similar(home_page, "Pytest markers in CI", "Choose which pytest tests run in CI with markers.")
    page.topics.set([testing])
    page.save_revision().publish()

    titles = related_titles(client.get(page.url))

    # Both share the topic; the older one is more like the page, so it comes first. Then the page
    # most like it of those sharing no topic, and the next most like it.
    assert titles[:3] == ["Pytest in CI", "Fixtures", "Pytest markers"]
    assert len(titles) == RELATED_COUNT and titles[3].startswith("Pytest plugin")


def test_pages_a_visitor_may_not_see_are_never_among_the_similar(client, home_page):
    private = similar(home_page, "Migrations made private", "Squash migrations, privately.")
    unpublished = similar(home_page, "Migrations taken down", "Squash migrations, briefly.")
    factories.draft(
        factories.article_index(home_page),
        ArticlePage(title="Migrations in draft", summary="Squash migrations, later.", date=datetime.date(2025, 1, 1)),
    )
    similar(home_page, "Migrations kept", "Squash migrations for good.")
    page = similar(home_page, "Squash migrations", "Squash migrations.")
    factories.make_private(private)
    unpublished.unpublish()

    assert related_titles(client.get(page.url)) == ["Migrations kept"]
    call_command("rebuild_similar", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert related_titles(client.get(page.url)) == ["Migrations kept"]


def test_the_similar_pages_cost_no_query_of_their_own(client, home_page):
    for n in range(RELATED_COUNT + 2):
        similar(home_page, f"Squash migrations {n}", f"Squash migrations, part {n}.")
    page = similar(home_page, "Squash migrations", "Squash migrations.")
    client.get(page.url)

    def cards_read():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(page.url)
        assert len(related_titles(response)) == RELATED_COUNT
        return cards_queries(ctx)

    # As for pages sharing topics: one query reads the page's end, once per change of the site.
    assert cards_read() == 0
    forget_fragments()
    assert cards_read() == 1


def test_rebuild_similar_finds_pages_published_after_the_page(client, home_page):
    page = similar(home_page, "Squash migrations", "Squash migrations.")
    similar(home_page, "Migrations at scale", "Squash migrations on big tables.")
    assert related_titles(client.get(page.url)) == []

    call_command("rebuild_similar", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert related_titles(client.get(page.url)) == ["Migrations at scale"]


def test_every_demo_content_page_ends_with_related_pages(client, demo_site):
    from core.models import content_page_models, pages

    shown = {}
    for page in pages().live().public().type(*content_page_models()).specific():
        shown[page.title] = len(neighbourhood(page).related)

    assert all(count == RELATED_COUNT for count in shown.values()), shown
