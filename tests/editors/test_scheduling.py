"""Scheduled publishing: `publish_scheduled` (cron or a timer: docs/deployment.md) publishes and expires pages."""

from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from tests import factories


@pytest.fixture
def index(home_page):
    return factories.topic_index(home_page)


def test_publishing_with_a_future_go_live_date_waits_for_publish_scheduled(client, index):
    page = factories.draft(index, factories.TopicPage(title="Coming soon", description="Scheduled."))
    # What the admin does when a moderator publishes with a go-live date in the future.
    page.go_live_at = timezone.now() + timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    revision.refresh_from_db()
    assert not page.live and revision.approved_go_live_at is not None

    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live  # not yet time
    assert client.get(page.url).status_code == 404

    # Two hours later, when cron or the systemd timer runs the command again.
    later = timezone.now() + timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live and page.live_revision_id == revision.pk
    assert client.get(page.url).status_code == 200


def test_publish_scheduled_unpublishes_pages_past_their_expiry(client, index):
    page = factories.publish(index, factories.TopicPage(title="Short-lived", description="Expires."))
    assert client.get(page.url).status_code == 200
    page.expire_at = timezone.now() - timedelta(minutes=1)
    page.save(update_fields=["expire_at"])

    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live and page.expired
    assert client.get(page.url).status_code == 404


def test_publish_scheduled_says_what_it_published_and_unpublished(index):
    coming = factories.draft(index, factories.TopicPage(title="Coming soon", description="Scheduled."))
    coming.go_live_at = timezone.now() + timedelta(hours=1)
    coming.save_revision().publish()
    going = factories.publish(index, factories.TopicPage(title="Going away", description="Expires."))
    going.expire_at = timezone.now() + timedelta(minutes=30)
    going.save(update_fields=["expire_at"])

    quiet, chatty = StringIO(), StringIO()
    call_command("publish_scheduled", stdout=quiet)
    call_command("publish_scheduled", verbosity=2, stdout=chatty)
    assert quiet.getvalue() == ""  # cron mails whatever a job prints: nothing to do, nothing said
    assert "nothing to publish or unpublish" in chatty.getvalue()

    out = StringIO()
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(hours=2)):
        call_command("publish_scheduled", stdout=out)
    report = out.getvalue()
    # Each page by its public address (SITE_URL), not its place in the page tree (/home/…).
    assert f"Published “Coming soon” ({settings.SITE_URL}{coming.url}), scheduled for " in report
    assert f"Unpublished “Going away” ({settings.SITE_URL}{going.url}), expired at " in report
    assert "/home/" not in report
    assert "published 1, unpublished 1." in report
    assert "UTC" in report  # times carry the site's time zone


def test_the_schedule_dialog_says_which_time_zone_it_uses(admin_client, index):
    from django.urls import reverse

    page = factories.publish(index, factories.TopicPage(title="Scheduled", description="Later."))
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    dialog = html[html.index('id="schedule-publishing-dialog"') :]
    assert dialog.count("Time zone: UTC.") == 2  # go-live and expiry


def test_once_a_scheduled_page_is_live_its_status_panel_offers_no_schedule(admin_client, index):
    from django.urls import reverse

    page = factories.draft(index, factories.TopicPage(title="Coming soon", description="Scheduled."))
    page.go_live_at = timezone.now() + timedelta(hours=1)
    page.save_revision().publish()
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert "Go-live:" in admin_client.get(edit_url).content.decode()

    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(hours=2)):
        call_command("publish_scheduled", stdout=StringIO())
        page.refresh_from_db()
        assert page.live and page.go_live_at is None  # done with: nothing is waiting to go live
        # The editor's next draft starts from the live page, so it carries no go-live date either.
        draft = page.get_latest_revision_as_object()
        draft.description = "Live, and edited."
        draft.save_revision()
        html = admin_client.get(edit_url).content.decode()
    status = html[html.index("Status: ") : html.index('id="schedule-publishing-dialog"')]
    assert "No publishing schedule set" in status
    assert "Go-live:" not in status and "Edit schedule" not in status
