"""The click-to-load player in a real browser: no request to a video host until Play is pressed."""

import pytest

from reviews.models import TalkReviewIndexPage
from tests.factories import ensure_site_tree
from tests.reviews.conftest import make_review

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_tree")]


def test_play_button_swaps_in_the_titled_iframe_and_nothing_loads_before(live_server, browser_page):
    home = ensure_site_tree()
    index = TalkReviewIndexPage(title="Videos to Watch", slug="videos")
    home.add_child(instance=index)
    index.save_revision().publish()
    page = make_review(index, talk_title="Offline First")

    external = []
    browser_page.route(
        "**/*",
        lambda route: (
            (external.append(route.request.url), route.abort())
            if not route.request.url.startswith(live_server.url)
            else route.continue_()
        ),
    )
    browser_page.goto(live_server.url + page.url)
    assert external == []
    assert browser_page.locator("iframe").count() == 0
    button = browser_page.get_by_role("button", name="Play video: Offline First")
    button.click()
    iframe = browser_page.locator(".video-facade iframe")
    assert iframe.get_attribute("title") == "Video: Offline First"
    assert iframe.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/abcdefghijk")
    assert browser_page.evaluate("document.activeElement.tagName") == "IFRAME"
