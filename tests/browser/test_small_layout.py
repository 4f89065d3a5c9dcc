"""Small layout fixes: five cards fill their rows, a section's first question sits under its heading,
and the search box on a phone is as wide as the page."""

import pytest

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
