"""Share links show one page's draft to anyone holding the link, and nothing else, until expiry or revocation."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sharing.models import ShareLink
from tests.conftest import parse
from tests.guides.factories import make_guide, question, section


def guide_body(question_text):
    return [section("Basics", [question(question_text)])]


@pytest.fixture
def draft_guide(guide_index, editor):
    guide = make_guide(guide_index, "Unpublished guide", body_value=guide_body("Is this drafted?"), publish=False)
    return guide


def share(page, **fields):
    return ShareLink.objects.create(page=page, **fields)


def test_a_share_link_shows_the_latest_draft_with_a_banner_and_no_caching(client, draft_guide):
    assert client.get(draft_guide.url).status_code == 404
    link = share(draft_guide)
    assert len(link.token) >= 43 and link.expires_at - timezone.now() > timedelta(days=6, hours=23)

    response = client.get(f"/share/{link.token}/")
    assert response.status_code == 200
    html = parse(response)
    assert "Is this drafted?" in html.get_text()
    banner = html.select_one(".editor-banner")
    assert "Draft — not published" in banner.get_text()
    assert html.find("meta", attrs={"name": "robots", "content": "noindex"})
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert "noindex" in response["X-Robots-Tag"]

    # The link follows the draft as the editor changes it.
    draft_guide.body = guide_body("Is this the second draft?")
    draft_guide.save_revision()
    assert "Is this the second draft?" in client.get(f"/share/{link.token}/").content.decode()


def test_a_link_to_a_chosen_revision_keeps_showing_that_version(client, draft_guide):
    first = draft_guide.latest_revision
    draft_guide.body = guide_body("A later question?")
    draft_guide.save_revision()
    link = share(draft_guide, revision=first)
    text = client.get(f"/share/{link.token}/").content.decode()
    assert "Is this drafted?" in text and "A later question?" not in text


@pytest.mark.parametrize(
    "fields",
    [
        {"expires_at": timezone.now() - timedelta(seconds=1)},
        {"revoked_at": timezone.now()},
    ],
    ids=["expired", "revoked"],
)
def test_expired_and_revoked_links_are_not_found(client, draft_guide, fields):
    link = share(draft_guide, **fields)
    assert client.get(f"/share/{link.token}/").status_code == 404
    assert not ShareLink.objects.usable().filter(pk=link.pk).exists()


def test_unknown_tokens_are_not_found(client, draft_guide):
    link = share(draft_guide)
    for token in ["x" * 43, link.token[:-1], link.token.upper(), ""]:
        assert client.get(f"/share/{token}/").status_code == 404, token


def test_a_link_never_shows_another_page(client, guide_index, draft_guide):
    other = make_guide(guide_index, "Other draft", body_value=guide_body("Secret other question?"), publish=False)
    link = share(draft_guide)
    # Nothing in the URL can point the link elsewhere.
    for url in [
        f"/share/{link.token}/{other.slug}/",
        f"/share/{link.token}/?page={other.pk}",
        f"/share/{link.token}/?revision={other.latest_revision.pk}",
    ]:
        response = client.get(url)
        assert b"Secret other question?" not in response.content, url
    # Nor can a link be made (or altered) to carry another page's revision.
    forged = share(draft_guide, revision=other.latest_revision)
    assert client.get(f"/share/{forged.token}/").status_code == 404
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        forged.full_clean()


def test_deleting_the_page_deletes_its_links(client, draft_guide):
    link = share(draft_guide)
    draft_guide.delete()
    assert not ShareLink.objects.filter(pk=link.pk).exists()
    assert client.get(f"/share/{link.token}/").status_code == 404


def test_an_editor_creates_lists_and_revokes_links_in_the_admin(client, editor, draft_guide):
    client.force_login(editor)
    edit_html = client.get(reverse("wagtailadmin_pages:edit", args=[draft_guide.pk])).content.decode()
    links_url = reverse("sharing_admin:page_links", args=[draft_guide.pk])
    assert links_url in edit_html  # "Share draft" in the page's header menu

    page = client.get(links_url)
    assert page.status_code == 200
    assert parse(page).find("input", attrs={"name": "days"})["value"] == "7"

    response = client.post(links_url, {"days": "3", "revision": ""})
    assert response.status_code == 302
    link = ShareLink.objects.get(page=draft_guide)
    assert link.created_by == editor and link.revision is None
    assert timedelta(days=2, hours=23) < link.expires_at - timezone.now() <= timedelta(days=3)

    listing = parse(client.get(links_url))
    assert listing.find("input", attrs={"data-share-url": True})["value"].endswith(f"/share/{link.token}/")

    revoke_url = reverse("sharing_admin:revoke", args=[link.pk])
    assert listing.find("a", href=revoke_url).get_text(strip=True) == "Revoke…"
    # Revoking cannot be undone: the editor is asked first, and only the confirmation revokes.
    confirm = client.get(revoke_url)
    assert confirm.status_code == 200
    question = parse(confirm)
    assert "cannot be turned back on" in question.get_text() and link.token in question.get_text()
    assert question.find("button", string="Yes, revoke the link") is not None
    link.refresh_from_db()
    assert link.revoked_at is None
    client.post(revoke_url)
    link.refresh_from_db()
    assert link.revoked_at is not None
    client.logout()
    assert client.get(f"/share/{link.token}/").status_code == 404


def test_expiry_must_be_between_one_and_ninety_days(client, editor, draft_guide):
    client.force_login(editor)
    links_url = reverse("sharing_admin:page_links", args=[draft_guide.pk])
    for days in ["0", "91", "soon"]:
        assert client.post(links_url, {"days": days}).status_code == 200  # the form again, with its error
    assert not ShareLink.objects.exists()


def test_only_people_who_can_edit_the_page_manage_its_links(client, django_user_model, draft_guide):
    from django.contrib.auth.models import Permission

    link = share(draft_guide)
    links_url = reverse("sharing_admin:page_links", args=[draft_guide.pk])
    revoke_url = reverse("sharing_admin:revoke", args=[link.pk])
    # Anonymous: sent to the login page.
    assert client.get(links_url)["Location"].startswith(reverse("wagtailadmin_login"))
    assert client.post(revoke_url)["Location"].startswith(reverse("wagtailadmin_login"))
    # An admin user with no rights over the page: refused.
    outsider = django_user_model.objects.create_user("outsider", password="x")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    for response in [client.get(links_url), client.post(links_url, {"days": "7"}), client.post(revoke_url)]:
        assert response.status_code in (302, 403)
        assert link.token not in response.content.decode()
    link.refresh_from_db()
    assert link.revoked_at is None and ShareLink.objects.count() == 1


def test_a_usable_link_has_a_copy_button(client, editor, draft_guide):
    share(draft_guide)
    client.force_login(editor)
    row = parse(client.get(reverse("sharing_admin:page_links", args=[draft_guide.pk]))).select_one("[data-share-link]")
    # Wagtail's own clipboard controller copies the field's value; the field stays selectable without it.
    holder = row.select_one("[data-controller~=w-clipboard]")
    assert holder.select_one("input[data-w-clipboard-target=value][readonly]")["value"].endswith("/")
    button = holder.select_one("button[data-action='w-clipboard#copy']")
    assert button.get_text(strip=True) == "Copy link"
    assert holder.find(id=button["aria-describedby"]).get("aria-live") == "polite"


def test_versions_are_numbered_and_say_what_changed(client, editor, draft_guide):
    draft_guide.title = "Unpublished guide, retitled"
    draft_guide.save_revision(user=editor)
    draft_guide.summary = "A new summary."
    draft_guide.body = guide_body("A rewritten question?")
    draft_guide.save_revision(user=editor)
    draft_guide.save_revision(user=editor)  # saved again with nothing changed

    client.force_login(editor)
    html = parse(client.get(reverse("sharing_admin:page_links", args=[draft_guide.pk])))
    labels = [option.get_text() for option in html.select("select[name=revision] option")][1:]
    assert [label.split(" · ")[0] for label in labels] == ["Version 4", "Version 3", "Version 2", "Version 1"]
    assert labels[0].endswith("no change to the content")
    assert labels[1].endswith("changed Summary, Body")
    assert labels[2].endswith("changed Title") and " by edna · " in labels[2]
    assert labels[3].endswith("first version")

    version_two = draft_guide.revisions.order_by("created_at", "pk")[1]
    client.post(reverse("sharing_admin:page_links", args=[draft_guide.pk]), {"days": "7", "revision": version_two.pk})
    shows = parse(client.get(reverse("sharing_admin:page_links", args=[draft_guide.pk]))).select("#share-links td")[1]
    assert shows.get_text(strip=True).startswith("Version 2 ·")


def test_saving_through_the_editor_without_a_change_is_not_a_change():
    from sharing.versions import changes

    fields = {"body": "Body", "title": "Title"}
    # What a guide's body looks like before and after a round trip through the admin's form.
    before = {"title": "A", "body": '[{"type": "paragraph", "value": "<p>Words</p>"}]'}
    after = {
        "title": "A",
        "body": '[{"type": "paragraph", "value": "<p data-block-key=\\"x1y2z\\">Words</p>", "id": "9f"}]',
    }
    assert changes(fields, before, after) == []
    assert changes(fields, before, {**after, "title": "B"}) == ["Title"]


def test_once_its_version_is_published_the_banner_says_so_not_draft(client, draft_guide):
    link = share(draft_guide)
    draft_guide.get_latest_revision().publish()
    banner = parse(client.get(f"/share/{link.token}/")).select_one(".editor-banner").get_text()
    assert "Published" in banner and "Draft" not in banner

    draft_guide.body = guide_body("Is this a new draft?")
    draft_guide.save_revision()
    assert "Draft — not published" in parse(client.get(f"/share/{link.token}/")).select_one(".editor-banner").get_text()
