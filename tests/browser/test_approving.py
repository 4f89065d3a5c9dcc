"""A moderator approves a submitted guide from its editor, as a Moderators-group user in a real browser: with no
change it publishes the submitted version, saves no revision of its own and says "published"; with a change it
publishes that change as one revision. The share link's banner then says nothing about a draft.

Every wait is on a condition; nothing sleeps.
"""

import re

import pytest
from playwright.sync_api import expect

from guides.models import GuidePage
from operations.moderation import EDITORS, MODERATORS
from tests.browser.test_tota11y import SLOW, log_in
from tests.editors.conftest import member_of
from tests.guides.factories import make_guide, make_index

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_tree")]


def submitted_guide(django_user_model, title):
    editor = member_of(django_user_model, EDITORS, "edna")
    guide = make_guide(make_index(), title, publish=False)
    guide.save_revision(user=editor)
    guide.get_workflow().start(guide, editor)
    return GuidePage.objects.get(pk=guide.pk)


def approve(page, base, guide):
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    page.wait_for_url(re.compile(rf"{base}/admin/pages/{guide.get_parent().pk}/"), timeout=SLOW)


def test_approving_unchanged_publishes_the_submitted_version_and_saves_nothing(
    live_server, chromium, django_user_model
):
    base = live_server.url
    guide = submitted_guide(django_user_model, "Approved as it was")
    submitted = guide.get_latest_revision()
    member_of(django_user_model, MODERATORS, "moe")
    context = chromium.new_context()
    try:
        moderator = log_in(context, base, "moe")
        moderator.goto(f"{base}/admin/pages/{guide.pk}/edit/")
        expect(moderator.locator("#id_title")).to_have_value("Approved as it was", timeout=SLOW)
        approve(moderator, base, guide)
        message = moderator.locator(".messages").inner_text(timeout=SLOW)
    finally:
        context.close()
    guide.refresh_from_db()
    assert guide.live and not guide.has_unpublished_changes
    assert guide.get_latest_revision() == submitted
    assert "'Approved as it was' has been published" in message
    assert guide.live_revision_id == submitted.pk


def test_approving_with_a_change_publishes_it_as_one_revision(live_server, chromium, django_user_model):
    base = live_server.url
    guide = submitted_guide(django_user_model, "Approved with a fix")
    revisions = guide.revisions.count()
    member_of(django_user_model, MODERATORS, "moe")
    context = chromium.new_context()
    try:
        moderator = log_in(context, base, "moe")
        moderator.goto(f"{base}/admin/pages/{guide.pk}/edit/")
        moderator.locator("#id_summary").fill("A guide with its summary fixed by the moderator.")
        approve(moderator, base, guide)
        message = moderator.locator(".messages").inner_text(timeout=SLOW)
    finally:
        context.close()
    guide.refresh_from_db()
    assert guide.live and not guide.has_unpublished_changes
    assert guide.summary == "A guide with its summary fixed by the moderator."
    assert guide.revisions.count() == revisions + 1
    assert guide.live_revision_id == guide.get_latest_revision().pk
    assert "'Approved with a fix' has been published" in message
