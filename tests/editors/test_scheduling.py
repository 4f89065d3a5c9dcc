"""Scheduled publishing: `publish_scheduled` (run by cron or a timer, see README) publishes and expires pages."""

from datetime import timedelta
from unittest import mock

import pytest
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
