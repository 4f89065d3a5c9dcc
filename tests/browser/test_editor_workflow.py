"""An editor's whole day, in a real browser, as a member of the Editors group: write a guide (two sections of
two questions, with code, a quote, an image and a link, and a listing image), preview it as a page and as a
card with tota11y open, share the draft, submit it; a moderator approves; readers, search and the topic's
cards show it; the share link is revoked.

Every wait is on a condition, with room for a busy two-core machine; nothing sleeps.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from guides.models import GuidePage
from operations.moderation import EDITORS, MODERATORS
from tests import factories
from tests.browser.test_tota11y import SLOW, Watch, log_in, run_a_tota11y_check
from tests.editors.conftest import member_of
from tests.guides.factories import make_index

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_tree")]

TITLE = "Reviewing database migrations"
IMAGE = "Lock wait times by week"
SECTIONS = [
    ("Before merging", ["Does the migration lock a busy table?", "Can the migration run twice safely?"]),
    ("After deploying", ["How do you roll back a squashed migration?", "Who watches the replication lag?"]),
]
# Remembers when autosave last succeeded, so a test can wait for the save that follows its last keystroke.
RECORD_AUTOSAVES = """
window.__autosaved = 0;
document.addEventListener("w-autosave:success", () => { window.__autosaved = performance.now(); });
"""


def click_until(button, appears):
    """Click `button` until `appears` shows: a StreamField re-rendering its headers can swallow a click."""
    for _ in range(4):
        button.click()
        try:
            appears.wait_for(timeout=5_000)
            return
        except PlaywrightTimeout:
            continue
    appears.wait_for(timeout=SLOW)


def add_block(page, answer_prefix, index, label):
    """Add a block of type `label` at the end of an answer; returns the prefix of its fields."""
    answer = page.locator(f"[name='{answer_prefix}-count']").locator("xpath=..")
    add_button = answer.locator("button.c-sf-add-button").last
    option = page.get_by_role("option", name=re.compile(f"^{label}"))
    prefix = f"{answer_prefix}-{index}-value"
    added = page.locator(f"[name^='{prefix}']").first
    # Choosing can be swallowed too (seen on a loaded machine: no block after 30 s). Adding a block is the
    # browser's own work, done in well under a second once chosen, so after ten seconds without it the
    # choice was lost: choose again, opening the menu again if it has closed.
    for _ in range(3):
        if not option.is_visible():
            click_until(add_button, option)
        option.click()
        try:
            added.wait_for(state="attached", timeout=10_000)
            return prefix
        except PlaywrightTimeout:
            continue
    added.wait_for(state="attached", timeout=SLOW)
    return prefix


def type_paragraph(page, prefix, text):
    stored = page.locator(f"[name='{prefix}']")
    stored.locator("xpath=..").locator("[contenteditable=true]").click()
    page.keyboard.type(text)
    # Draftail copies what was typed into its hidden input a moment later; saving before then loses it.
    expect(stored).to_have_value(re.compile(re.escape(text)), timeout=SLOW)


def choose_image(page, chooser_button):
    chooser_button.click()
    choice = page.locator(f".modal a.image-choice[title='{IMAGE}']")
    expect(choice).to_be_visible(timeout=SLOW)
    choice.click()
    expect(page.locator(".modal")).to_be_hidden(timeout=SLOW)


def fill_extra(page, prefix, kind):
    """The second block of each answer: code, a quote, an image or a link, one of each across the guide."""
    if kind == "Code":
        page.locator(f"#{prefix}-code").fill("ALTER TABLE orders ADD COLUMN note text;")
        page.locator(f"#{prefix}-language").select_option("sql")
    elif kind == "Quote":
        page.locator(f"#{prefix}-quote").fill("Every migration is a deploy.")
        page.locator(f"#{prefix}-attribution").fill("A database administrator")
    elif kind == "Image":
        choose_image(page, page.locator(f"#{prefix}-image-chooser").get_by_role("button", name="Choose an image"))
        page.locator(f"#{prefix}-alt_text").fill("Lock waits fall from twelve seconds to one over four weeks")
    elif kind == "Resources":
        page.locator(f"#{prefix}-links-0-value-title").fill("PostgreSQL's documentation on locks")
        page.locator(f"#{prefix}-links-0-value-url").fill(
            "https://www.postgresql.org/docs/current/explicit-locking.html"
        )


def add_section(page, index, title, questions, extras):
    stream = page.locator("#panel-child-content-body-content [data-streamfield-stream-container]").first
    click_until(
        stream.locator(":scope > div > button.c-sf-add-button").last, page.locator(f"#body-{index}-value-title")
    )
    page.locator(f"#body-{index}-value-title").fill(title)
    for number, (text, extra) in enumerate(zip(questions, extras, strict=True)):
        questions_field = page.locator(
            f"[name='body-{index}-value-questions-count'] + [data-streamfield-list-container]"
        )
        prefix = f"body-{index}-value-questions-{number}-value"
        click_until(
            questions_field.locator("button[data-streamfield-list-add]").last, page.locator(f"#{prefix}-question")
        )
        page.locator(f"#{prefix}-question").fill(text)
        type_paragraph(page, add_block(page, f"{prefix}-answer", 0, "Paragraph"), f"An answer to: {text}")
        fill_extra(page, add_block(page, f"{prefix}-answer", 1, extra), extra)


def save_draft(page):
    """Wait for the autosave that follows the last change, then save by hand, as an editor who sees "Saved"."""
    since = page.evaluate("performance.now()")
    if page.locator("#w-autosave-indicator").count():
        page.wait_for_function("since => window.__autosaved > since", arg=since, timeout=SLOW)
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text(re.compile(f"Page '{TITLE}' (created|has been updated)"))).to_be_visible(timeout=SLOW)
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"), timeout=SLOW)


def open_share_links(page):
    # The page header's menu (image and page choosers have "Actions" menus of their own).
    page.get_by_role("navigation", name="Actions", exact=True).get_by_role("button", name="Actions").click()
    page.get_by_role("link", name="Share draft").click()


def loaded_width(image, timeout=SLOW / 1000):
    """The image's natural width once it has loaded, 0 if it never does. A card image loads lazily,
    as it nears the viewport: polled, since the strict CSP forbids wait_for_function's eval."""
    image.scroll_into_view_if_needed()
    for _ in range(int(timeout / 0.1)):
        width = image.evaluate("img => img.complete ? img.naturalWidth : 0")
        if width:
            return width
        image.page.wait_for_timeout(100)
    return 0


def test_an_editor_writes_previews_shares_and_submits_and_a_moderator_publishes(
    live_server, chromium, django_user_model
):
    base = live_server.url
    guide_index = make_index()
    testing = factories.topic(guide_index.get_parent().specific, "Testing")
    Image.objects.create(title=IMAGE, file=get_test_image_file(size=(1200, 800)))
    member_of(django_user_model, EDITORS, "edna")
    member_of(django_user_model, MODERATORS, "moe")
    editor_context = chromium.new_context()
    editor_context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    editor_context.add_init_script(RECORD_AUTOSAVES)
    watch = Watch(editor_context)
    anonymous = chromium.new_context()
    try:
        editor = log_in(editor_context, base, "edna")
        editor.goto(f"{base}/admin/pages/{guide_index.pk}/")
        editor.get_by_role("link", name="Add child page").first.click()
        editor.locator("#id_title").fill(TITLE)
        # What cards show: the summary and the listing image, on the content tab.
        editor.locator("#id_summary").fill("What to check before a schema change ships.")
        choose_image(editor, editor.locator("#id_listing_image-chooser").get_by_role("button", name="Choose an image"))
        editor.locator("#id_listing_image_alt").fill("A chart of lock wait times falling week by week")
        editor.get_by_label("Testing").check()
        extras = [["Code", "Quote"], ["Image", "Resources"]]
        for index, ((title, questions), kinds) in enumerate(zip(SECTIONS, extras, strict=True)):
            add_section(editor, index, title, questions, kinds)
        save_draft(editor)

        guide = GuidePage.objects.get(title=TITLE)
        assert not guide.live
        draft = guide.get_latest_revision_as_object()
        assert [(s["title"], [q["question"] for q in s["questions"]]) for s in draft.outline()] == SECTIONS
        answers = [question["answer"] for section in draft.outline() for question in section["questions"]]
        assert [[block.block_type for block in answer] for answer in answers] == [
            ["paragraph", "code"],
            ["paragraph", "quote"],
            ["paragraph", "image"],
            ["paragraph", "resources"],
        ]
        assert answers[2][1].value["image"].title == IMAGE and answers[3][1].value["links"][0]["url"]
        assert draft.listing_image.title == IMAGE and list(draft.topics.all()) == [testing]
        edit_url = editor.url
        # A page with content opens folded: each section shows its heading only.
        expect(editor.locator("#body-0-value-title")).to_be_hidden(timeout=SLOW)

        visitor = anonymous.new_page()
        assert visitor.goto(base + guide.url).status == 404  # not published

        # Preview as the page, then as its card, with tota11y open in each.
        editor.get_by_role("button", name="Toggle preview").click()
        iframe = editor.locator("#w-preview-iframe")
        preview = editor.frame_locator("#w-preview-iframe")
        expect(preview.get_by_role("heading", name=SECTIONS[1][1][1])).to_be_visible(timeout=SLOW)
        expect(preview.locator("figure.image-block img")).to_be_visible(timeout=SLOW)
        assert run_a_tota11y_check(iframe.element_handle().content_frame()) == []
        editor.locator("#id_preview_mode").select_option(label="Card in listings")
        expect(preview.get_by_role("heading", level=1)).to_contain_text("appears in listings", timeout=SLOW)
        expect(preview.locator(".card img.card__image").first).to_have_attribute(
            "alt", "A chart of lock wait times falling week by week", timeout=SLOW
        )
        assert run_a_tota11y_check(iframe.element_handle().content_frame()) == []

        # Share the draft: copy the link with the button, and a reviewer with no account reads it.
        open_share_links(editor)
        editor.get_by_role("button", name="Create share link").click()
        share_url = editor.locator("input[data-share-url]").first.input_value()
        editor.get_by_role("button", name="Copy link").first.click()
        expect(editor.get_by_text("Copied: paste it into your message.")).to_be_visible(timeout=SLOW)
        assert editor.evaluate("navigator.clipboard.readText()") == share_url
        # The link is written at the public address (SITE_URL); the reviewer follows its path here.
        share_path = urlsplit(share_url).path
        assert share_url == settings.SITE_URL + share_path and share_path.startswith("/share/")
        reviewer = chromium.new_context()
        try:
            shared = reviewer.new_page()
            response = shared.goto(base + share_path)
            assert response.status == 200 and "no-store" in response.headers["cache-control"]
            expect(shared.get_by_text("Draft — not published")).to_be_visible(timeout=SLOW)
            expect(shared.get_by_role("heading", name=SECTIONS[0][1][0])).to_be_visible(timeout=SLOW)
        finally:
            reviewer.close()

        # Submit for moderation.
        editor.goto(edit_url)
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
            moderator.wait_for_url(f"{base}/admin/pages/{guide_index.pk}/", timeout=SLOW)
        finally:
            moderator_context.close()
        guide.refresh_from_db()
        assert guide.live

        # Readers see it, search finds it by a question's words, and its card on the topic shows its image.
        assert visitor.goto(base + guide.url).status == 200
        expect(visitor.get_by_role("heading", name=SECTIONS[1][1][1])).to_be_visible(timeout=SLOW)
        visitor.goto(f"{base}/search/?q=replication+lag")
        expect(visitor.locator(".search-results").get_by_role("link", name=TITLE)).to_be_visible(timeout=SLOW)
        visitor.goto(base + testing.url)
        card = visitor.locator(".card").filter(has=visitor.get_by_role("link", name=TITLE))
        image = card.locator("img.card__image")
        expect(image).to_have_attribute("alt", "A chart of lock wait times falling week by week", timeout=SLOW)
        assert loaded_width(image) == 640

        # The editor revokes the share link, after confirming; it no longer opens.
        editor.goto(edit_url)
        open_share_links(editor)
        editor.get_by_role("link", name="Revoke…").click()
        editor.get_by_role("button", name="Yes, revoke the link").click()
        expect(editor.get_by_text("Share link revoked")).to_be_visible(timeout=SLOW)
        assert visitor.goto(base + share_path).status == 404
        assert watch.console_errors() == []
    finally:
        editor_context.close()
        anonymous.close()
