import io
import posixpath

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from home.models import HomePage
from tests.conftest import parse


@pytest.mark.django_db
def test_home_page_is_the_site_root(home_page):
    assert isinstance(home_page, HomePage)
    assert home_page.url == "/"


@pytest.mark.django_db
def test_home_page_has_landmarks_one_h1_and_a_skip_link_to_main(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = parse(response)
    assert html.html["lang"] == "en"
    assert len(html.find_all("h1")) == 1
    for landmark in ("header", "nav", "main", "footer"):
        assert html.find(landmark) is not None, landmark
    skip = html.find("a", class_="skip-link")
    assert skip is not None
    assert skip["href"] == "#main"
    assert html.find("main")["id"] == "main"
    # The skip link is the first focusable thing in the body.
    assert html.body.find("a") is skip


@pytest.mark.django_db
def test_unknown_url_renders_the_404_page_with_status_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = parse(response)
    assert html.find("h1").get_text() == "Page not found"
    assert len(html.find_all("h1")) == 1


def test_error_pages_render_without_the_database():
    """404 and 500 must work when the database is down. No `db` fixture here: pytest-django
    raises on any database access, so rendering at all proves they do not query it."""
    from django.template import loader

    for name in ("404.html", "500.html"):
        html = loader.render_to_string(name, {})
        assert html.count("<h1>") == 1


@pytest.mark.django_db
def test_server_error_page_is_friendly(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    from django.urls import path

    from hubsite import urls as root_urls

    def boom(request):
        raise RuntimeError("simulated failure")

    original = list(root_urls.urlpatterns)
    root_urls.urlpatterns.insert(0, path("boom/", boom))
    try:
        from django.urls import clear_url_caches

        clear_url_caches()
        response = client.get("/boom/")
    finally:
        root_urls.urlpatterns[:] = original
        clear_url_caches()
    assert response.status_code == 500
    assert b"Something went wrong" in response.content
    assert b"Traceback" not in response.content


@pytest.mark.django_db
def test_private_sections_ask_visitors_to_log_in_for_the_page_and_its_children(client, home_page):
    from tests import factories

    index = factories.article_index(home_page)
    child = factories.article(home_page, title="Inside")
    factories.make_private(index)
    for page in (index, child):
        response = client.get(page.url)
        assert response.status_code == 302
        assert "/_util/login/" in response["Location"] or "login" in response["Location"]
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_the_404_page_offers_the_sites_sections_and_a_search_box(client, home_page):
    from tests import factories

    index = factories.article_index(home_page)
    index.show_in_menus = True
    index.save_revision().publish()
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = parse(response)
    menu = html.find("nav", attrs={"aria-label": "Main"})
    assert [a["href"] for a in menu.find_all("a")] == ["/articles/"]
    search = html.find("form", attrs={"aria-label": "Search the hub"})
    assert search["action"] == "/search/" and search.find("input", attrs={"name": "q"}) is not None
    assert html.find("main").find("a", href="/articles/") is not None


@pytest.mark.django_db
def test_the_404_page_still_renders_with_its_search_box_when_the_database_is_unreachable(rf, monkeypatch):
    from django.db.utils import OperationalError
    from django.http import Http404
    from wagtail.models import Site

    from core.views import page_not_found

    def unreachable(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    monkeypatch.setattr(Site, "find_for_request", unreachable)
    response = page_not_found(rf.get("/gone/"), Http404())
    assert response.status_code == 404
    html = BeautifulSoup(response.content, "html.parser")
    assert html.find("h1").get_text() == "Page not found"
    assert html.find("nav", attrs={"aria-label": "Main"}) is None  # no sections to offer
    assert html.find("form", attrs={"aria-label": "Search the hub"}) is not None


@pytest.mark.django_db
def test_every_page_links_its_icons_and_manifest_and_the_favicon_is_served_at_the_root(client, home_page):
    import json

    from django.contrib.staticfiles import finders
    from PIL import Image

    html = parse(client.get("/"))
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 200 and favicon["Content-Type"] == "image/x-icon"
    assert Image.open(io.BytesIO(b"".join(favicon.streaming_content))).size == (32, 32)
    touch = html.find("link", rel="apple-touch-icon")["href"]
    assert Image.open(finders.find(touch.removeprefix("/static/"))).size == (180, 180)
    assert html.find("link", rel="icon", type="image/svg+xml") is not None
    manifest_url = html.find("link", rel="manifest")["href"]
    response = client.get(manifest_url)
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(b"".join(response.streaming_content))
    assert manifest["start_url"] == "/" and manifest["name"] == "Learning Hub"
    sizes = {}
    for icon in manifest["icons"]:
        path = finders.find(posixpath.join(posixpath.dirname(manifest_url.removeprefix("/static/")), icon["src"]))
        assert path, icon["src"]
        if icon["type"] == "image/png":
            sizes[icon.get("purpose", "any")] = sizes.get(icon.get("purpose", "any"), set()) | {Image.open(path).size}
    assert sizes == {"any": {(192, 192), (512, 512)}, "maskable": {(512, 512)}}
