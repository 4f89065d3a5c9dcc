"""Public pages are sent gzipped; nothing that can hold a visitor's secret is (BREACH)."""

import gzip

import pytest
from django.core.cache import cache

from tests import factories

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_public_pages_feeds_and_the_sitemap_are_gzipped_for_clients_that_accept_it(client, home_page):
    page = factories.article(home_page, title="Compressed")
    for url in ("/", page.url, "/search/?q=compressed", "/feeds/rss.xml", "/sitemap.xml", "/no-such-page/"):
        plain = client.get(url)
        packed = client.get(url, **GZIP)
        assert packed["Content-Encoding"] == "gzip", url
        assert "Accept-Encoding" in packed["Vary"], url
        assert gzip.decompress(packed.content) == plain.content, url
        assert len(packed.content) < len(plain.content), url
        assert not plain.has_header("Content-Encoding"), url


def test_nothing_that_can_hold_a_secret_is_compressed(client, admin_client, home_page):
    page = factories.article(home_page, title="Editable")
    login = client.get("/admin/login/", **GZIP)  # a CSRF token, no session yet
    assert b"csrfmiddlewaretoken" in login.content and not login.has_header("Content-Encoding")
    for url in ("/admin/", f"/admin/pages/{page.pk}/edit/", page.url):  # an editor's session
        response = admin_client.get(url, **GZIP)
        assert response.status_code == 200 and not response.has_header("Content-Encoding"), url


def test_a_cached_page_is_stored_once_and_compressed_only_for_those_who_accept_it(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    page = factories.article(home_page, title="Cached")
    first = client.get(page.url, **GZIP)
    assert first["X-Page-Cache"] == "miss" and first["Content-Encoding"] == "gzip"
    plain = client.get(page.url)
    assert plain["X-Page-Cache"] == "hit" and not plain.has_header("Content-Encoding")
    again = client.get(page.url, **GZIP)
    assert again["X-Page-Cache"] == "hit" and gzip.decompress(again.content) == plain.content
    cache.clear()


def test_compression_can_be_left_to_a_proxy(client, home_page, settings):
    settings.COMPRESS_RESPONSES = False
    assert not client.get("/", **GZIP).has_header("Content-Encoding")


def test_a_shared_draft_is_not_compressed(client, home_page):
    from sharing.models import ShareLink
    from tests.guides.factories import make_guide, make_index

    draft = make_guide(make_index(), "Unpublished", publish=False)
    link = ShareLink.objects.create(page=draft)
    response = client.get(f"/share/{link.token}/", **GZIP)  # private, no-store: one reviewer's copy
    assert response.status_code == 200 and not response.has_header("Content-Encoding")
