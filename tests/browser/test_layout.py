"""Every page type fits phones to desktops: no sideways scrolling, targets big enough to tap, a compact header."""

import pytest

from tests.browser.pages import OVERFLOW_JS, TARGET_SIZE_JS, WIDTHS, demo_site_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_tree")]


def test_no_page_scrolls_sideways_and_every_target_is_big_enough_at_every_width(live_server, chromium):
    urls = demo_site_urls()
    problems = []
    for width in WIDTHS:
        context = chromium.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        for url in urls:
            page.goto(live_server.url + url)
            overflow = page.evaluate(OVERFLOW_JS)
            if overflow > 0:
                problems.append(f"{width}px {url}: scrolls {overflow}px sideways")
            problems += [f"{width}px {url}: {problem}" for problem in page.evaluate(TARGET_SIZE_JS)]
            # Again with every disclosure open: the menu, the contents, the outline's questions, transcripts.
            page.evaluate("document.querySelectorAll('details').forEach((details) => { details.open = true; })")
            if page.evaluate(OVERFLOW_JS) > 0:
                problems.append(f"{width}px {url}: scrolls sideways with its disclosures open")
            problems += [f"{width}px {url} (open): {problem}" for problem in page.evaluate(TARGET_SIZE_JS)]
        context.close()
    assert problems == [], "\n".join(problems)


def test_the_checks_catch_sideways_scrolling_and_a_small_crowded_target(chromium):
    """Guards the test above: a page with both problems must fail both checks."""
    page = chromium.new_page(viewport={"width": 390, "height": 800})
    page.set_content(
        '<p style="width:600px">wide</p><nav><a href="/a" style="display:inline-block;width:12px">a</a>'
        '<a href="/b" style="display:inline-block;width:12px">b</a></nav><p>Text with <a href="/c">a link</a>.</p>'
    )
    assert page.evaluate(OVERFLOW_JS) > 0
    problems = page.evaluate(TARGET_SIZE_JS)
    assert len(problems) == 2 and all("too close" in problem for problem in problems)  # not the link in a sentence
    page.close()


def test_the_header_is_a_row_and_a_search_box_on_a_phone_and_its_menu_works_without_javascript(live_server, chromium):
    demo_site_urls()
    context = chromium.new_context(viewport={"width": 320, "height": 700}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/guides/")
    header = page.locator(".site-header").bounding_box()
    # The name and Menu in one row, the search box the full width of a second (issue 29).
    assert header["height"] < 130
    assert page.get_by_role("search", name="Site").bounding_box()["width"] >= 0.85 * 320
    sections = page.get_by_role("navigation", name="Main").get_by_role("link")
    assert sections.first.is_hidden()
    page.get_by_text("Menu", exact=True).click()
    assert sections.first.is_visible()
    current = page.get_by_role("navigation", name="Main").locator("[aria-current]")
    assert current.inner_text() == "Developer Guides"
    assert page.evaluate(OVERFLOW_JS) <= 0 and page.evaluate(TARGET_SIZE_JS) == []
    context.close()
    wide = chromium.new_page(viewport={"width": 1280, "height": 800})
    wide.goto(live_server.url + "/guides/")
    assert wide.get_by_role("navigation", name="Main").get_by_role("link", name="Articles").is_visible()
    assert wide.get_by_role("search", name="Site").is_visible()
    wide.close()
