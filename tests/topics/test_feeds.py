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


def test_feeds_carry_guides_articles_reviews_and_event_notes_newest_first(client, home_page):
    from tests.guides.factories import make_guide, make_index

    factories.article(home_page, title="An article", date=datetime.date(2025, 1, 3))
    factories.review(home_page, title="A review", review_date=datetime.date(2025, 1, 2))
    factories.event_notes(home_page, title="A conference", start_date=datetime.date(2025, 1, 1))
    make_guide(make_index(), "A guide")
    feed = feedparser.parse(client.get("/feeds/rss.xml").content)
    # The guide is dated by its first publication: today.
    assert [e.title for e in feed.entries] == ["A guide", "An article", "A review", "A conference"]


ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("path", ["/feeds/atom.xml", "/feeds/topics/testing/atom.xml"])
def test_atom_feeds_hold_what_rfc_4287_requires_with_the_organisation_as_author(client, home_page, path):
    from xml.etree import ElementTree

    from core.models import Organisation

    testing = factories.topic(home_page, "Testing")
    factories.article(home_page, title="Tagged", topics=[testing])
    feed = ElementTree.fromstring(client.get(path).content)
    # atom:feed has exactly one id, title, updated and (with entries that have none) an author with a name.
    for name in ("id", "title", "updated", "author"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Learning Hub"
    assert feed.findtext(f"{ATOM}author/{ATOM}uri") == "http://localhost/"
    assert [link.get("rel") for link in feed.findall(f"{ATOM}link")].count("self") == 1
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None

    organisation = Organisation.for_site(home_page.get_site())
    organisation.name, organisation.url = "The Hub Collective", "https://collective.example/"
    organisation.save()
    renamed = feedparser.parse(client.get(path).content)
    assert renamed.feed.author_detail.name == "The Hub Collective"
    assert renamed.feed.author_detail.href == "https://collective.example/"


def test_feeds_carry_guides_as_the_topics_help_text_says(client, home_page):
    from core.models import ContentPage
    from tests.guides.factories import make_guide, make_index

    testing = factories.topic(home_page, "Testing")
    guide = make_guide(make_index(), "Testing in depth")
    guide.topics.add(testing)
    guide.save_revision().publish()
    assert "in its feeds" in ContentPage._meta.get_field("topics").help_text
    for path in ("/feeds/rss.xml", "/feeds/atom.xml", "/feeds/topics/testing/atom.xml"):
        titles = [entry.title for entry in feedparser.parse(client.get(path).content).entries]
        assert "Testing in depth" in titles, path
