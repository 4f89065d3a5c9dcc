"""The click-to-load player in a real browser: no request to a video host until Play is pressed."""

import pytest
from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from reviews.models import TalkReviewIndexPage
from tests.reviews.conftest import make_review


def site_home():
    """The default site's home page, rebuilt if an earlier transactional test flushed the database."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_page.specific
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = HomePage(title="Home", slug="home")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return home


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_play_button_swaps_in_the_titled_iframe_and_nothing_loads_before(live_server, browser_page):
    home = site_home()
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
