"""Long pages: contents at the top on phones (collapsed), a sticky sidebar on desktops that marks the section
being read, a way back to the top; and guides and notes print without the site around them."""

import pytest
from playwright.sync_api import expect

from tests.browser.pages import demo_site_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_tree")]

LONG_PAGES = ("GuidePage", "EventNotesPage", "ArticlePage", "TalkReviewPage")


@pytest.fixture
def long_pages(live_server):
    from wagtail.models import Page

    demo_site_urls()
    found = {}
    for page in Page.objects.live().specific().order_by("path"):
        if type(page).__name__ in LONG_PAGES and len(page.outline()) > 1:
            found.setdefault(type(page).__name__, page.url)
    assert set(found) == set(LONG_PAGES)
    return found


def test_on_a_desktop_the_contents_stay_beside_the_text_and_mark_the_section_being_read(
    live_server, chromium, long_pages
):
    page = chromium.new_page(viewport={"width": 1280, "height": 800})
    for url in long_pages.values():
        page.goto(live_server.url + url)
        contents = page.get_by_role("navigation", name="Contents")
        links = contents.get_by_role("link")
        assert links.first.is_visible(), url
        # A section in the middle: at the very end the text's column ends and the sidebar leaves with it.
        target = links.nth(links.count() // 2).get_attribute("href")
        # Its heading just above the reading line, a third of the way down the window (static/js/contents.js).
        page.evaluate(
            f"window.scrollBy(0, document.querySelector('{target}').getBoundingClientRect().top"
            " - window.innerHeight / 3 + 2)"
        )
        expect(contents.locator("[aria-current=location]")).to_have_attribute("href", target)
        # Still in view beside the text after scrolling down the page.
        box = contents.bounding_box()
        assert 0 <= box["y"] < 800 and box["x"] > 640, url
        assert page.get_by_role("link", name="Back to top").first.is_visible(), url
    page.close()


def test_on_a_phone_the_contents_come_first_collapsed_and_open_without_javascript(live_server, chromium, long_pages):
    context = chromium.new_context(viewport={"width": 390, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    for url in long_pages.values():
        page.goto(live_server.url + url)
        contents = page.get_by_role("navigation", name="Contents")
        assert contents.get_by_role("link").first.is_hidden(), url
        page.locator(".contents__toggle").click()
        first = contents.get_by_role("link").first
        assert first.is_visible(), url
        # Above the text, not beside it.
        assert page.locator(".contents").bounding_box()["y"] < page.locator(".reading__body").bounding_box()["y"]
        back = page.locator(".reading__body .back-to-top")
        back.scroll_into_view_if_needed()
        back.click()
        assert page.evaluate("document.activeElement.id") == "main", url
    context.close()


def test_guides_and_notes_print_without_the_site_around_them(live_server, chromium, long_pages):
    page = chromium.new_page()
    page.emulate_media(media="print")
    for kind in ("GuidePage", "EventNotesPage"):
        page.goto(live_server.url + long_pages[kind])
        for hidden in (".site-header", ".site-footer", ".breadcrumbs", ".contents", ".back-to-top"):
            assert page.locator(hidden).first.is_hidden(), (kind, hidden)
        assert page.locator("h1").is_visible() and page.locator("main h2").first.is_visible()
    page.close()


def wait_until(page, function, arg=None, tries=50):
    """Poll a condition in the page (`wait_for_function` evaluates strings, which the CSP forbids)."""
    for _ in range(tries):
        if page.evaluate(function, arg):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {function} ({arg})")


def test_on_a_desktop_a_jump_to_a_question_marks_that_question_not_the_next(live_server, chromium, long_pages):
    # A tall window: the next question's heading is above the reading line (a third of the way down) too.
    page = chromium.new_page(viewport={"width": 1280, "height": 1400})
    page.goto(live_server.url + long_pages["GuidePage"])
    contents = page.get_by_role("navigation", name="Contents")
    entries = contents.locator("ol ol a")
    targets = [entries.nth(n).get_attribute("href") for n in range(1, entries.count() - 1, 3)]
    for target in targets:
        # Followed from another page (the address), then from the contents themselves.
        page.goto(live_server.url + long_pages["GuidePage"] + target)
        expect(contents.locator("[aria-current=location]")).to_have_attribute("href", target)
    page.goto(live_server.url + long_pages["GuidePage"])
    for target in targets:
        contents.locator(f'a[href="{target}"]').click()
        wait_until(page, "(id) => Math.abs(document.querySelector(id).getBoundingClientRect().top) < 80", target)
        expect(contents.locator("[aria-current=location]")).to_have_attribute("href", target)
    # Scrolling away from it reads on as before: back at the top, it is no longer marked.
    page.evaluate("window.scrollTo(0, 0)")
    expect(contents.locator(f'a[href="{targets[-1]}"]')).not_to_have_attribute("aria-current", "location")
    page.close()


def test_on_a_phone_the_contents_and_a_way_back_up_stay_on_screen(live_server, chromium, long_pages):
    page = chromium.new_page(viewport={"width": 390, "height": 800})
    for url in long_pages.values():
        page.goto(live_server.url + url)
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight * 0.6)")
        toggle = page.locator(".contents__toggle")
        box = toggle.bounding_box()
        assert box is not None and 0 <= box["y"] < 60, url  # still at the top of the window
        back = page.locator(".back-to-top--side")
        back_box = back.bounding_box()
        assert back.is_visible() and 700 < back_box["y"] + back_box["height"] <= 800, url  # floating at the bottom
        toggle.click()
        entries = page.get_by_role("navigation", name="Contents").get_by_role("link")
        entry = entries.nth(entries.count() // 2)  # one the page can scroll to the top of the window
        assert entry.is_visible(), url
        target = entry.get_attribute("href")
        entry.click()
        # The box closes, and the heading is not hidden under it.
        expect(page.locator(".contents__box")).not_to_have_attribute("open", "")
        wait_until(page, "(id) => Math.abs(document.querySelector(id).getBoundingClientRect().top - 64) < 40", target)
        back.click()
        wait_until(page, "() => document.getElementById('main').getBoundingClientRect().top >= 0")
    page.close()
