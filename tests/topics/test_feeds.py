"""RSS and Atom feeds of the whole site and of each topic."""

import datetime

import feedparser
import pytest

from tests import factories
from tests.conftest import parse

pytestmark = pytest.mark.django_db


def test_every_page_links_the_feeds_from_its_head(client, home_page):
    head = parse(client.get("/")).head
    assert head.find("link", type="application/rss+xml")["href"] == "/feeds/rss.xml"
    assert head.find("link", type="application/atom+xml")["href"] == "/feeds/atom.xml"


@pytest.mark.parametrize("path,version", [("/feeds/rss.xml", "rss20"), ("/feeds/atom.xml", "atom10")])
def test_site_feeds_parse_with_absolute_links_dates_and_summaries(client, home_page, path, version):
    factories.article(home_page, title="Older post", date=datetime.date(2024, 5, 1))
    factories.article(home_page, title="Newer post", date=datetime.date(2025, 5, 1), summary="Fresh.")
    private = factories.article(home_page, title="Members only")
    factories.make_private(private)

    feed = feedparser.parse(client.get(path).content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == version
    assert [e.title for e in feed.entries] == ["Newer post", "Older post"]
    newest = feed.entries[0]
    assert newest.link == "http://localhost/articles/newer-post/"
    assert newest.summary == "Fresh."
    assert newest.published_parsed[:3] == (2025, 5, 1)


def test_topic_feed_holds_only_that_topics_items(client, home_page):
    testing = factories.topic(home_page, "Testing")
    factories.article(home_page, title="Tagged", topics=[testing])
    factories.article(home_page, title="Untagged")
    feed = feedparser.parse(client.get(f"/feeds/topics/{testing.slug}/atom.xml").content)
    assert not feed.bozo
    assert [e.title for e in feed.entries] == ["Tagged"]
    assert client.get("/feeds/topics/no-such-topic/rss.xml").status_code == 404


def test_feeds_carry_articles_reviews_and_event_notes_but_not_guides(client, home_page):
    from tests.guides.factories import make_guide, make_index

    factories.article(home_page, title="An article", date=datetime.date(2025, 1, 3))
    factories.review(home_page, title="A review", review_date=datetime.date(2025, 1, 2))
    factories.event_notes(home_page, title="A conference", start_date=datetime.date(2025, 1, 1))
    make_guide(make_index(), "A guide")
    feed = feedparser.parse(client.get("/feeds/rss.xml").content)
    assert [e.title for e in feed.entries] == ["An article", "A review", "A conference"]
