"""Nothing a page loads comes from anywhere but the site itself: fonts, icons, styles, scripts, images."""

import pytest

from tests.browser.pages import demo_site_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_tree")]


def test_every_page_type_requests_only_from_the_sites_own_origin(live_server, chromium):
    urls = demo_site_urls()
    requested, elsewhere = set(), []
    for width in (390, 1280):
        context = chromium.new_context(viewport={"width": width, "height": 800})
        context.on("request", lambda request: requested.add(request.url))
        page = context.new_page()
        for url in urls:
            page.goto(live_server.url + url, wait_until="networkidle")
        context.close()
    elsewhere = sorted(url for url in requested if not url.startswith((live_server.url + "/", "data:")))
    assert elsewhere == []
    # The pages did load their own font and icons (so the check above saw real traffic).
    assert any(url.endswith(".woff2") for url in requested)
    assert any("/static/icons/" in url or url.endswith("/favicon.ico") for url in requested)
