"""An editor previewing content that breaks a rule is told so by Wagtail's content checker."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_tree")]


@pytest.fixture
def editor(django_user_model):
    group = Group.objects.create(name="Checker editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    home = Page.objects.get(depth=2)
    GroupPagePermission.objects.create(group=group, page=home, permission_type="change")
    GroupPagePermission.objects.create(group=group, page=home, permission_type="add")
    user = django_user_model.objects.create_user("ed", password="correct horse battery staple")
    user.groups.add(group)
    return user


def log_in(page, base_url, username, password):
    page.goto(base_url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(base_url + "/admin/")


def test_previewing_an_empty_link_shows_the_checker_error(live_server, browser_page, editor):
    home = Page.objects.get(depth=2).specific
    article = factories.article(
        home,
        title="Needs a fix",
        body=[("paragraph", '<h2>Links</h2><p>Read <a href="https://example.com/"></a> first.</p>')],
    )
    log_in(browser_page, live_server.url, "ed", "correct horse battery staple")
    browser_page.goto(f"{live_server.url}/admin/pages/{article.pk}/view_draft/")
    count = browser_page.locator("[data-content-checker-count]").first
    count.wait_for(state="attached")
    browser_page.wait_for_function(
        "() => [...document.querySelector('wagtail-userbar').shadowRoot"
        ".querySelectorAll('[data-content-checker-count]')].some(e => e.textContent.trim() !== '')"
    )
    assert int(count.text_content().strip()) >= 1
    browser_page.locator("wagtail-userbar button[aria-controls]").first.click()
    browser_page.locator("#checker-trigger").click()
    dialog = browser_page.locator("#checker-results")
    dialog.get_by_text("A link has no text").wait_for()
    assert dialog.get_by_text("Give every link words that say where it goes").count() == 1
