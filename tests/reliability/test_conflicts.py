"""Two editors on one page: the second learns of the first's save, and nothing the first saved is lost.

Wagtail 8 tracks editing sessions: each open editor pings the server, which answers with the
newest revision and who else is editing (the page shows "This page has been edited by someone
else" from it), and autosave refuses to write over a newer revision. A full save after that warning
is the editor's explicit choice, and even then the other editor's revision stays in the history.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def editor(django_user_model, name):
    client = Client()
    client.force_login(django_user_model.objects.create_superuser(name, f"{name}@example.com", "pw"))
    return client


def open_editor(client, page):
    """GET the edit view; return the form's fields as the browser would submit them, and the ping URL."""
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    form = BeautifulSoup(html, "html.parser").find("form", id="page-edit-form")
    data = {}
    for field in form.find_all(["input", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in {"checkbox", "radio", "submit", "file"}:
            continue
        data[name] = field.get_text() if field.name == "textarea" else field.get("value", "")
    ping = re.search(r"/admin/editing-sessions/ping/[^\"'&]+/", html).group(0)
    return data, ping


@pytest.fixture
def page(home_page):
    return factories.topic(home_page, "Conflicts")


def test_second_editor_is_told_of_the_first_save_and_cannot_autosave_over_it(django_user_model, page):
    alice, bob = editor(django_user_model, "alice"), editor(django_user_model, "bob")
    alice_form, _ = open_editor(alice, page)
    bob_form, bob_ping = open_editor(bob, page)
    assert bob_form["loaded_revision_id"] == alice_form["loaded_revision_id"]

    alice_form["description"] = "Alice's description."
    assert alice.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), alice_form).status_code == 302
    alice_revision = page.revisions.order_by("-pk").first()
    assert alice_revision.content["description"] == "Alice's description."

    # Bob's editor pings as it does every few seconds: the server names the newer revision and Alice.
    ping = bob.post(bob_ping, {"revision_id": bob_form["loaded_revision_id"], "is_editing": "1"}).json()
    others = ping["other_sessions"]
    assert any(s["revision_id"] == alice_revision.pk and s["user"] == "alice" for s in others), ping

    # Bob's autosave (Wagtail 8 saves drafts in the background) is refused: it would overwrite Alice.
    bob_form["description"] = "Bob's description."
    response = bob.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), bob_form, headers={"accept": "application/json"}
    )
    assert response.json()["success"] is False
    assert response.json()["error_code"] == "invalid_revision"
    page.refresh_from_db()
    assert page.get_latest_revision().pk == alice_revision.pk
    assert page.get_latest_revision_as_object().description == "Alice's description."


def test_a_deliberate_save_after_the_notice_keeps_the_other_editors_revision(django_user_model, page):
    alice, bob = editor(django_user_model, "alice"), editor(django_user_model, "bob")
    alice_form, _ = open_editor(alice, page)
    bob_form, _ = open_editor(bob, page)
    alice_form["description"] = "Alice's description."
    alice.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), alice_form)
    bob_form["description"] = "Bob's description."
    assert bob.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), bob_form).status_code == 302

    descriptions = [r.content["description"] for r in page.revisions.order_by("pk")]
    assert descriptions[-2:] == ["Alice's description.", "Bob's description."]
    compare = bob.get(f"/admin/pages/{page.pk}/revisions/compare/{page.revisions.order_by('pk')[1].pk}...latest/")
    assert compare.status_code == 200 and "Alice" in compare.content.decode()
