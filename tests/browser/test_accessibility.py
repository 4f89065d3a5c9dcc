"""Zero axe violations on every public page type, in the light and the dark colour scheme, on a phone and a desktop."""

import pytest
from wagtail.models import Page

from tests.browser.axe import axe_violations
from tests.browser.pages import demo_site_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_tree")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_type_has_no_axe_violations(live_server, chromium, scheme):
    urls = demo_site_urls()
    problems = {}
    for width in (390, 1280):
        # bypass_csp: axe is injected as a script, which the site's CSP rightly forbids.
        context = chromium.new_context(color_scheme=scheme, bypass_csp=True, viewport={"width": width, "height": 800})
        page = context.new_page()
        try:
            for url in urls:
                page.goto(live_server.url + url)
                found = axe_violations(page)
                if found:
                    problems[f"{width}px {url}"] = found
        finally:
            context.close()
    assert problems == {}


def test_the_axe_check_does_catch_a_violation(live_server, chromium):
    """Guards the test above: a page with a known problem must fail it."""
    from tests import factories

    home = Page.objects.get(depth=2).specific
    bad = factories.article(
        home,
        title="Broken on purpose",
        body=[("paragraph", '<h2>Links</h2><p>See <a href="https://example.com/"></a>.</p>')],
    )
    context = chromium.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(live_server.url + bad.url)
    assert any(v.startswith("link-name") for v in axe_violations(page))
    context.close()
