"""The roles table in docs/editors.md is true: each claim in its "can" column is checked against the real
groups, and a claim the table adds without a check here fails the test (so the docs cannot drift)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from wagtail.permission_policies.pages import PagePermissionPolicy

from tests.guides.factories import make_guide

DOCS = Path(__file__).resolve().parents[2] / "docs" / "editors.md"


def roles_table():
    """{group: [claim, …]} from the "can" column: claims are separated by semicolons (or a bold sentence)."""
    text = DOCS.read_text()
    rows = re.findall(r"^\| \*\*(Editors|Moderators)\*\* \| (.+?) \| .+ \|$", text, re.M)
    return {group: [claim.strip(" .") for claim in re.split(r";|\.\s+(?=\*\*)", can)] for group, can in rows}


def page_permissions(user, page):
    return page.permissions_for_user(user)


def check_admin(client, user, page):
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def check_add_and_edit(client, user, page):
    assert page_permissions(user, page.get_parent().specific).can_add_subpage()
    assert page_permissions(user, page).can_edit()


def check_drafts_preview_share_submit(client, user, page):
    perms = page_permissions(user, page)
    assert perms.can_edit() and perms.can_submit_for_moderation()
    assert client.get(reverse("sharing_admin:page_links", args=[page.pk])).status_code == 200


def check_images_and_documents(client, user, page):
    for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
        assert client.get(reverse(f"{app}:add" if app == "wagtailimages" else "wagtaildocs:add")).status_code == 200
        codenames = set(
            user.groups.values_list("collection_permissions__permission__codename", flat=True).exclude(
                collection_permissions=None
            )
        )
        assert {f"add_{model}", f"change_{model}", f"choose_{model}"} <= codenames


def check_speakers_and_events(client, user, page):
    assert user.has_perms(
        ["reviews.add_speaker", "reviews.change_speaker", "reviews.add_event", "reviews.change_event"]
    )


def check_search_synonyms(client, user, page):
    assert user.has_perms(["search.add_synonym", "search.change_synonym", "search.delete_synonym"])
    assert client.get(reverse("wagtailsnippets_search_synonym:list")).status_code == 200


def check_authors(client, user, page):
    assert user.has_perms(["core.add_author", "core.change_author"])
    assert client.get(reverse("wagtailsnippets_core_author:add")).status_code == 200


def check_cannot_publish(client, user, page):
    assert not page_permissions(user, page).can_publish()


def check_editors_rights_and_publish_lock_unlock(client, user, page):
    check_add_and_edit(client, user, page)
    check_drafts_preview_share_submit(client, user, page)
    check_images_and_documents(client, user, page)
    check_speakers_and_events(client, user, page)
    policy = PagePermissionPolicy()
    assert all(policy.user_has_permission_for_instance(user, action, page) for action in ("publish", "lock", "unlock"))


def check_approve_or_request_changes(client, user, page):
    page.get_workflow().start(page, page.owner or user)
    task = page.get_workflow().tasks.specific().get()
    assert {name for name, _label, _modal in task.get_actions(page, user)} >= {"approve", "reject"}


CHECKS = {
    "use the admin": check_admin,
    "add and edit pages": check_add_and_edit,
    "save drafts, preview, share drafts, *Submit for moderation*": check_drafts_preview_share_submit,
    "add/edit/choose images and documents": check_images_and_documents,
    "add and edit speakers and events (*Talks* menu, or *New speaker*/*New event* in the chooser)": (
        check_speakers_and_events
    ),
    "add, edit and delete search synonyms (*Snippets → Search synonyms*, [Search](search.md))": check_search_synonyms,
    "add and edit authors (*Snippets → Authors*)": check_authors,
    "**Cannot publish.**": check_cannot_publish,
    "everything editors can, plus publish, lock and unlock pages": check_editors_rights_and_publish_lock_unlock,
    "approve or request changes on submitted pages": check_approve_or_request_changes,
}


@pytest.fixture
def draft_page(guide_index):
    return make_guide(guide_index, "A draft", publish=False)


@pytest.mark.parametrize("group, role", [("Editors", "editor"), ("Moderators", "moderator")])
def test_every_claim_of_the_roles_table_holds(request, client, group, role, draft_page):
    user = request.getfixturevalue(role)
    client.force_login(user)
    claims = roles_table()[group]
    assert claims, "the roles table was not found in docs/editors.md"
    unchecked = [claim for claim in claims if claim.strip("*. ") not in {c.strip("*. ") for c in CHECKS}]
    assert unchecked == [], "add a check for each new claim"
    for claim in claims:
        check = next(check for text, check in CHECKS.items() if text.strip("*. ") == claim.strip("*. "))
        check(client, user, draft_page)


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_promoted_results_are_for_superusers_as_the_docs_say(request, client, role, home_page):
    assert "*Settings → Promoted search results* and *Reports → Search terms* are for superusers" in " ".join(
        DOCS.read_text().split()
    )
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert not user.has_perm("wagtailsearchpromotions.add_query")
    assert client.get(reverse("wagtailsearchpromotions:index")).status_code in (302, 403)
