"""Previews and share links get a policy tota11y can run under; the public site keeps the strict one."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from core.wagtail_hooks import HubContentChecker
from sharing.models import ShareLink
from tests import factories
from tests.conftest import parse
from tests.operations.test_security import policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic_page(home_page):
    # A page type whose edit form needs no JavaScript-built StreamField to post.
    page = factories.topic(home_page, "Previewed")
    page.description = "A draft change."
    page.save_revision()
    return page


def assert_tota11y_can_run(response):
    assert response.status_code == 200
    csp = policy(response)
    # tota11y injects <style> elements and evaluates its bundled checks with eval().
    assert "'unsafe-inline'" in csp["style-src"]
    assert "'unsafe-eval'" in csp["script-src"]
    # Nothing else is loosened: no inline scripts, nothing from another origin.
    assert csp["script-src"] == ["'self'", "'unsafe-eval'"]
    assert csp["default-src"] == ["'self'"] and csp["frame-ancestors"] == ["'self'"]
    assert parse(response).select_one("script[src*='tota11y']") is not None


def preview_urls(client, page):
    """The addresses an editor opens a draft at: view draft, the preview panel, a revision, a share link."""
    edit_html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    preview_on_edit = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    # The preview panel (and "Preview in new tab") posts the form, then loads the preview.
    assert client.post(preview_on_edit, querydict_from_html(edit_html, form_id="page-edit-form")).json()["is_valid"]
    revision = page.latest_revision
    return {
        "view draft": reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
        "preview panel": preview_on_edit,
        "preview in new tab, card mode": f"{preview_on_edit}?mode=card",
        "revision": reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]),
    }


def test_every_kind_of_preview_gets_the_preview_policy(admin_client, topic_page):
    for name, url in preview_urls(admin_client, topic_page).items():
        response = admin_client.get(url)
        assert response.status_code == 200, name
        assert_tota11y_can_run(response)


def test_share_links_get_the_preview_policy(client, topic_page):
    link = ShareLink.objects.create(page=topic_page)
    assert_tota11y_can_run(client.get(link.get_absolute_url()))


def test_the_public_page_keeps_the_strict_policy_and_no_tota11y(client, topic_page):
    response = client.get(topic_page.url)
    csp = policy(response)
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
    assert parse(response).select_one("script[src*='tota11y']") is None


def test_the_admin_itself_keeps_its_own_policy(admin_client):
    csp = policy(admin_client.get(reverse("wagtailadmin_home")))
    assert "'unsafe-inline'" in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]


def test_the_content_checker_leaves_out_tota11ys_own_markup(admin_client, topic_page):
    assert ".tota11y" in HubContentChecker().get_axe_exclude(request=None)
    # The configuration the userbar hands to axe in a preview carries the exclusion.
    html = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[topic_page.pk])).content.decode()
    assert '".tota11y"' in html
