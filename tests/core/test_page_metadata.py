"""What every page carries: canonical and social metadata, JSON-LD, breadcrumbs; the sitemap and robots.txt."""

import json
import xml.etree.ElementTree as ET

import pytest

from tests import factories
from tests.conftest import parse

pytestmark = pytest.mark.django_db


def test_every_page_carries_canonical_social_metadata_and_json_ld(client, home_page):
    page = factories.article(home_page, title="Metadata check", summary="One line for search engines.")
    html = parse(client.get(page.url))
    full_url = page.full_url  # from the Site record, not the request's host
    assert full_url == "http://localhost/articles/metadata-check/"
    assert html.find("link", rel="canonical")["href"] == full_url
    assert html.find("meta", attrs={"name": "description"})["content"] == "One line for search engines."
    assert html.find("meta", property="og:url")["content"] == full_url
    assert html.find("meta", property="og:type")["content"] == "article"
    assert html.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
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
    assert "Sitemap: http://localhost/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_the_home_page_describes_the_site_and_offers_its_search_to_search_engines(client, home_page):
    home_page.intro = "Guides and reviews for people who build with Django."
    home_page.save_revision().publish()
    html = parse(client.get("/"))
    assert html.find("meta", attrs={"name": "description"})["content"] == home_page.intro
    graph = json.loads(html.find("script", type="application/ld+json").string)["@graph"]
    site = next(item for item in graph if item["@type"] == "WebSite")
    assert site["url"] == "http://localhost/" and site["name"] == "Learning Hub"
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://localhost/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
    # Only the home page speaks for the whole site.
    article = factories.article(home_page, title="Not the site")
    graph = json.loads(parse(client.get(article.url)).find("script", type="application/ld+json").string)["@graph"]
    assert "WebSite" not in {item["@type"] for item in graph}


def test_a_page_without_a_summary_is_described_by_its_intro(client, home_page):
    index = factories.article_index(home_page)
    index.intro = "Essays and how-tos."
    index.save_revision().publish()
    assert parse(client.get(index.url)).find("meta", attrs={"name": "description"})["content"] == "Essays and how-tos."
    index.search_description = "Chosen for search engines."
    index.save_revision().publish()
    assert (
        parse(client.get(index.url)).find("meta", attrs={"name": "description"})["content"] == index.search_description
    )


def test_breadcrumbs_are_right_whether_or_not_the_section_is_in_the_menu(client, home_page):
    index = factories.article_index(home_page)
    page = factories.article(home_page, title="Deep page")
    for in_menu in (False, True):
        index.show_in_menus = in_menu
        index.save_revision().publish()
        html = parse(client.get(page.url))
        crumbs = html.find("nav", attrs={"aria-label": "Breadcrumb"}).find_all("a")
        assert [(a.get_text(), a["href"]) for a in crumbs] == [
            (home_page.title, "/"),
            ("Articles", "/articles/"),
            ("Deep page", "/articles/deep-page/"),
        ], in_menu
        graph = json.loads(html.find("script", type="application/ld+json").string)["@graph"]
        trail = next(item for item in graph if item["@type"] == "BreadcrumbList")["itemListElement"]
        assert [item["item"] for item in trail] == [
            "http://localhost/",
            "http://localhost/articles/",
            "http://localhost/articles/deep-page/",
        ], in_menu
