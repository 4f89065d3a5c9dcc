"""Small layout fixes: five cards fill their rows, a section's first question sits under its heading,
the search box on a phone is as wide as the page, and code in a list scrolls as other code does."""

import pytest

from reviews.models import EventNotesPage
from tests.browser.axe import axe_violations
from tests.browser.pages import demo_site_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_tree")]


def boxes(page, selector):
    return page.evaluate(
        f"[...document.querySelectorAll({selector!r})].map((e) => {{ const r = e.getBoundingClientRect();"
        " return {x: r.x, y: r.y, right: r.right, bottom: r.bottom, top: r.top}; })"
    )


def test_layout_details_at_desktop_and_phone_widths(live_server, chromium):
    demo_site_urls()
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/")
    lists = page.locator("ul.card-list").filter(has=page.locator(":scope > li:nth-child(5):last-child"))
    assert lists.count() >= 1
    cards = boxes(page, "ul.card-list:has(> li:nth-child(5):last-child) > li")[:5]
    list_box = lists.first.bounding_box()
    # Three on the first row, two sharing the second: the last card ends where the list does.
    assert len({round(card["y"]) for card in cards[:3]}) == 1 and cards[3]["y"] > cards[0]["y"]
    assert abs(cards[4]["right"] - (list_box["x"] + list_box["width"])) < 2

    page.goto(live_server.url + "/guides/testing/")
    # A section whose first question follows its heading (the demo's have an intro and related links first).
    gap = page.evaluate(
        "(() => { const s = document.querySelector('.guide-section:has(.guide-question)');"
        " s.querySelectorAll(':scope > .guide-section__intro, :scope > .related-links').forEach((e) => e.remove());"
        " const h2 = s.querySelector('h2').getBoundingClientRect();"
        " const h3 = s.querySelector('.guide-question h3').getBoundingClientRect(); return h3.top - h2.bottom; })()"
    )
    assert gap <= 40, f"the first question sits {gap}px below its section's heading"

    page.close()

    phone = chromium.new_page(viewport={"width": 390, "height": 800})
    phone.goto(live_server.url + "/search/?q=django")
    field = phone.locator("#search-q").bounding_box()
    form = phone.locator(".search-form").bounding_box()
    assert field["width"] >= form["width"] - 2, (field, form)
    phone.close()


def test_code_in_a_list_keeps_its_lines_and_scrolls_from_the_keyboard_on_a_phone(live_server, chromium):
    demo_site_urls()
    # bypass_csp: axe is injected as a script, which the site's CSP rightly forbids.
    context = chromium.new_context(bypass_csp=True, viewport={"width": 390, "height": 800})
    phone = context.new_page()
    phone.goto(live_server.url + EventNotesPage.objects.live().first().url)
    code = phone.locator("li .rich-code pre")
    assert code.count() >= 1
    for pre in code.all():
        lines = pre.evaluate(
            "(e) => { const s = getComputedStyle(e);"
            " const inner = e.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom);"
            " return {shown: Math.round(inner / parseFloat(s.lineHeight)),"
            " written: e.textContent.replace(/\\n$/, '').split('\\n').length, wider: e.scrollWidth > e.clientWidth}; }"
        )
        # Each line of code on one line of screen (none broken mid-word), as in a code block.
        assert lines["shown"] == lines["written"], lines
        # Reachable by keyboard, with a name, so it can be scrolled (axe: scrollable-region-focusable).
        assert pre.get_attribute("tabindex") == "0" and pre.get_attribute("aria-label").startswith("Code")
    assert any(pre.evaluate("(e) => e.scrollWidth > e.clientWidth") for pre in code.all())  # a long line scrolls
    assert axe_violations(phone) == []
    context.close()
