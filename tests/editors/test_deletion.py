"""What each role may delete: Editors only their own drafts, and no image or document a live page uses."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from articles.models import ArticlePage
from operations.moderation import EDITORS
from tests import factories
from tests.editors.conftest import editor, member_of, moderator  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def used(home_page):
    """An image and a document that a live article uses, and one of each that only a draft uses."""
    image = Image.objects.create(title="A chart", file=get_test_image_file())
    document = Document.objects.create(title="Handout", file=SimpleUploadedFile("handout.txt", b"Read me."))
    body = [("paragraph", f'<h2>About</h2><p>See <a linktype="document" id="{document.pk}">the handout</a>.</p>')]
    live = factories.article(
        home_page, title="Live article", listing_image=image, listing_image_alt="A chart", body=body
    )
    spare_image = Image.objects.create(title="Spare chart", file=get_test_image_file())
    spare_document = Document.objects.create(title="Spare", file=SimpleUploadedFile("spare.txt", b"Spare."))
    draft = ArticlePage(title="Draft article", date=live.date, listing_image=spare_image, live=False)
    factories.article_index(home_page).add_child(instance=draft)
    return {
        "image": image,
        "document": document,
        "live": live,
        "spare_image": spare_image,
        "spare_document": spare_document,
    }


def message_text(response):
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_an_editor_cannot_delete_an_image_or_document_a_live_page_uses_and_is_told_where(client, editor, used):  # noqa: F811
    client.force_login(editor)
    for url, obj in [
        (reverse("wagtailimages:delete", args=[used["image"].pk]), used["image"]),
        (reverse("wagtaildocs:delete", args=[used["document"].pk]), used["document"]),
    ]:
        response = client.post(url)
        assert response.status_code == 302, url
        assert type(obj).objects.filter(pk=obj.pk).exists()
        text = message_text(response)
        assert "is used on live pages: “Live article”" in text and "moderator" in text, text


def test_an_editor_is_told_an_image_is_in_use_instead_of_being_asked_to_confirm_its_deletion(client, editor, used):  # noqa: F811
    client.force_login(editor)
    response = client.get(reverse("wagtailimages:delete", args=[used["image"].pk]))
    assert response.status_code == 302 and "is used on live pages: “Live article”" in message_text(response)
    spare = client.get(reverse("wagtailimages:delete", args=[used["spare_image"].pk]))
    assert spare.status_code == 200 and "Yes, delete" in spare.content.decode()


def test_an_editor_cannot_replace_the_file_of_an_image_a_live_page_uses(client, editor, used):  # noqa: F811
    client.force_login(editor)
    image = used["image"]
    before = image.file.name
    response = client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": "A chart", "file": get_test_image_file(filename="other.png"), "collection": image.collection_id},
    )
    assert response.status_code == 302
    assert Image.objects.get(pk=image.pk).file.name == before
    assert "replace its file" in message_text(response)


def test_an_editor_may_delete_media_no_live_page_uses(client, editor, used):  # noqa: F811
    client.force_login(editor)
    assert client.post(reverse("wagtailimages:delete", args=[used["spare_image"].pk])).status_code == 302
    assert client.post(reverse("wagtaildocs:delete", args=[used["spare_document"].pk])).status_code == 302
    assert not Image.objects.filter(pk=used["spare_image"].pk).exists()
    assert not Document.objects.filter(pk=used["spare_document"].pk).exists()


def test_a_moderator_may_delete_media_live_pages_use(client, moderator, used):  # noqa: F811
    client.force_login(moderator)
    assert client.post(reverse("wagtailimages:delete", args=[used["image"].pk])).status_code == 302
    assert not Image.objects.filter(pk=used["image"].pk).exists()


def test_editors_delete_only_their_own_drafts(client, editor, moderator, django_user_model, home_page):  # noqa: F811
    other = member_of(django_user_model, EDITORS, "otto")
    index = factories.article_index(home_page)

    def draft(owner, title):
        page = ArticlePage(title=title, date=factories.datetime.date(2025, 1, 1), owner=owner, live=False)
        index.add_child(instance=page)
        return page

    mine, theirs = draft(editor, "My draft"), draft(other, "Otto's draft")
    live = factories.article(home_page, title="Live one")
    client.force_login(editor)

    # Delete and Move are offered on the editor's own draft only, not on another's or on a live page.
    for page, offered in ((mine, True), (theirs, False), (live, False)):
        html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        for action in ("delete", "move"):
            assert (reverse(f"wagtailadmin_pages:{action}", args=[page.pk]) in html) is offered, (page, action)
    listing = client.get(reverse("wagtailadmin_explore", args=[index.pk])).content.decode()
    assert reverse("wagtailadmin_pages:delete", args=[mine.pk]) in listing
    assert reverse("wagtailadmin_pages:delete", args=[theirs.pk]) not in listing

    # Posting anyway is still refused.
    client.post(reverse("wagtailadmin_pages:delete", args=[theirs.pk]))
    assert Page.objects.filter(pk=theirs.pk).exists()
    client.post(reverse("wagtailadmin_pages:delete", args=[live.pk]))
    assert Page.objects.filter(pk=live.pk).exists()
    client.post(reverse("wagtailadmin_pages:delete", args=[mine.pk]))
    assert not Page.objects.filter(pk=mine.pk).exists()

    # Bulk deletion follows the same rule.
    bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id={theirs.pk}"
    client.post(bulk)
    assert Page.objects.filter(pk=theirs.pk).exists()

    client.force_login(moderator)
    client.post(reverse("wagtailadmin_pages:delete", args=[theirs.pk]))
    assert not Page.objects.filter(pk=theirs.pk).exists()
