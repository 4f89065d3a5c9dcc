"""Each process remembers Wagtail's site and its root page until a page or a site changes (core/sites.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from core import sites
from tests import factories

pytestmark = pytest.mark.django_db


def site_queries(client, path):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return [q["sql"] for q in ctx.captured_queries if "wagtailcore_site" in q["sql"]]


def test_the_site_is_looked_up_once_until_something_changes(client, home_page, django_capture_on_commit_callbacks):
    article = factories.article(home_page, title="Routed")
    assert len(site_queries(client, article.url)) == 1
    assert site_queries(client, article.url) == []
    assert site_queries(client, "/") == []

    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert len(site_queries(client, article.url)) == 1


def test_a_changed_site_is_seen_at_once(client, home_page, django_capture_on_commit_callbacks):
    other = factories.article(home_page, title="Another root")
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        site = Site.objects.get(is_default_site=True)
        site.root_page = other
        site.save()
    assert client.get("/").context["page"].pk == other.pk


def test_a_site_is_remembered_for_a_minute_at_most(client, home_page, monkeypatch):
    """Should a change not reach the shared cache (it was down then), a process still sees it within a minute."""
    client.get("/")
    now = sites.time.monotonic()
    monkeypatch.setattr(sites.time, "monotonic", lambda: now + sites.REMEMBER_SECONDS + 1)
    assert len(site_queries(client, "/")) == 1


def test_made_up_ports_do_not_grow_what_a_process_remembers(client, home_page, settings):
    settings.ALLOWED_HOSTS = ["localhost"]
    for port in range(8000, 8000 + 3 * sites.MAX_REMEMBERED):
        assert client.get("/", HTTP_HOST=f"localhost:{port}").status_code == 200
    assert len(sites._remembered) <= sites.MAX_REMEMBERED
