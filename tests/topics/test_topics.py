import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.fragments import forget_fragments
from tests import factories
from tests.conftest import PAGE_QUERY_BUDGET, parse

pytestmark = pytest.mark.django_db


def test_topic_page_lists_its_items_newest_first_with_their_type(client, home_page):
    testing = factories.topic(home_page, "Testing")
    other = factories.topic(home_page, "Other")
    factories.article(home_page, title="Old", date=datetime.date(2021, 1, 1), topics=[testing])
    factories.article(home_page, title="New", date=datetime.date(2025, 1, 1), topics=[testing, other])
    factories.article(home_page, title="Elsewhere", topics=[other])

    html = parse(client.get(testing.url))
    cards = html.select(".card")
    assert [c.find("h2").get_text() for c in cards] == ["New", "Old"]
    assert cards[0].find(class_="card__type").get_text() == "Article"


def test_topic_page_paginates_and_answers_bad_page_numbers_with_a_404(client, home_page, monkeypatch):
    testing = factories.topic(home_page, "Testing")
    for n in range(3):
        factories.article(home_page, title=f"Item {n}", date=datetime.date(2020 + n, 1, 1), topics=[testing])
    from topics.models import TopicPage

    monkeypatch.setattr(TopicPage, "per_page", 2)
    second = parse(client.get(testing.url + "?page=2"))
    assert [c.find("h2").get_text() for c in second.select(".card")] == ["Item 0"]
    # Page 1 is the topic's own address: the link back to it has no `?page=`.
    assert second.find("a", rel="prev")["href"] == testing.url
    for bad in ("abc", "-1", "3", "10" * 20):
        assert client.get(testing.url, {"page": bad}).status_code == 404


def topic_queries(client, url):
    client.get("/")  # warm what every page shares (the cached menu), as in steady state
    forget_fragments()  # but read the listing, as after a change
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_topic_page_queries_do_not_grow_with_items(client, home_page):
    testing = factories.topic(home_page, "Testing")
    factories.article(home_page, title="First", topics=[testing])
    few = topic_queries(client, testing.url)
    for n in range(10):
        factories.article(home_page, title=f"More {n}", topics=[testing])
    assert topic_queries(client, testing.url) == few
    assert few <= PAGE_QUERY_BUDGET


def test_topic_index_lists_the_topics(client, home_page):
    factories.topic(home_page, "Zebra")
    factories.topic(home_page, "Apple")
    html = parse(client.get(factories.topic_index(home_page).url))
    assert [a.get_text() for a in html.select(".topic-list a")] == ["Apple", "Zebra"]


def test_topic_page_lists_items_of_every_type(client, home_page):
    from tests.guides.factories import make_guide, make_index

    topic = factories.topic(home_page, "Everything")
    factories.article(home_page, title="The article", date=datetime.date(2025, 4, 1), topics=[topic])
    factories.review(home_page, title="The review", review_date=datetime.date(2025, 3, 1), topics=[topic])
    factories.event_notes(home_page, title="The notes", start_date=datetime.date(2025, 2, 1), topics=[topic])
    guide = make_guide(make_index(), "The guide")
    guide.topics.set([topic])
    guide.save_revision().publish()

    cards = parse(client.get(topic.url)).select(".card")
    found = {c.find("h2").get_text(): c.find(class_="card__type").get_text() for c in cards}
    assert found == {
        "The article": "Article",
        "The review": "Talk review",
        "The notes": "Event notes",
        "The guide": "Guide",
    }
    dated = [c.find("h2").get_text() for c in cards if c.find("h2").get_text() != "The guide"]
    assert dated == ["The article", "The review", "The notes"]  # newest first by their own dates


def test_a_page_made_private_leaves_listings_at_once(client, home_page, django_capture_on_commit_callbacks):
    """Listings are read once per change of the site: a new restriction is one, once it has committed."""
    topic = factories.topic(home_page, "Privacy")
    page = factories.article(home_page, title="Soon private", topics=[topic])
    index = factories.article_index(home_page)
    assert "Soon private" in client.get(topic.url).content.decode()
    assert "Soon private" in client.get(index.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        restriction = factories.make_private(page)
    assert "Soon private" not in client.get(topic.url).content.decode()
    assert "Soon private" not in client.get(index.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert "Soon private" in client.get(topic.url).content.decode()
