import pytest
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
