"""Cards in every listing show their topics as links, from one query however many cards and types."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.fragments import forget_fragments
from home.models import HomePageFeature
from tests import factories
from tests.conftest import parse

pytestmark = pytest.mark.django_db


def chips(card):
    return [(a.get_text(), a["href"]) for a in card.select(".chips a.chip")]


def test_cards_on_index_topic_and_home_pages_show_their_live_public_topics_a_to_z(client, home_page):
    zebra, apple = factories.topic(home_page, "Zebra"), factories.topic(home_page, "Apple")
    hidden = factories.topic(home_page, "Staff only")
    factories.make_private(hidden)
    withdrawn = factories.topic(home_page, "Withdrawn")
    article = factories.article(home_page, title="Tagged", topics=[zebra, apple, hidden, withdrawn])
    withdrawn.unpublish()
    factories.review(home_page, title="Reviewed", topics=[apple])
    expected = [("Apple", apple.url), ("Zebra", zebra.url)]

    card = parse(client.get("/articles/")).select_one("article.card")
    assert chips(card) == expected
    topic_page = {c.h2.get_text(): c for c in parse(client.get(apple.url)).select("article.card")}
    assert chips(topic_page["Tagged"]) == expected
    assert chips(topic_page["Reviewed"]) == [("Apple", apple.url)]
    home_page.featured_pages.set([HomePageFeature(page=article)])
    home_page.save_revision().publish()
    home = parse(client.get("/"))
    assert chips(home.select_one("#featured-heading ~ ul .card")) == expected
    assert chips(home.find(id="reviews-heading").find_parent("section").select_one(".card")) == [("Apple", apple.url)]


def test_the_topics_of_a_whole_listing_take_one_query(client, home_page):
    topic = factories.topic(home_page, "Shared")

    def listing_queries():
        client.get("/articles/")
        forget_fragments()  # the listing is read once per change of the site: read it again
        with CaptureQueriesContext(connection) as ctx:
            client.get("/articles/")
        return [q["sql"] for q in ctx.captured_queries if "topicpage" in q["sql"].lower()]

    factories.article(home_page, title="One", topics=[topic])
    assert len(listing_queries()) == 1
    for n in range(5):
        factories.article(home_page, title=f"More {n}", topics=[topic, factories.topic(home_page, f"T{n}")])
    assert len(listing_queries()) == 1
