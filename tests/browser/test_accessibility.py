"""Zero axe violations on every public page type, in the light and the dark colour scheme."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from tests.browser.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_tree")]


def one_of_each_page_type():
    """A URL for every public page type in the demo site, plus search and the 404 page."""
    urls = {}
    for page in Page.objects.live().public().filter(depth__gte=2).specific().order_by("path"):
        urls.setdefault(type(page).__name__, page.url)
    return [
        *urls.values(),
        "/search/?q=django",
        "/search/",
        "/search/?q=zzzzqqqq-nothing",
        "/no-such-page/",
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_type_has_no_axe_violations(live_server, chromium, scheme):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # bypass_csp: axe is injected as a script, which the site's CSP rightly forbids.
    context = chromium.new_context(color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    problems = {}
    try:
        for url in one_of_each_page_type():
            page.goto(live_server.url + url)
            found = axe_violations(page)
            if found:
                problems[url] = found
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
