"""An editor's whole day, in a real browser: write a guide, preview it, share the draft, submit it;
a moderator approves; readers and search see it; the share link is revoked."""

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from guides.models import GuidePage
from operations.moderation import EDITORS, MODERATORS
from tests.editors.conftest import PASSWORD, member_of
from tests.guides.factories import make_index

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_tree")]

# The admin and its preview do real work on every step; a loaded CI machine needs more than 5 s.
SLOW = 20_000
TITLE = "Reviewing database migrations"
SECTIONS = [
    ("Before merging", ["Does the migration lock a busy table?", "Can the migration run twice safely?"]),
    ("After deploying", ["How do you roll back a squashed migration?", "Who watches the replication lag?"]),
]


def log_in(context, base_url, username):
    page = context.new_page()
    page.goto(base_url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base_url + "/admin/")
    return page


def wait_for_autosave(page):
    """Let autosave finish before saving by hand, as an editor sees "Saved" first.

    An autosave still in flight could otherwise land after the explicit save and become the
    latest revision with what the form held a moment earlier.
    """
    indicator = page.locator("#w-autosave-indicator")
    page.wait_for_timeout(800)  # autosave runs this long (WAGTAIL_AUTOSAVE_INTERVAL) after the last keystroke
    if indicator.count():
        expect(indicator).not_to_have_attribute("data-w-autosave-state-value", "saving", timeout=SLOW)


def click_until(button, appears):
    """Click `button` until `appears` shows: a StreamField re-rendering its headers can swallow a click."""
    for _ in range(3):
        button.click()
        try:
            appears.wait_for(timeout=3000)
            return
        except PlaywrightTimeout:
            continue
    appears.wait_for()


def add_section(page, index, title, questions):
    stream = page.locator("#panel-child-content-body-content [data-streamfield-stream-container]").first
    click_until(
        stream.locator(":scope > div > button.c-sf-add-button").last, page.locator(f"#body-{index}-value-title")
    )
    page.locator(f"#body-{index}-value-title").fill(title)
    for number, text in enumerate(questions):
        questions_field = page.locator(
            f"[name='body-{index}-value-questions-count'] + [data-streamfield-list-container]"
        )
        prefix = f"body-{index}-value-questions-{number}-value"
        click_until(
            questions_field.locator("button[data-streamfield-list-add]").last, page.locator(f"#{prefix}-question")
        )
        page.locator(f"#{prefix}-question").fill(text)
        answer = page.locator(f"[name='{prefix}-answer-count']").locator("xpath=..")
        paragraph = page.get_by_role("option", name=re.compile("Paragraph"))
        click_until(answer.locator("button.c-sf-add-button").last, paragraph)
        paragraph.click()
        stored = page.locator(f"[name='{prefix}-answer-0-value']")
        stored.locator("xpath=..").locator("[contenteditable=true]").click()
        page.keyboard.type(f"An answer to: {text}")
        # Draftail copies what was typed into its hidden input a moment later; saving before then loses it.
        expect(stored).to_have_value(re.compile(re.escape(text)))


def test_editor_writes_shares_submits_and_a_moderator_publishes(live_server, chromium, django_user_model):
    base = live_server.url
    guide_index = make_index()
    member_of(django_user_model, EDITORS, "edna")
    member_of(django_user_model, MODERATORS, "moe")
    editor_context = chromium.new_context()
    anonymous = chromium.new_context()
    try:
        editor = log_in(editor_context, base, "edna")
        editor.goto(f"{base}/admin/pages/{guide_index.pk}/")
        editor.get_by_role("link", name="Add child page").first.click()
        editor.locator("#id_title").fill(TITLE)
        for index, (title, questions) in enumerate(SECTIONS):
            add_section(editor, index, title, questions)
        editor.get_by_role("tab", name="Promote").click()
        editor.locator("#id_summary").fill("What to check before a schema change ships.")
        editor.get_by_role("tab", name="Content").click()
        wait_for_autosave(editor)
        editor.get_by_role("button", name="Save draft").click()
        expect(editor.get_by_text(re.compile(f"Page '{TITLE}' (created|has been updated)"))).to_be_visible(timeout=SLOW)
        editor.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
        guide = GuidePage.objects.get(title=TITLE)
        assert not guide.live
        draft = guide.get_latest_revision_as_object()
        assert [(s["title"], [q["question"] for q in s["questions"]]) for s in draft.outline()] == SECTIONS
        answers = [question["answer"] for section in draft.outline() for question in section["questions"]]
        assert all(answer and "An answer to:" in answer[0].value.source for answer in answers)
        edit_url = editor.url

        # Not published: a visitor gets "not found".
        visitor = anonymous.new_page()
        assert visitor.goto(base + guide.url).status == 404

        # The preview panel renders the draft's questions.
        editor.get_by_role("button", name="Toggle preview").click()
        preview = editor.frame_locator("#w-preview-iframe")
        expect(preview.get_by_role("heading", name=SECTIONS[1][1][1])).to_be_visible(timeout=SLOW)
        expect(preview.get_by_text("Preview", exact=True)).to_be_visible()

        # Share the draft from the page's header menu.
        editor.locator("button.w-dropdown__toggle[aria-label=Actions]").click()
        editor.get_by_role("link", name="Share draft").click()
        editor.get_by_role("button", name="Create share link").click()
        share_url = editor.locator("input[data-share-url]").first.input_value()
        assert "/share/" in share_url

        reviewer = chromium.new_context()  # someone with no account and no cookies
        try:
            shared = reviewer.new_page()
            response = shared.goto(share_url)
            assert response.status == 200 and "no-store" in response.headers["cache-control"]
            expect(shared.get_by_text("Draft — not published")).to_be_visible()
            expect(shared.get_by_role("heading", name=SECTIONS[0][1][0])).to_be_visible()
        finally:
            reviewer.close()

        # Submit for moderation.
        editor.goto(edit_url)
        wait_for_autosave(editor)
        editor.get_by_role("button", name="More actions").click()
        editor.get_by_role("button", name=re.compile("Submit to Moderators approval")).click()
        expect(editor.get_by_text("has been submitted for moderation")).to_be_visible(timeout=SLOW)
        guide.refresh_from_db()
        assert guide.current_workflow_state.status == "in_progress" and not guide.live

        # A moderator approves it from the page's editor, which publishes it.
        moderator_context = chromium.new_context()
        try:
            moderator = log_in(moderator_context, base, "moe")
            moderator.goto(edit_url)
            moderator.get_by_role("button", name="More actions").click()
            moderator.get_by_role("button", name="Approve and Publish", exact=True).click()
            # Back to the guide index's listing once the approval has gone through.
            moderator.wait_for_url(f"{base}/admin/pages/{guide_index.pk}/", timeout=SLOW)
        finally:
            moderator_context.close()
        guide.refresh_from_db()
        assert guide.live

        # Readers see it, and search finds it by a question's words.
        assert visitor.goto(base + guide.url).status == 200
        expect(visitor.get_by_role("heading", name=SECTIONS[1][1][1])).to_be_visible()
        visitor.goto(f"{base}/search/?q=replication+lag")
        expect(visitor.locator(".search-results").get_by_role("link", name=TITLE)).to_be_visible()

        # The editor revokes the share link; it no longer opens.
        editor.goto(edit_url)
        editor.locator("button.w-dropdown__toggle[aria-label=Actions]").click()
        editor.get_by_role("link", name="Share draft").click()
        editor.get_by_role("button", name="Revoke").click()
        expect(editor.get_by_text("Share link revoked")).to_be_visible(timeout=SLOW)
        assert visitor.goto(share_url).status == 404
    finally:
        editor_context.close()
        anonymous.close()
