"""Conditional GET: every public answer has an ETag (feeds and the sitemap a Last-Modified too), and a
client that already has it gets 304 Not Modified; feeds, the sitemap and llms.txt may be kept a minute at most."""

import re

import pytest
from django.core.cache import cache
from django.utils.cache import get_max_age
from django.utils.http import http_date, parse_http_date

from operations.page_cache import HIT_HEADER

pytestmark = pytest.mark.django_db

KINDS = {
    "page": "/articles/",
    "markdown": "/articles.md",
    "feed": "/feeds/atom.xml",
    "rss": "/feeds/rss.xml",
    "sitemap": "/sitemap.xml",
    "llms.txt": "/llms.txt",
    "api listing": "/api/v2/pages/",
    "api detail": None,  # the first page of the listing
    "robots.txt": "/robots.txt",
}


def _urls(client):
    first = client.get("/api/v2/pages/").json()["items"][0]["id"]
    return {kind: url or f"/api/v2/pages/{first}/" for kind, url in KINDS.items()}


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_matching_if_none_match_gets_304(client, demo_site, kind):
    url = _urls(client)[kind]
    first = client.get(url)
    assert first.status_code == 200 and first.has_header("ETag"), kind
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    changed = client.get(url, HTTP_IF_NONE_MATCH='"something-else"')
    assert changed.status_code == 200


@pytest.mark.parametrize("kind", ["feed", "rss", "sitemap"])
def test_a_matching_if_modified_since_gets_304(client, demo_site, kind):
    url = KINDS[kind]
    first = client.get(url)
    last_modified = parse_http_date(first["Last-Modified"])
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=http_date(last_modified - 1)).status_code == 200


@pytest.mark.parametrize("url", ["/feeds/atom.xml", "/feeds/rss.xml", "/sitemap.xml", "/llms.txt"])
def test_feeds_sitemap_and_llms_txt_say_how_long_any_cache_may_keep_them(client, demo_site, url):
    response = client.get(url)
    assert 0 < get_max_age(response) <= 60
    assert "public" in response["Cache-Control"]


def test_a_page_served_from_the_page_cache_answers_conditional_requests(
    client, demo_site, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    try:
        miss = client.get("/articles/")
        hit = client.get("/articles/")
        assert hit[HIT_HEADER] == "hit" and hit["ETag"] == miss["ETag"]
        with django_assert_num_queries(0):  # answered from the page cache, not rendered again
            not_modified = client.get("/articles/", HTTP_IF_NONE_MATCH=miss["ETag"])
        assert not_modified.status_code == 304 and not_modified["ETag"] == miss["ETag"]
    finally:
        cache.clear()


def test_a_gzipped_answer_has_a_weak_etag_that_either_form_matches(client, demo_site):
    plain = client.get("/articles/")
    gzipped = client.get("/articles/", HTTP_ACCEPT_ENCODING="gzip")
    assert gzipped["Content-Encoding"] == "gzip"
    assert gzipped["ETag"] == f"W/{plain['ETag']}"
    assert re.fullmatch(r'"[0-9a-f]+"', plain["ETag"])
    for tag in (plain["ETag"], gzipped["ETag"]):
        assert client.get("/articles/", HTTP_IF_NONE_MATCH=tag, HTTP_ACCEPT_ENCODING="gzip").status_code == 304
