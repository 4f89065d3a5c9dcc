"""Autosave never races an editor's own save (issue 28, item 2), as an Editors-group user in a real browser.

Wagtail 8 autosaves a draft about a second after the last change (the form is checked for changes every
half second, then autosave waits WAGTAIL_AUTOSAVE_INTERVAL). An editor who types and at once clicks
*Save draft* used to leave that autosave to go out while the save was on its way: it reached the server
after the save and either wrote the page as it was a moment earlier over the save (a revision after the
save's, and "You saved a new version in another window" on the page the save returned to) or was refused
with a 400. Here an editor types and saves at once, 20 times, half of them while an autosave is already
on its way, and every save is the latest revision, with no autosave after it, no 4xx and no conflict.

A submit that fails validation comes back with the editor's work autosaved as a draft; the header must not
then say "Saved" beside "The page could not be saved".

Every wait is on a condition, with room for a busy two-core machine; nothing sleeps for a set time.
"""

import threading
import time

import pytest
from playwright.sync_api import expect
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from guides.models import GuidePage
from operations.moderation import EDITORS
from tests.browser.test_tota11y import SLOW, log_in
from tests.editors.conftest import member_of
from tests.guides.factories import make_guide, make_index

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_tree")]

SAVES = 20
CONFLICT = "saved a new version"
# Counts the autosaves this document has started (the form's data is taken then; it is sent
# WAGTAIL_AUTOSAVE_INTERVAL later) and the answers to its editing session's pings (which list newer revisions),
# and says when Wagtail is watching the form for changes: it takes the form's starting point two seconds
# after its controller connects (what is typed before then is never autosaved), and the controller connects
# twice as the editor loads, so it takes it twice.
RECORD_AUTOSAVES = """
window.__autosaves = 0;
window.__pings = 0;
window.__connected = 0;
window.__watching = 0;
document.addEventListener("w-unsaved:ready", () => { window.__connected += 1; });
document.addEventListener("w-unsaved:watch-edits", () => { window.__watching += 1; });
window.__ready_to_type = () => window.__watching > 0 && window.__watching >= window.__connected;
document.addEventListener("w-autosave:save", () => { window.__autosaves += 1; });
document.addEventListener("w-swap:json", () => { window.__pings += 1; });
"""


class Requests:
    """Every request the editor's tab makes to the page's edit URL, in order, with how it ended."""

    def __init__(self, page, edit_url):
        self.edit_url = edit_url
        self.log = []
        page.on("request", self.sent)
        page.on("response", self.answered)

    def sent(self, request):
        if request.url == self.edit_url and request.method == "POST":
            # Autosave posts with fetch and asks for JSON; Save draft and Submit post the form as a document.
            kind = "save" if request.resource_type == "document" else "autosave"
            self.log.append({"kind": kind, "request": request, "status": None})

    def answered(self, response):
        for entry in self.log:
            if entry["request"] is response.request:
                entry["status"] = response.status
        if response.url == self.edit_url and response.status >= 400:
            self.log.append({"kind": "error", "request": response.request, "status": response.status})


def wait_for_server_to_finish():
    """Every request the live server was sent has been answered (as tests/conftest.py waits at the end)."""
    deadline = time.monotonic() + SLOW / 1000
    while any(thread.name.endswith("(process_request_thread)") for thread in threading.enumerate()):
        assert time.monotonic() < deadline, "the live server is still answering requests"
        time.sleep(0.05)


def open_editor(context, base, guide):
    page = log_in(context, base, "edna")
    page.goto(f"{base}/admin/pages/{guide.pk}/edit/")
    expect(page.locator("#w-autosave-indicator")).to_be_attached(timeout=SLOW)
    return page


def test_typing_and_saving_at_once_saves_one_revision_with_no_late_autosave_no_4xx_and_no_conflict(
    live_server, chromium, django_user_model
):
    base = live_server.url
    editor = member_of(django_user_model, EDITORS, "edna")
    guide = make_guide(make_index(), "Typed and saved at once", publish=False, owner=editor)
    first = guide.get_latest_revision()
    edit_url = f"{base}/admin/pages/{guide.pk}/edit/"
    context = chromium.new_context()
    context.add_init_script(RECORD_AUTOSAVES)
    try:
        page = open_editor(context, base, guide)
        requests = Requests(page, edit_url)
        summary = page.locator("#id_summary")
        expected = []  # the summary of each revision the saves should leave, oldest first
        for number in range(SAVES):
            text = f"Saved at once, time {number + 1}."
            already = len(requests.log)
            started = page.evaluate("window.__autosaves")
            page.evaluate("window.__before_save = true")
            page.wait_for_function("() => window.__ready_to_type()", timeout=SLOW)
            summary.fill(text)
            if number % 2:
                # Half the time, save just after an autosave has set out (its data taken, the post on its way).
                page.wait_for_function("started => window.__autosaves > started", arg=started, timeout=SLOW)
            page.get_by_role("button", name="Save draft").click()
            # The save has come back as a new document: the editor again, saying the page was updated.
            page.wait_for_function("() => !window.__before_save", timeout=SLOW)
            expect(page.get_by_text("has been updated")).to_be_visible(timeout=SLOW)
            expect(summary).to_have_value(text, timeout=SLOW)
            # The editing session's first ping has answered: a revision after the one this page loaded
            # would show now as "You saved a new version in another window".
            page.wait_for_function("() => window.__pings > 0", timeout=SLOW)
            expect(page.get_by_text(CONFLICT)).to_have_count(0)

            kinds = [entry["kind"] for entry in requests.log[already:]]
            assert "error" not in kinds, (number, kinds)
            # Nothing posts after the save: an autosave already set out goes first, and the save waits for
            # its answer; one that had not (the change not yet noticed) never starts.
            if number % 2:
                assert kinds == ["autosave", "save"], (number, kinds)
            else:
                assert kinds in (["save"], ["autosave", "save"]), (number, kinds)
            autosaves = [entry for entry in requests.log[already:] if entry["kind"] == "autosave"]
            assert all(entry["status"] == 200 for entry in autosaves), (number, [e["status"] for e in autosaves])
            # The autosave (this page's first, so a new revision) holds what was typed; then the save's own.
            expected += [text] * len(autosaves) + [text]
    finally:
        context.close()
    wait_for_server_to_finish()

    guide = GuidePage.objects.get(pk=guide.pk)
    revisions = list(guide.revisions.order_by("created_at", "pk"))
    assert revisions[0] == first
    # One revision per save, and one per autosave that went out before it (a page's first autosave makes a
    # revision; its later ones would rewrite it, and each save returns a new page), in the order sent.
    assert [revision.as_object().summary for revision in revisions[1:]] == expected
    assert len({revision.created_at for revision in revisions}) == len(revisions)  # no two at one time
    assert all(revision.user == editor for revision in revisions[1:])
    assert guide.get_latest_revision() == revisions[-1]


def test_a_submit_that_fails_validation_is_not_shown_as_saved(live_server, chromium, django_user_model):
    base = live_server.url
    editor = member_of(django_user_model, EDITORS, "edna")
    # A listing image with no alt text: a draft may wait for it, a submit may not (core/forms.py).
    image = Image.objects.create(title="A chart", file=get_test_image_file())
    guide = make_guide(make_index(), "Submitted without alt text", publish=False, owner=editor, listing_image=image)
    context = chromium.new_context()
    context.add_init_script(RECORD_AUTOSAVES)
    try:
        page = open_editor(context, base, guide)
        page.wait_for_function("() => window.__ready_to_type()", timeout=SLOW)
        page.locator("#id_summary").fill("Submitted before the alt text was written.")
        page.evaluate("window.__before_save = true")
        page.get_by_role("button", name="More actions").click()
        page.get_by_role("button", name="Submit to Moderators approval").click()
        page.wait_for_function("() => !window.__before_save", timeout=SLOW)
        expect(page.get_by_text("The page could not be saved due to validation errors")).to_be_visible(timeout=SLOW)
        # The returned form holds the editor's unsaved work, and Wagtail autosaves it as a draft at once.
        indicator = page.locator("#w-autosave-indicator")
        expect(indicator).to_have_attribute("data-w-autosave-state-value", "saved", timeout=SLOW)
        expect(indicator.get_by_text("Saved", exact=True)).to_be_hidden()
        expect(page.get_by_text("The page could not be saved due to validation errors")).to_be_visible()
    finally:
        context.close()
