"""Transcripts in a real browser: finding words, landing on a linked moment, and editing a long one."""

import pytest
from playwright.sync_api import expect

from operations.moderation import EDITORS
from reviews.blocks import seconds_to_timestamp
from reviews.importers.transcripts import parse_transcript, transcript_value
from reviews.models import TalkReviewIndexPage
from tests.browser.test_tota11y import SLOW, log_in
from tests.editors.conftest import member_of
from tests.factories import ensure_site_tree
from tests.reviews.conftest import make_review

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_tree")]

# Elements in the editor of a review whose transcript has 2,000 lines: 2,631 when this was set, about what
# a 20-line one has (issue 28 measured 15,243 for 900 lines as a block per paragraph). The bound leaves
# room for Wagtail's own panels to grow.
EDITOR_ELEMENTS = 3_500


def review_with(lines, slug="a-talk", **fields):
    index = TalkReviewIndexPage.objects.first()
    if index is None:
        index = TalkReviewIndexPage(title="Videos to Watch", slug="videos")
        ensure_site_tree().add_child(instance=index)
        index.save_revision().publish()
    transcript = transcript_value(parse_transcript("\n".join(lines)))
    return make_review(index, slug, transcript=transcript, **fields)


def conversation(paragraphs=60):
    """Paragraphs 20 s apart, each of three timed lines; every seventh about mentoring."""
    for n in range(paragraphs):
        topic = "mentoring newcomers" if n % 7 == 3 else "testing Django sites"
        start = n * 20
        yield f"{seconds_to_timestamp(start)} Paragraph {n} is about {topic}."
        yield f"{seconds_to_timestamp(start + 4)} It goes on for a while"
        yield f"{seconds_to_timestamp(start + 8)} and ends here."
        yield ""


def test_find_keeps_the_paragraphs_holding_every_word_marks_them_and_says_how_many(live_server, browser_page):
    review = review_with(conversation())
    browser_page.goto(live_server.url + review.url)
    field = browser_page.get_by_label("Find in the transcript")
    expect(field).to_be_hidden()  # inside the closed transcript, until it is opened
    browser_page.locator("details.transcript summary").click()
    field.fill("Mentoring newcomers")
    status = browser_page.locator(".transcript-find__status")
    expect(status).to_have_text("9 of 60 paragraphs hold “Mentoring newcomers”.")
    expect(status).to_have_attribute("role", "status")
    rows = browser_page.locator("ol.transcript__segments > li:visible")
    expect(rows).to_have_count(9)
    expect(rows.first.locator("mark")).to_have_text(["mentoring", "newcomers"])
    field.fill("nowhere")
    expect(status).to_have_text("No paragraph holds “nowhere”.")
    expect(rows).to_have_count(0)
    field.fill("")
    expect(rows).to_have_count(60)
    expect(browser_page.locator("ol.transcript__segments mark")).to_have_count(0)


def test_without_scripts_the_transcript_reads_whole_and_has_no_find_field(live_server, chromium):
    review = review_with(conversation(10))
    context = chromium.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(live_server.url + review.url)
        tab.locator("details.transcript summary").click()
        expect(tab.locator("ol.transcript__segments > li:visible")).to_have_count(10)
        expect(tab.locator(".transcript-find")).to_have_count(0)
    finally:
        context.close()


def test_a_linked_moment_opens_the_transcript_below_the_top_with_its_paragraph_marked(live_server, browser_page):
    review = review_with(conversation())
    # A later moment inside paragraph 40 (its second line, at 804 s).
    browser_page.goto(f"{live_server.url}{review.url}#t-804")
    paragraph = browser_page.locator("#t-800")
    expect(paragraph).to_be_visible()  # the closed transcript opened to show it
    browser_page.wait_for_timeout(1000)  # smooth scrolling settles
    box = paragraph.bounding_box()
    assert 0 < box["y"] < 400, box  # in view, with room above it (scroll-margin-top), not at the very edge
    marked = paragraph.evaluate("row => getComputedStyle(row).backgroundColor")
    other = browser_page.locator("#t-780").evaluate("row => getComputedStyle(row).backgroundColor")
    assert marked != other  # the whole paragraph is marked, not only its time


ALL_ELEMENTS = "document.getElementsByTagName('*').length"


def test_the_editor_of_a_two_thousand_line_transcript_has_a_bounded_dom(live_server, chromium, django_user_model):
    def lines(count):
        return [f"{seconds_to_timestamp(n * 2)} Line {n} of a talk{'.' if n % 10 == 9 else ''}" for n in range(count)]

    short, long = review_with(lines(20), "short"), review_with(lines(2000), "long")
    member_of(django_user_model, EDITORS, "edna")
    context = chromium.new_context()
    try:
        tab = log_in(context, live_server.url, "edna")
        counts = []
        for review in (short, long):
            tab.goto(f"{live_server.url}/admin/pages/{review.pk}/edit/", timeout=SLOW)
            field = tab.locator("[data-contentpath=transcript]").first
            expect(field).to_be_attached(timeout=SLOW)
            # The editor's side panels fill in after load; count once they have.
            tab.wait_for_load_state("networkidle", timeout=SLOW)
            counts.append((field.evaluate("f => f.getElementsByTagName('*').length"), tab.evaluate(ALL_ELEMENTS)))
        # As many elements for 2,000 lines as for 20: the transcript is one text, not a block per paragraph.
        assert counts[1][0] - counts[0][0] <= 20, counts
        assert counts[1][1] <= EDITOR_ELEMENTS, counts
    finally:
        context.close()


def test_the_contents_do_not_mark_a_chapter_of_a_closed_transcript(live_server, chromium):
    lines = list(conversation(30))
    review = review_with(["## First chapter", *lines[:40], "## Second chapter", *lines[40:]])
    context = chromium.new_context(viewport={"width": 1280, "height": 720})
    try:
        tab = context.new_page()
        tab.goto(live_server.url + review.url)
        entries = tab.locator(".toc a")
        expect(entries.filter(has_text="Second chapter")).to_have_count(1)
        tab.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        expect(tab.locator(".toc a[aria-current]")).to_have_attribute("href", "#transcript")
    finally:
        context.close()
