"""Email comes from EMAIL_URL; password resets and moderation notifications reach people (Django's test outbox)."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from operations.checks import check_email_is_sent
from tests.editors.conftest import editor, moderator  # noqa: F401
from tests.editors.test_drafts_and_publishing import add, article, article_data
from tests.factories import article_index
from tests.services import PRODUCTION_ENV, settings_in_subprocess

pytestmark = pytest.mark.django_db
EMAIL_SETTINGS = "{k: getattr(settings, k, None) for k in ['EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', "
EMAIL_SETTINGS += "'EMAIL_HOST_USER', 'EMAIL_USE_TLS', 'DEFAULT_FROM_EMAIL', 'SERVER_EMAIL']}"


def test_email_is_configured_from_email_url_and_from_addresses():
    values = settings_in_subprocess(
        EMAIL_SETTINGS,
        **PRODUCTION_ENV,
        EMAIL_URL="smtp+tls://hub:secret@smtp.example.com:587",
        DEFAULT_FROM_EMAIL="Learning Hub <hub@example.com>",
    )
    assert values == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.com",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "hub",
        "EMAIL_USE_TLS": True,
        "DEFAULT_FROM_EMAIL": "Learning Hub <hub@example.com>",
        "SERVER_EMAIL": "Learning Hub <hub@example.com>",
    }


def test_without_email_url_mail_goes_to_the_console_and_the_deploy_check_says_so(settings):
    assert settings_in_subprocess("settings.EMAIL_BACKEND", **PRODUCTION_ENV).endswith("console.EmailBackend")
    assert settings_in_subprocess("settings.EMAIL_BACKEND", module="hubsite.settings.dev").endswith(
        "console.EmailBackend"
    )
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    assert [warning.id for warning in check_email_is_sent()] == ["operations.W002"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert check_email_is_sent() == []


def test_a_password_reset_sends_a_link(client, editor):  # noqa: F811
    # By another allowed Host: the link is still the public address (SITE_URL), never the Host sent.
    response = client.post(reverse("wagtailadmin_password_reset"), {"email": editor.email}, HTTP_HOST="127.0.0.1")
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [editor.email]
    assert f"{settings.SITE_URL}/admin/password_reset/confirm/" in message.body
    assert "127.0.0.1" not in message.body


def test_submitting_for_moderation_notifies_the_moderators(
    client,
    editor,  # noqa: F811
    moderator,  # noqa: F811
    home_page,
    django_capture_on_commit_callbacks,
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        data = article_data([article("<p>Why it matters.</p>")])
        response = add(client, article_index(home_page), _article_model(), data, "submit")
    assert response.status_code == 302, response.content[:2000]
    to_moderator = [message for message in mail.outbox if moderator.email in message.to]
    assert len(to_moderator) == 1
    assert "An article" in to_moderator[0].subject + to_moderator[0].body
    assert f"{settings.SITE_URL}/admin/pages/" in to_moderator[0].body
    assert not [message for message in mail.outbox if editor.email in message.to]  # not to the submitter


def _article_model():
    from articles.models import ArticlePage

    return ArticlePage


def test_asking_for_changes_mails_the_submitter_what_happened_not_rejected(
    client,
    editor,  # noqa: F811
    moderator,  # noqa: F811
    home_page,
    django_capture_on_commit_callbacks,
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = add(
            client, article_index(home_page), _article_model(), article_data([article("<p>Hi.</p>")]), "submit"
        )
    assert response.status_code == 302
    page = _article_model().objects.get(slug="an-article")
    task_state = page.current_workflow_task_state
    mail.outbox.clear()
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"comment": "Say why it matters."})
    [to_editor] = [message for message in mail.outbox if editor.email in message.to]
    html = to_editor.alternatives[0][0] if to_editor.alternatives else ""
    for text in (to_editor.subject, to_editor.body, html):
        assert "rejected" not in text.lower()
    assert to_editor.subject == 'Changes requested on "An article"'
    assert "moe has asked for changes" in to_editor.body and "Say why it matters." in to_editor.body
    assert "Submit for moderation again" in to_editor.body and f"/admin/pages/{page.pk}/edit/" in to_editor.body
