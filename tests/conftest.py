"""Shared fixtures: the site's home page, the demo site (built once), HTML parsing, and a real Chromium."""

import io
import os
import shutil
import threading
import time

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Site

from core.pagination import PER_PAGE

# Real services (moto's S3, Redis, PostgreSQL) and the demo site deployed with production settings.
pytest_plugins = ["tests.services"]

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


# Before pytest-django sorts the tests by kind of database use (keeping the order below within each kind),
# and before pytest-xdist reads the groups.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    for item in items:
        if "demo_site" in getattr(item, "fixturenames", ()) and item.get_closest_marker("django_db") is None:
            item.add_marker(pytest.mark.django_db)  # the demo is in the database: so is the test
        if "deployment" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.own_database)
        if "production_site" in getattr(item, "fixturenames", ()):
            # Building the production site takes half a minute: one pytest-xdist worker builds it for all.
            item.add_marker(pytest.mark.xdist_group("production-site"))
    # The tests that share the demo run first, one after another, so it is loaded once (see SharedDemo).
    items.sort(key=lambda item: not _shares_the_demo(item))


def pytest_configure(config):
    """pytest-xdist 3.8 groups tests by a suffix it writes into their node ids, and pytest 9.2 ignores that write
    (pytest-dev/pytest-xdist#1386): the production site would be built on every worker, silently."""
    if config.getoption("dist", "no") != "loadgroup":
        return
    from importlib.metadata import version

    if pytest.version_tuple[:2] >= (9, 2) and version("pytest-xdist").startswith("3.8."):
        raise pytest.UsageError("pytest-xdist 3.8 cannot group tests under pytest 9.2: install requirements-dev.txt")


@pytest.fixture(autouse=True)
def fresh_purge_journal_state(monkeypatch):
    """Each test starts as a new app process would: its page cache not yet trusted (operations/page_cache.py).

    Pages that tests make without running on-commit callbacks leave their purges in the journal, to be
    replayed at the first cacheable request; test settings keep the journal from being read again later
    in the test, so such a replay never lands in the middle of one.
    """
    from operations import page_cache

    monkeypatch.setattr(page_cache, "_trusted", False)
    monkeypatch.setattr(page_cache, "_verdict_until", 0.0)
    monkeypatch.setattr(page_cache, "_front_cache_retry_at", 0.0)


@pytest.fixture
def home_page(db):
    return Site.objects.get(is_default_site=True).root_page.specific


# The demo site, built once for all the tests that read it.
#
# Loading the demo takes a second or two; two dozen tests read it. The tests that ask for `demo_site`
# and run in a transaction (pytest-django's `db`) are run one after another, first; the demo is
# loaded in one transaction opened before the first of them, and each test runs in its own savepoint
# on top of it (pytest-django's usual per-test transaction, nested), so whatever a test changes is
# undone before the next. The shared transaction is rolled back before the first other test, so
# no other test sees the demo. Tests that need committed data (a live server, a flush) load the
# demo for themselves.


def _runs_in_a_transaction(item):
    """Whether pytest-django runs `item` in a rolled-back transaction (`db`), as its own ordering decides."""
    fixtures = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    uses_db = marker is not None or "db" in fixtures
    transactional = bool(marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
    transactional = transactional or "transactional_db" in fixtures or "live_server" in fixtures
    return uses_db and not transactional


def _shares_the_demo(item):
    return "demo_site" in getattr(item, "fixturenames", ()) and _runs_in_a_transaction(item)


class SharedDemo:
    """The demo site loaded once inside a transaction that the demo tests' own transactions nest in."""

    def __init__(self):
        self.atomic = None
        self.blocker = None
        self.loads = 0

    @property
    def is_open(self):
        return self.atomic is not None

    def open(self, blocker):
        if self.is_open:
            return
        self.blocker = blocker
        with blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                call_command("load_demo_content", stdout=io.StringIO())
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
        self.atomic = atomic
        self.loads += 1

    def close(self):
        if not self.is_open:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.atomic = None


SHARED_DEMO = SharedDemo()


@pytest.hookimpl(tryfirst=True)
def pytest_fixture_setup(fixturedef, request):
    # Just before pytest-django opens a demo test's own transaction, open the shared one beneath it.
    if fixturedef.argname == "_django_db_helper" and _shares_the_demo(request.node):
        request.getfixturevalue("_shared_demo_closer")
        SHARED_DEMO.open(request.getfixturevalue("django_db_blocker"))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if not _shares_the_demo(item):
        SHARED_DEMO.close()


@pytest.fixture(scope="session")
def _shared_demo_closer(django_db_setup):
    """Set up after the test database, so torn down before it: the shared demo is rolled back first."""
    yield
    SHARED_DEMO.close()


@pytest.fixture
def demo_site(request):
    """The demo site's home page: shared (see above) in a `db` test; loaded for this test in one that commits."""
    if not SHARED_DEMO.is_open:
        request.getfixturevalue("site_tree")  # a transactional test: the tree, rebuilt after a flush
        call_command("load_demo_content", stdout=io.StringIO())
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


@pytest.fixture(autouse=True)
def _live_server_settles(request):
    """A browser test ends only when the live server has answered every request it was sent.

    Closing a browser does not stop a request the server is still answering (the admin's preview panel
    posts as it refreshes); on SQLite that request shares the test's connection, and the database
    flush after the test then meets its open statement ("database table is locked").
    """
    yield
    if "live_server" not in request.fixturenames:
        return
    for _ in range(300):
        if not any(thread.name.endswith("(process_request_thread)") for thread in threading.enumerate()):
            return
        time.sleep(0.1)


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
# "Whatever its content size": budgets compare one item with this many. A full listing page and a
# second; any query made per item shows as twelve more, as it would with a hundred.
MORE_THAN_A_PAGE = PER_PAGE + 1


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: a rolled-back test must not leave its menu behind (nor
    its pages' passages, kept in the process by page id and version, which a rollback reuses)."""
    from django.core.cache import cache

    from search.passages import forget_kept_passages

    cache.clear()
    forget_kept_passages()
    yield
