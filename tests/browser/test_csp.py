"""The Content Security Policy in a real Chromium: public pages raise no violation, and the admin's
preview panel still shows the page it previews."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""
ARTICLE = "/articles/meeting-django-contributors/"


def test_public_pages_raise_no_csp_violations(demo_site, live_server, browser_page):
    browser_page.add_init_script(RECORD_VIOLATIONS)
    for path in ("/", ARTICLE, "/topics/", "/search/?q=django"):
        response = browser_page.goto(live_server.url + path)
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        browser_page.wait_for_load_state("load")
        assert browser_page.evaluate("window.__cspViolations") == [], path
        # The stylesheet (same origin) applied: the skip link is moved off-screen by site.css.
        assert browser_page.evaluate("document.styleSheets.length") >= 1


def test_the_admin_preview_panel_shows_the_page(demo_site, live_server, browser_page, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.com", "a-long-passphrase")
    from wagtail.models import Page

    page = Page.objects.get(url_path=f"/home{ARTICLE}")
    browser_page.add_init_script(RECORD_VIOLATIONS)
    browser_page.goto(live_server.url + "/admin/login/")
    browser_page.fill("input[name=username]", "editor")
    browser_page.fill("input[name=password]", "a-long-passphrase")
    browser_page.click("button[type=submit]")
    browser_page.wait_for_url("**/admin/")
    browser_page.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
    browser_page.click("[data-side-panel-toggle='preview']")
    frame = browser_page.frame_locator("iframe[data-w-preview-target='iframe'], #w-preview-iframe").first
    heading = frame.locator("h1")
    heading.wait_for(timeout=15_000)
    assert "Connecting with Django contributors" in heading.inner_text()
    assert browser_page.evaluate("window.__cspViolations") == []
