"""Imported notes survive the real editor: Draftail in Chromium saves lists and the code inside them unchanged."""

import json

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from operations.moderation import EDITORS
from reviews.models import EventNotesIndexPage, EventNotesPage
from tests.browser.test_tota11y import SLOW, log_in
from tests.editors.conftest import member_of
from tests.factories import ensure_site_tree
from tests.reviews.conftest import FIXTURES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_tree")]


def wait_for_autosave(page):
    """Let autosave finish before saving by hand, as an editor sees "Saved" first.

    An autosave still in flight could otherwise land after the explicit save and become the
    latest revision with what the form held a moment earlier.
    """
    indicator = page.locator("#w-autosave-indicator")
    page.wait_for_timeout(800)  # autosave runs this long (WAGTAIL_AUTOSAVE_INTERVAL) after the last keystroke
    if indicator.count():
        expect(indicator).not_to_have_attribute("data-w-autosave-state-value", "saving", timeout=SLOW)


def rich_text(page):
    """Every rich text of the latest draft's notes (the code in the lists lives there)."""
    body = EventNotesPage.objects.get(pk=page.pk).get_latest_revision_as_object().body
    prep = EventNotesPage.body.field.stream_block.get_prep_value(body)
    return [
        block["value"]
        for day in prep
        for talk in day["value"]["talks"]
        for block in talk["value"]["notes"]
        if block["type"] == "paragraph"
    ]


def import_notes(django_user_model):
    home = ensure_site_tree()
    index = EventNotesIndexPage(title="Event notes", slug="notes")
    home.add_child(instance=index)
    index.save_revision().publish()
    member_of(django_user_model, EDITORS, "edna")
    call_command(
        "import_event_notes", str(FIXTURES / "conference.md"), "--parent", str(index.pk), "--user", "edna", stdout=None
    )
    return EventNotesPage.objects.get()


def test_imported_notes_open_with_their_days_and_talks_in_view(live_server, chromium, django_user_model):
    page = import_notes(django_user_model)
    context = chromium.new_context()
    tab = log_in(context, live_server.url, "edna")
    tab.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
    # Each day is open, so its heading and its talks' titles are seen at once ...
    expect(tab.locator("#body-0-value-title")).to_have_value("Day 1", timeout=SLOW)
    expect(tab.locator("#body-0-value-title")).to_be_visible(timeout=SLOW)
    expect(tab.locator("#body-1-value-title")).to_be_visible(timeout=SLOW)
    for title in ("Opening Keynote", "Caching Everything Some Things", "Panel: Running Conferences", "Tools Compared"):
        expect(tab.locator("[data-panel-heading-text]", has_text=title).first).to_be_visible(timeout=SLOW)
    # ... while each talk stays folded to its title, so a long event still fits on a screen or two.
    expect(tab.locator("#body-0-value-talks-0-value-title")).to_be_hidden(timeout=SLOW)
    context.close()


def test_an_editor_saving_imported_notes_in_the_browser_changes_no_list(live_server, chromium, django_user_model):
    page = import_notes(django_user_model)
    before = rich_text(page)
    # Code inside a list item, with its language: Draftail keeps both (the language in the block's data).
    assert any('<div class="rich-code"><pre class="language-yaml"' in html for html in before)
    context = chromium.new_context()
    tab = log_in(context, live_server.url, "edna")
    tab.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
    # Saved talks start folded: their editors exist (and are saved) without being shown.
    tab.locator(".Draftail-Editor pre").first.wait_for(state="attached", timeout=SLOW)
    tab.fill("#id_title", "Fixture Conf 2024 (edited)")
    wait_for_autosave(tab)
    tab.locator("button[type=submit]", has_text="Save draft").click()
    tab.wait_for_url(f"{live_server.url}/admin/pages/{page.pk}/edit/", timeout=SLOW)
    context.close()

    draft = EventNotesPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.title == "Fixture Conf 2024 (edited)"
    assert json.dumps(rich_text(page)) == json.dumps(before)
