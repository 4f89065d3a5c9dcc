"""Shared fixtures: the site's home page, HTML parsing, and a real Chromium for browser tests."""

import os
import shutil

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

CHROMIUM = os.environ.get("HUBSITE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    # A test on the `deployment` fixture runs gunicorn against a PostgreSQL database of its own,
    # whatever DATABASE_URL says: CI runs it once, in the first run, not again in the PostgreSQL one.
    for item in items:
        if "deployment" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.own_deployment)


@pytest.fixture
def home_page(db):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def site_tree(transactional_db):
    """For tests against a live server: the page tree, rebuilt after an earlier test's flush."""
    from tests.factories import ensure_site_tree

    return ensure_site_tree()


def parse(response):
    """The response body as a BeautifulSoup tree."""
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright. Skips without it, unless CI requires it."""
    if not shutil.which(CHROMIUM):
        reason = f"no Chromium at {CHROMIUM}: install Debian's `chromium` package to run browser tests"
        if os.environ.get("HUBSITE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"HUBSITE_REQUIRE_BROWSER=1 and {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on this thread; the ORM calls the tests make
    # around it are ordinary blocking calls, so Django's async guard does not apply.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    """A fresh browser context and tab (no cookies shared between tests)."""
    context = chromium.new_context()
    page = context.new_page()
    yield page
    context.close()


# The most SQL queries any public page may take to render (no page cache, shared fragments such as
# the menu warm), whatever its content size: the performance target of issue 11. Measured: 7-8.
PAGE_QUERY_BUDGET = 10


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: a rolled-back test must not leave its menu behind."""
    from django.core.cache import cache

    cache.clear()
    yield
