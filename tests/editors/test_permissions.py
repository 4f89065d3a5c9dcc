"""Who may do what: editors draft and submit, moderators publish, anonymous visitors see no drafts."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Workflow
from wagtail.test.utils.form_data import querydict_from_html

from operations.moderation import EDITORS, MODERATORS
from tests import factories
from tests.editors.conftest import PASSWORD
from tests.guides.factories import make_guide


@pytest.fixture
def draft_topic(home_page):
    """A never-published page an editor can open: a topic has no JavaScript-built fields to post."""
    index = factories.topic_index(home_page)
    page = factories.draft(index, factories.TopicPage(title="Drafted topic", description="Not yet."))
    return page


def edit_form_data(client, page):
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    return html, querydict_from_html(html, form_id="page-edit-form")


def test_the_migration_sets_up_editors_moderators_and_the_approval_workflow(home_page):
    editors, moderators = Group.objects.get(name=EDITORS), Group.objects.get(name=MODERATORS)
    editor_page_perms = set(editors.page_permissions.values_list("page_id", "permission__codename"))
    assert editor_page_perms == {(home_page.pk, "add_page"), (home_page.pk, "change_page")}
    moderator_codenames = set(moderators.page_permissions.values_list("permission__codename", flat=True))
    assert {"publish_page", "lock_page", "unlock_page"} <= moderator_codenames
    for group in (editors, moderators):
        assert group.permissions.filter(codename="access_admin").exists()
        assert {"add_image", "change_image", "choose_image", "choose_document"} <= set(
            group.collection_permissions.values_list("permission__codename", flat=True)
        )
    workflow = home_page.get_workflow()
    assert workflow is not None and workflow.active
    [task] = workflow.tasks.specific()
    assert list(task.groups.all()) == [moderators]
    # Reused Wagtail's default workflow instead of adding a second one.
    assert Workflow.objects.count() == 1


def test_an_editor_sees_no_publish_button_and_cannot_publish_by_posting(client, editor, draft_topic):
    client.force_login(editor)
    html, data = edit_form_data(client, draft_topic)
    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html

    data["description"] = "Edited by the editor."
    data["action-publish"] = "action-publish"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[draft_topic.pk]), data)
    assert response.status_code in (200, 302)
    draft_topic.refresh_from_db()
    assert not draft_topic.live
    assert draft_topic.live_revision is None
    assert client.get(draft_topic.url).status_code == 404


def test_an_editor_submits_and_a_moderator_approves_and_publishes(client, editor, moderator, draft_topic):
    client.force_login(editor)
    _, data = edit_form_data(client, draft_topic)
    data["action-submit"] = "action-submit"
    client.post(reverse("wagtailadmin_pages:edit", args=[draft_topic.pk]), data)
    draft_topic.refresh_from_db()
    state = draft_topic.current_workflow_state
    assert state is not None and state.status == "in_progress" and not draft_topic.live

    task_state = draft_topic.current_workflow_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=[draft_topic.pk, "approve", task_state.pk])
    # The editor is not in the task's group: the admin refuses (redirecting with a message).
    assert client.post(approve).status_code in (302, 403)
    draft_topic.refresh_from_db()
    assert not draft_topic.live

    client.force_login(moderator)
    client.post(approve)
    draft_topic.refresh_from_db()
    assert draft_topic.live
    client.logout()
    assert client.get(draft_topic.url).status_code == 200


def admin_urls_for(page):
    revision = page.latest_revision
    earlier = page.revisions.order_by("pk").first()
    return [
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[page.pk]) + "?mode=card",
        reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]) + "?mode=card",
        reverse("wagtailadmin_pages:history", args=[page.pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[page.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]),
        reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, revision.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, earlier.pk, revision.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "live", "latest"]),
        reverse("sharing_admin:page_links", args=[page.pk]),
    ]


def test_anonymous_visitors_reach_no_preview_or_revision_url(client, home_page):
    index = factories.topic_index(home_page)
    page = factories.publish(index, factories.TopicPage(title="Revised", description="First."))
    page.description = "Second, unpublished."
    page.save_revision()
    for url in admin_urls_for(page):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("wagtailadmin_login")), url
        assert b"Second, unpublished" not in response.content
    assert b"Second, unpublished" not in client.get(page.url).content


def test_a_logged_in_visitor_without_page_permissions_reaches_none_of_them(client, django_user_model, home_page):
    from django.contrib.auth.models import Permission

    index = factories.topic_index(home_page)
    page = factories.publish(index, factories.TopicPage(title="Revised", description="First."))
    page.save_revision()
    outsider = django_user_model.objects.create_user("outsider", password=PASSWORD)
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    for url in admin_urls_for(page):
        assert client.get(url).status_code in (302, 403, 404), url


def test_revision_history_and_compare_work_for_every_page_type(admin_client, demo_site):
    from tests.editors.test_previews import PAGE_TYPES
    from tests.testapp import without_test_app

    # The types the demo content builds (not the test app's, tests/testapp/).
    for model in without_test_app(PAGE_TYPES):
        page = model.objects.order_by("pk").first()
        earlier = page.latest_revision
        page.title = f"{page.title} (revised)"
        latest = page.save_revision()
        history = admin_client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
        assert history.status_code == 200, model
        view = admin_client.get(reverse("wagtailadmin_pages:revisions_view", args=[page.pk, earlier.pk]))
        assert view.status_code == 200, model
        for a, b in [(earlier.pk, latest.pk), ("live", "latest")]:
            compare = admin_client.get(reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, a, b]))
            assert compare.status_code == 200, model
            assert "(revised)" in compare.content.decode(), model


def test_guide_edit_view_offers_comments_and_autosave(admin_client, guide_index):
    guide = make_guide(guide_index, "Commented", publish=False)
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk])).content.decode()
    assert "data-w-autosave-interval-value" in html
    assert "comments" in html  # the comments side panel
