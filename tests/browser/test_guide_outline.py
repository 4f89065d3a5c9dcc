"""The guides index shows every question on wide screens, in a grid that does not reshuffle; phones get
closed lists, except those of the guide a link pointed at."""

import pytest

from tests.browser.pages import demo_site_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_tree")]

TOPIC_BOXES_JS = (
    "[...document.querySelectorAll('.guide-outline__topics > li')].map((li) => li.getBoundingClientRect().x)"
)


def test_on_a_wide_screen_every_question_shows_in_a_grid_that_a_list_closing_does_not_reshuffle(live_server, chromium):
    demo_site_urls()
    page = chromium.new_page(viewport={"width": 1280, "height": 800})
    page.goto(live_server.url + "/guides/")
    questions = page.locator(".guide-outline__questions a")
    assert questions.count() > 40
    assert all(questions.nth(n).is_visible() for n in range(questions.count()))
    tracks = page.evaluate("getComputedStyle(document.querySelector('.guide-outline__topics')).gridTemplateColumns")
    assert len(tracks.split()) >= 2
    # A wrapped question keeps its bullet on its first line: the link is a block, not an inline-block
    # (whose last line the bullet would sit on).
    assert page.evaluate("getComputedStyle(document.querySelector('.guide-outline__questions a')).display") == "block"
    before = page.evaluate(TOPIC_BOXES_JS)
    page.locator(".guide-outline__disclosure > summary").first.click()
    assert page.locator(".guide-outline__disclosure").first.get_attribute("open") is None
    assert page.evaluate(TOPIC_BOXES_JS) == before
    page.close()


def test_on_a_phone_the_lists_start_closed_but_the_homes_link_lands_on_open_ones(live_server, chromium):
    demo_site_urls()
    page = chromium.new_page(viewport={"width": 390, "height": 800})
    page.goto(live_server.url + "/guides/")
    lists = page.locator(".guide-outline__disclosure")
    assert lists.count() > 5 and all(lists.nth(n).get_attribute("open") is None for n in range(lists.count()))

    page.goto(live_server.url + "/")
    link = page.locator(".guide-card__all a").last
    guide_id = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_url(f"**/guides/#{guide_id}")
    guide = page.locator(f"#{guide_id}")
    opened = guide.locator(".guide-outline__disclosure")
    assert opened.count() and all(opened.nth(n).get_attribute("open") is not None for n in range(opened.count()))
    assert guide.locator(".guide-outline__questions a").first.is_visible()
    page.wait_for_timeout(500)  # a smooth scroll settling, if any
    top = guide.bounding_box()["y"]
    assert -2 <= top < 200  # the guide pointed at is where the page opened
    page.close()
