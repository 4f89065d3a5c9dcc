"""Permissions: a limited editor cannot reach other people's objects; anonymous visitors reach no
admin, preview or revision URL; private pages stay out of search, the sitemap and feeds."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from reviews.models import Event, Speaker
from tests import factories
from tests.services import jpeg_bytes

pytestmark = pytest.mark.django_db

DENIED = {302, 403, 404}
SECRET = "Zebrafish secret"


@pytest.fixture
def world(home_page):
    """Articles (the editor's section) and a guide-free section they do not own, with media and snippets."""
    mine = factories.article(home_page, title="My article")
    other = factories.review(home_page, title=SECRET)
    other.title = SECRET + " v2"
    other.save_revision()
    restricted = Collection.get_first_root_node().add_child(name="Restricted")
    image = Image.objects.create(
        title=SECRET, collection=restricted, file=SimpleUploadedFile("z.jpg", jpeg_bytes()), width=64, height=48
    )
    document = Document.objects.create(title=SECRET, collection=restricted, file=SimpleUploadedFile("z.txt", b"x"))
    speaker = Speaker.objects.create(name=SECRET)
    event = Event.objects.create(name=SECRET, start_date="2024-01-01")
    return {"mine": mine, "other": other, "image": image, "document": document, "speaker": speaker, "event": event}


@pytest.fixture
def limited_editor(client, django_user_model, world):
    group = Group.objects.create(name="Article editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    index = world["mine"].get_parent()
    for codename in ["add_page", "change_page", "publish_page"]:
        GroupPagePermission.objects.create(
            group=group, page=index, permission=Permission.objects.get(codename=codename)
        )
    user = django_user_model.objects.create_user("limited", "limited@example.com", "pw")
    user.groups.add(group)
    client.force_login(user)
    return client


def other_page_urls(world):
    page = world["other"]
    first, latest = page.revisions.order_by("pk").values_list("pk", flat=True)
    app, model = page._meta.app_label, page._meta.model_name
    return [
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
        reverse("wagtailadmin_pages:history", args=[page.pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[page.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[page.pk, latest]),
        reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, first]),
        f"/admin/pages/{page.pk}/revisions/compare/{first}...{latest}/",
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        reverse("wagtailadmin_pages:delete", args=[page.pk]),
        reverse("wagtailadmin_pages:move", args=[page.pk]),
        reverse("wagtailadmin_pages:unpublish", args=[page.pk]),
        reverse("wagtailadmin_pages:set_privacy", args=[page.pk]),
        reverse("wagtailadmin_pages:add", args=[app, model, page.get_parent().pk]),
        reverse("wagtailadmin_pages:preview_on_add", args=[app, model, page.get_parent().pk]),
    ]


def other_object_urls(world):
    image, document = world["image"], world["document"]
    return [
        reverse("wagtailimages:edit", args=[image.pk]),
        reverse("wagtailimages:delete", args=[image.pk]),
        reverse("wagtailimages:url_generator", args=[image.pk]),
        reverse("wagtaildocs:edit", args=[document.pk]),
        reverse("wagtaildocs:delete", args=[document.pk]),
        reverse("wagtailsnippets_reviews_speaker:edit", args=[world["speaker"].pk]),
        reverse("wagtailsnippets_reviews_speaker:delete", args=[world["speaker"].pk]),
        reverse("wagtailsnippets_reviews_speaker:history", args=[world["speaker"].pk]),
        reverse("wagtailsnippets_reviews_event:edit", args=[world["event"].pk]),
        reverse("wagtailsnippets_reviews_event:delete", args=[world["event"].pk]),
    ]


def assert_denied(client, url, method="get"):
    response = getattr(client, method)(url)
    assert response.status_code in DENIED, (method, url, response.status_code)
    assert SECRET.encode() not in response.content, (method, url)


def test_limited_editor_cannot_open_or_act_on_pages_outside_their_section(limited_editor, world):
    for url in other_page_urls(world):
        assert_denied(limited_editor, url)
        assert_denied(limited_editor, url, "post")
    world["other"].refresh_from_db()
    assert world["other"].live and world["other"].title == SECRET
    # Their own page is fine (so the denials above are about permissions, not a broken setup).
    assert limited_editor.get(reverse("wagtailadmin_pages:edit", args=[world["mine"].pk])).status_code == 200


def test_limited_editor_cannot_edit_or_delete_media_and_snippets_they_were_not_given(limited_editor, world):
    for url in other_object_urls(world):
        assert_denied(limited_editor, url)
        assert_denied(limited_editor, url, "post")
    assert Image.objects.filter(pk=world["image"].pk).exists()
    assert Document.objects.filter(pk=world["document"].pk).exists()
    assert Speaker.objects.filter(pk=world["speaker"].pk).exists()


def test_choosers_do_not_list_what_the_editor_may_not_choose(limited_editor, world):
    for url in [reverse("wagtailimages_chooser:choose"), reverse("wagtaildocs_chooser:choose")]:
        response = limited_editor.get(url)
        assert response.status_code in DENIED | {200}
        assert SECRET.encode() not in response.content, url
    # Snippet choosers list every speaker and event to any editor, by Wagtail's design: they are
    # public on the site anyway, and choosing one changes nothing about it (editing is checked above).


def test_choosers_list_media_once_the_collection_is_granted(limited_editor, world):
    group = Group.objects.get(name="Article editors")
    GroupCollectionPermission.objects.create(
        group=group,
        collection=world["image"].collection,
        permission=Permission.objects.get(content_type__app_label="wagtailimages", codename="choose_image"),
    )
    assert SECRET.encode() in limited_editor.get(reverse("wagtailimages_chooser:choose")).content


def test_anonymous_visitors_reach_no_admin_preview_or_revision_url(client, world):
    urls = [
        "/admin/",
        reverse("wagtailadmin_explore", args=[world["other"].get_parent().pk]),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtaildocs_chooser:choose"),
        reverse("wagtailadmin_choose_page"),
        *other_page_urls(world),
        *other_object_urls(world),
    ]
    for url in urls:
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 302, (method, url, response.status_code)
            assert response["Location"].startswith(reverse("wagtailadmin_login")), (url, response["Location"])


def test_private_pages_are_absent_from_search_sitemap_and_feeds(client, home_page):
    testing = factories.topic(home_page, "Privacy")
    private = factories.article(home_page, title="Quetzal private", summary="quetzal", topics=[testing])
    factories.make_private(private)
    factories.article(home_page, title="Quetzal public", summary="quetzal", topics=[testing])
    urls = [
        "/search/?q=quetzal",
        "/sitemap.xml",
        "/feeds/rss.xml",
        "/feeds/atom.xml",
        f"/feeds/topics/{testing.slug}/rss.xml",
        f"/feeds/topics/{testing.slug}/atom.xml",
        testing.url,
        "/articles/",
    ]
    for url in urls:
        body = client.get(url).content.decode()
        assert "Quetzal private" not in body and private.url not in body, url
    assert "Quetzal public" in client.get("/search/?q=quetzal").content.decode()
    assert client.get(private.url).status_code == 302  # to the login page
