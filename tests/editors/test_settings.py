"""The editing safeguards the hub relies on stay switched on."""

from django.conf import settings
from django.urls import reverse

from tests.guides.factories import make_guide


def test_comments_workflow_and_autosave_are_on():
    assert settings.WAGTAILADMIN_COMMENTS_ENABLED is True
    assert settings.WAGTAIL_WORKFLOW_ENABLED is True
    assert settings.WAGTAIL_AUTOSAVE_INTERVAL > 0


def test_edit_view_has_autosave_comments_and_editing_session_notices(admin_client, guide_index):
    guide = make_guide(guide_index, "Edited together", publish=False)
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk])).content.decode()
    assert "data-w-autosave-interval-value" in html
    assert 'data-side-panel="comments"' in html
    assert "w-session" in html  # the editing-session controller that pings and shows who else is editing


def test_editing_session_ping_tells_an_editor_who_else_is_editing(client, django_user_model, guide_index):
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.admin.models import EditingSession
    from wagtail.models import Page

    # The edit view pings as the base page type, whatever the page's own type.
    page_type = ContentType.objects.get_for_model(Page)

    guide = make_guide(guide_index, "Edited together", publish=False)
    first = django_user_model.objects.create_superuser("first", password="x")
    second = django_user_model.objects.create_superuser("second", password="x")
    session_of = {
        user: EditingSession.objects.create(
            user=user, content_type=page_type, object_id=str(guide.pk), last_seen_at=timezone.now()
        )
        for user in (first, second)
    }
    client.force_login(first)
    url = reverse("wagtailadmin_editing_sessions:ping", args=["wagtailcore", "page", guide.pk, session_of[first].pk])
    response = client.post(url, {"is_editing": "1"})
    assert response.status_code == 200
    assert [other["user"] for other in response.json()["other_sessions"]] == ["second"]
    assert client.get(url).status_code == 405  # pings are POSTs
    client.logout()
    assert client.post(url).status_code in (302, 403)


def test_pages_can_be_locked_by_moderators():
    from operations.moderation import PAGE_PERMISSIONS

    assert {"lock_page", "unlock_page"} <= set(PAGE_PERMISSIONS["Moderators"])
