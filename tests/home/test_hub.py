"""The hub around the content: featured pages, metadata, feeds, sitemap and robots.txt."""

import datetime
import json
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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


def home_queries(client):
    client.get("/")  # warm what every page shares (the cached menu), as in steady state
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/").status_code == 200
    return len(ctx.captured_queries)


def test_home_page_query_count_does_not_grow_with_featured_items(client, home_page):
    feature(home_page, [factories.article(home_page, title="One")])
    small = home_queries(client)
    feature(home_page, [factories.article(home_page, title=f"Article {n}") for n in range(12)])
    assert home_queries(client) == small
    assert small <= PAGE_QUERY_BUDGET


def test_every_page_carries_canonical_social_metadata_and_json_ld(client, home_page):
    page = factories.article(home_page, title="Metadata check", summary="One line for search engines.")
    html = parse(client.get(page.url))
    full_url = page.full_url  # from the Site record, not the request's host
    assert full_url == "http://localhost/articles/metadata-check/"
    assert html.find("link", rel="canonical")["href"] == full_url
    assert html.find("meta", attrs={"name": "description"})["content"] == "One line for search engines."
    assert html.find("meta", property="og:url")["content"] == full_url
    assert html.find("meta", property="og:type")["content"] == "article"
    assert html.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"
    graph = json.loads(html.find("script", type="application/ld+json").string)["@graph"]
    types = {item["@type"]: item for item in graph}
    assert types["Article"]["headline"] == "Metadata check"
    assert types["Article"]["datePublished"] == "2025-01-01"
    crumbs = [item["name"] for item in types["BreadcrumbList"]["itemListElement"]]
    assert crumbs == [home_page.title, "Articles", "Metadata check"]


def test_json_ld_cannot_be_broken_out_of_by_a_title(client, home_page):
    page = factories.article(home_page, title="</script><script>alert(1)</script>")
    body = client.get(page.url).content.decode()
    ld = body.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in ld
    assert json.loads(ld)["@graph"][1]["headline"] == "</script><script>alert(1)</script>"


def test_breadcrumbs_below_home_end_with_the_current_page(client, home_page):
    page = factories.article(home_page, title="Deep page")
    crumbs = parse(client.get(page.url)).find("nav", attrs={"aria-label": "Breadcrumb"})
    links = crumbs.find_all("a")
    assert [a.get_text() for a in links] == [home_page.title, "Articles", "Deep page"]
    assert links[-1]["aria-current"] == "page"
    assert parse(client.get("/")).find("nav", attrs={"aria-label": "Breadcrumb"}) is None


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


def test_sitemap_lists_exactly_the_live_public_pages(client, home_page):
    live = factories.article(home_page, title="Published")
    factories.draft(factories.article_index(home_page), factories.ArticlePage(title="Draft", body=[]))
    private = factories.article(home_page, title="Private")
    factories.make_private(private)

    root = ET.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {loc.text for loc in root.findall("s:url/s:loc", ns)}
    expected = {p.full_url for p in (home_page, factories.article_index(home_page), live)}
    assert urls == expected
    assert all(u.find("s:lastmod", ns) is not None for u in root.findall("s:url", ns))


def test_robots_txt_points_to_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_home_page_shows_the_developer_guides_outline(client, home_page):
    from tests.guides.factories import make_guide, make_index, question, section

    index = make_index()
    make_guide(index, "Code Review", [section("Check yourself", [question("Too many nitpicks?")])])
    html = parse(client.get("/"))
    outline = html.find(id="guides-heading").find_parent("section")
    assert outline.find("h3").get_text() == "Code Review"
    link = outline.find("a", string="Too many nitpicks?")
    assert link["href"] == "/guides/code-review/#too-many-nitpicks"


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


def test_feeds_carry_articles_reviews_and_event_notes_but_not_guides(client, home_page):
    from tests.guides.factories import make_guide, make_index

    factories.article(home_page, title="An article", date=datetime.date(2025, 1, 3))
    factories.review(home_page, title="A review", review_date=datetime.date(2025, 1, 2))
    factories.event_notes(home_page, title="A conference", start_date=datetime.date(2025, 1, 1))
    make_guide(make_index(), "A guide")
    feed = feedparser.parse(client.get("/feeds/rss.xml").content)
    assert [e.title for e in feed.entries] == ["An article", "A review", "A conference"]
