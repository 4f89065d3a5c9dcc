"""Wagtail's content checker: editors see content rules in plain words, superusers see every rule."""

import pytest
from wagtail.admin.userbar import ContentCheckerItem

from core.wagtail_hooks import HubContentChecker, use_hub_content_checker


class FakeRequest:
    def __init__(self, user):
        self.user = user


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor", password="x")


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", password="x")


def test_the_hook_replaces_wagtails_checker_with_ours(db, editor):
    items = [ContentCheckerItem(in_editor=True)]
    use_hub_content_checker(FakeRequest(editor), items, None)
    assert type(items[0]) is HubContentChecker
    assert items[0].in_editor is True


@pytest.mark.django_db
def test_editors_get_the_content_rules_including_heading_order_links_alt_text_and_meta(editor):
    options = HubContentChecker().get_axe_options(FakeRequest(editor))
    for rule in (
        "heading-order",
        "empty-heading",
        "link-name",
        "alt-text-quality",
        "image-alt",
        "empty-table-header",
        "empty-meta-description",
    ):
        assert rule in options["runOnly"]
    # Rules about templates (colour contrast, landmarks) are the developers' job, not the editor's.
    assert "color-contrast" not in options["runOnly"]


@pytest.mark.django_db
def test_superusers_get_every_axe_rule(superuser):
    options = HubContentChecker().get_axe_options(FakeRequest(superuser))
    assert "runOnly" not in options  # axe runs all non-experimental rules


def test_messages_speak_to_editors_not_developers():
    messages = HubContentChecker.axe_messages
    assert messages["link-name"]["error_name"] == "A link has no text"
    assert "under the title" in str(messages["empty-meta-description"]["help_text"])


@pytest.mark.django_db
def test_checks_panel_in_the_page_editor_uses_our_configuration(client, superuser, home_page):
    client.force_login(superuser)
    response = client.get(f"/admin/pages/{home_page.pk}/edit/")
    assert response.status_code == 200
    assert b"A link has no text" in response.content


@pytest.mark.django_db
def test_tota11y_is_offered_in_previews_only(client, superuser, home_page):
    assert b"tota11y.min.js" not in client.get("/").content
    client.force_login(superuser)
    assert b"tota11y.min.js" not in client.get("/").content  # logged in, but not a preview
    preview = client.get(f"/admin/pages/{home_page.pk}/view_draft/")
    assert preview.status_code == 200
    assert b"tota11y.min.js" in preview.content
