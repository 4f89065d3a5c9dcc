"""The home page: featured pages, the guides outline and the latest reviews, in few queries.

What it lists is cached as one fragment until any page changes (core/fragments.py): the query counts
below are of a render that reads it all (the fragment retired first), and of one that finds it.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.fragments import forget_fragments
from home.models import HomePageFeature
from tests import factories
from tests.conftest import PAGE_QUERY_BUDGET, parse

pytestmark = pytest.mark.django_db


def feature(home, pages):
    home.featured_pages.set([HomePageFeature(page=p, sort_order=n) for n, p in enumerate(pages)])
    home.save_revision().publish()


def test_home_page_shows_featured_pages_in_the_editors_order_with_summary_and_date(client, home_page):
    a = factories.article(home_page, title="Alpha", date=datetime.date(2025, 11, 26))
    b = factories.article(home_page, title="Beta", date=datetime.date(2023, 6, 3))
    c = factories.article(home_page, title="Gamma")
    feature(home_page, [c, a, b])

    html = parse(client.get("/"))
    cards = html.select("#featured-heading ~ ul .card")
    assert [card.find("a").get_text() for card in cards] == ["Gamma", "Alpha", "Beta"]
    alpha = cards[1]
    assert "Summary of Alpha." in alpha.get_text()
    assert alpha.find("time")["datetime"] == "2025-11-26"
    assert alpha.find("time").get_text() == "November 26, 2025"


def test_featured_drafts_and_private_pages_are_left_out(client, home_page):
    live = factories.article(home_page, title="Live one")
    hidden = factories.article(home_page, title="Private one")
    factories.make_private(hidden)
    unpublished = factories.article(home_page, title="Withdrawn")
    unpublished.unpublish()
    feature(home_page, [hidden, live, unpublished])
    titles = [a.get_text() for a in parse(client.get("/")).select(".card a")]
    assert titles == ["Live one"]


# Queries of a home page whose listings are cached: its view restrictions (the site and the page
# itself are remembered by the process: core/sites.py).
CACHED_HOME_QUERIES = 1


def home_queries(client, listings_cached=False):
    client.get("/")  # warm what every page shares (the cached menu), as in steady state
    if not listings_cached:
        forget_fragments()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/").status_code == 200
    return len(ctx.captured_queries)


def test_home_page_query_count_does_not_grow_with_featured_items(client, home_page):
    feature(home_page, [factories.article(home_page, title="One")])
    small = home_queries(client)
    feature(home_page, [factories.article(home_page, title=f"Article {n}") for n in range(12)])
    assert home_queries(client) == small
    assert small <= PAGE_QUERY_BUDGET


def test_home_page_shows_each_guide_as_a_card_of_its_topics_linking_into_the_outline(client, home_page):
    from tests.guides.factories import make_guide, make_index, question, section

    index = make_index()
    make_guide(
        index,
        "Code Review",
        [
            section("Check yourself", [question("Too many nitpicks?"), question("Tests first?")]),
            section("Alone", intro="A topic of its own."),
        ],
    )
    html = parse(client.get("/"))
    guides = html.find(id="guides-heading").find_parent("section")
    card = guides.find("article", class_="card")
    assert card.find("h3").get_text() == "Code Review"
    topics = [(a.get_text(" ", strip=True), a["href"]) for a in card.select(".guide-card__sections a")]
    assert topics == [
        ("Check yourself 2 questions", "/guides/code-review/#check-yourself"),
        ("Alone", "/guides/code-review/#alone"),
    ]
    # The questions themselves live in the outline on the guides index, where the count leads.
    count = card.find("a", string="2 questions in the outline")
    assert count["href"] == "/guides/#guide-code-review"
    outline = parse(client.get("/guides/")).find(id="guide-code-review")
    assert outline.find("a", string="Too many nitpicks?")["href"] == "/guides/code-review/#too-many-nitpicks"
    assert html.find("a", string="Too many nitpicks?") is None


def test_home_page_queries_do_not_grow_with_guides(client, home_page):
    from tests.guides.factories import body, make_guide, make_index

    index = make_index()
    make_guide(index, "Only one", body(1, 1))
    small = home_queries(client)
    for n in range(5):
        make_guide(index, f"Guide {n}", body(5, 20))
    assert home_queries(client) == small


def test_home_page_shows_the_latest_reviews_newest_first(client, home_page):
    factories.review(home_page, title="Older talk", review_date=datetime.date(2024, 2, 1))
    factories.review(home_page, title="Newest talk", review_date=datetime.date(2026, 3, 2))
    html = parse(client.get("/"))
    section = html.find(id="reviews-heading").find_parent("section")
    cards = section.select(".card")
    assert [c.find("a").get_text() for c in cards] == ["Newest talk", "Older talk"]
    assert cards[0].find("time")["datetime"] == "2026-03-02"
    assert "Summary of Newest talk." in cards[0].get_text()


def test_home_page_queries_do_not_grow_with_reviews(client, home_page):
    factories.review(home_page, title="First", slug="first")
    small = home_queries(client)
    for n in range(8):
        factories.review(home_page, title=f"Review {n}", slug=f"review-{n}")
    assert home_queries(client) == small


def test_the_home_pages_listings_are_read_once_then_come_from_the_cache(client, home_page):
    factories.review(home_page, title="A talk")
    feature(home_page, [factories.article(home_page, title="One")])
    forget_fragments()
    rendered = client.get("/").content
    assert home_queries(client, listings_cached=True) == CACHED_HOME_QUERIES
    cached = client.get("/").content
    assert b"A talk" in cached and b"One" in cached
    assert cached == rendered


def test_any_page_change_shows_on_the_home_page_at_once(client, home_page, django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    article = factories.article(home_page, title="Featured article")
    feature(home_page, [article])
    review = factories.review(home_page, title="Reviewed talk")
    assert b"Reviewed talk" in client.get("/").content  # the listings are cached now

    with django_capture_on_commit_callbacks(execute=True):
        review.title = "Retitled talk"
        review.save_revision().publish()
    assert b"Retitled talk" in client.get("/").content

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    assert b"Featured article" not in client.get("/").content

    with django_capture_on_commit_callbacks(execute=True):
        review.unpublish()
    assert b"Retitled talk" not in client.get("/").content


def test_a_preview_of_the_home_page_shows_its_drafts_featured_pages_not_the_cached_ones(
    client, home_page, django_user_model
):
    feature(home_page, [factories.article(home_page, title="Live feature")])
    assert b"Live feature" in client.get("/").content  # the listings are cached now
    draft = factories.article(home_page, title="Draft feature")
    home_page.featured_pages.set([HomePageFeature(page=draft, sort_order=0)])
    home_page.save_revision()

    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.com", "pw"))
    from django.urls import reverse

    preview = client.get(reverse("wagtailadmin_pages:view_draft", args=[home_page.pk])).content
    assert b"Draft feature" in preview and b"Live feature" not in preview
    client.logout()
    live = client.get("/").content
    assert b"Live feature" in live and b"Draft feature" not in live
