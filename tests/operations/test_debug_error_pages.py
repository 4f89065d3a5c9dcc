"""`make run` (DEBUG) shows the designed 404 and 500 pages; DEBUG_ERROR_PAGES=1 brings Django's debug pages back."""

import importlib

import pytest
from django.conf import settings

from home.models import HomePage
from tests.conftest import parse

MIDDLEWARE = "operations.debug_errors.DesignedErrorPagesMiddleware"
pytestmark = pytest.mark.django_db


@pytest.fixture
def debug_with_designed_pages(settings):
    settings.DEBUG = True
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE]
    return settings


def test_a_missing_page_shows_the_designed_404_in_debug(client, home_page, debug_with_designed_pages):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = parse(response)
    assert html.select_one(".site-header") is not None and "Technical" not in response.content.decode()


def test_an_error_shows_the_designed_500_in_debug_and_logs_its_traceback(
    client, home_page, debug_with_designed_pages, monkeypatch, caplog
):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("broken on purpose")

    monkeypatch.setattr(HomePage, "serve", broken)
    client.raise_request_exception = False

    response = client.get("/")

    assert response.status_code == 500
    assert "Traceback" not in response.content.decode() and parse(response).find("h1") is not None
    assert "broken on purpose" in caplog.text


def test_the_dev_settings_add_it_unless_debug_error_pages_is_set(monkeypatch):
    import hubsite.settings.dev as dev

    monkeypatch.setenv("DEBUG", "1")
    monkeypatch.delenv("DEBUG_ERROR_PAGES", raising=False)
    assert MIDDLEWARE in importlib.reload(dev).MIDDLEWARE
    monkeypatch.setenv("DEBUG_ERROR_PAGES", "1")
    assert MIDDLEWARE not in importlib.reload(dev).MIDDLEWARE
    assert MIDDLEWARE not in settings.MIDDLEWARE  # the tests' own settings are untouched
