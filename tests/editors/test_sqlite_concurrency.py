"""The embedded default (SQLite) survives several editors saving, previewing and publishing at once.

Each thread is one request at a time through the real admin views, with its own database
connection, as the development server and gunicorn's threads give each request. The database is a
file with the settings' own OPTIONS: the in-memory test database uses shared-cache locking, which
is not what a site runs on.
"""

import sqlite3
import threading
from contextlib import closing, contextmanager
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError, connection, connections
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS = 4
READERS = 2
ROUNDS = 6


@contextmanager
def on_a_file_copy(path):
    """Point every new connection (each thread's) at a file copy of the test database as it is now."""
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    with mock.patch.dict(connections.settings["default"], {"NAME": str(path)}):
        yield


def test_the_settings_ask_sqlite_to_wait_and_take_the_write_lock_up_front():
    options = settings.DATABASES["default"]["OPTIONS"]
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite only")
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 10
    assert "journal_mode=WAL" in options["init_command"]


def test_editors_saving_previewing_and_publishing_at_once_never_hit_a_locked_database(
    tmp_path, site_tree, django_user_model
):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's locking is what this tests; PostgreSQL locks rows")
    index = factories.topic_index(site_tree)
    pages = [factories.draft(index, factories.TopicPage(title=f"Topic {n}", description="Draft.")) for n in range(3)]
    for n in range(WRITERS):
        django_user_model.objects.create_superuser(f"editor{n}", password="x")
    public = factories.topic(site_tree, "Read while others write")

    # Each writer takes the edit form once (as the browser does), then saves, previews and publishes.
    problems, done = [], []

    def in_own_connection(work):
        def run(*args):
            try:
                work(*args)
            except OperationalError as error:
                problems.append(repr(error))
            finally:
                connections.close_all()

        return run

    @in_own_connection
    def writer(number):
        client = Client()
        client.force_login(django_user_model.objects.get(username=f"editor{number}"))
        page = pages[number % len(pages)]
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
        form = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
        for round_ in range(ROUNDS):
            form["description"] = f"Round {round_} by editor {number}."
            form.pop("action-publish", None)
            if number == 0 and round_ % 2:
                form["action-publish"] = "action-publish"
            for response in (client.post(preview_url, form), client.post(edit_url, form)):
                if response.status_code >= 500:
                    problems.append(f"{response.status_code} from editor {number}")
            done.append(number)

    @in_own_connection
    def reader(number):
        client = Client()
        for _ in range(ROUNDS * 2):
            for url in (public.url, index.url):
                if client.get(url).status_code != 200:
                    problems.append(f"reader {number} got no page at {url}")

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    threads += [threading.Thread(target=reader, args=(n,)) for n in range(READERS)]
    path = tmp_path / "hub.sqlite3"
    with on_a_file_copy(path):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)

    assert problems == []
    assert len(done) == WRITERS * ROUNDS
    # Every save reached the database: one new revision per round and writer.
    placeholders = ",".join("?" * len(pages))
    with closing(sqlite3.connect(path)) as check:
        [[revisions]] = check.execute(
            f"SELECT count(*) FROM wagtailcore_revision WHERE object_id IN ({placeholders})",
            [str(page.pk) for page in pages],
        ).fetchall()
    assert revisions >= len(pages) + WRITERS * ROUNDS
