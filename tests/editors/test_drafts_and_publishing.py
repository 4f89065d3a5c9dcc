"""Drafts save whatever is written so far; publishing (and submitting for review) asks for what readers need.

Everything goes through the admin's own add view, as the editor's browser posts it (the same
validation runs for autosave, which is a "save draft").
"""

import pytest
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from articles.blocks import ARTICLE_FEATURES
from articles.models import ArticlePage
from guides.models import GuidePage
from reviews.models import EventNotesPage
from tests import factories
from tests.guides.test_models import (
    HEADING_MESSAGE,
    IMAGE_ALT_MESSAGE,
    guide_form,
    messages,
    question_form,
    section_form,
)

EMPTY_HEADING_MESSAGE = "This text has an empty heading."
ORDER_MESSAGE = "level 4 heading straight after a level 2"
LINK_MESSAGE = "Choose a page or enter an address, not both."


@pytest.fixture
def image(db):
    return Image.objects.create(title="A chart", file=get_test_image_file())


@pytest.fixture
def article_index(home_page):
    return factories.article_index(home_page)


def add(client, parent, model, data, action="save"):
    """Post the admin's add form: "save" (a draft, as autosave does), "publish" or "submit"."""
    url = reverse("wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk))
    if action != "save":
        data[f"action-{action}"] = action
    return client.post(url, data)


def errors_of(response):
    """Every error message the form shows, flattened (StreamField errors included)."""
    assert response.status_code == 200, "the form should have come back with errors"
    form = response.context["form"]
    return [message for error in form.errors.values() for message in messages(error.as_data()[0])]


def article_data(body, **fields):
    data = {"title": "An article", "slug": "an-article", "date": "2025-03-01", "summary": "One line.", **fields}
    return nested_form_data({**data, "body": streamfield(body)})


def article(html):
    return ("paragraph", rich_text(html, features=ARTICLE_FEATURES))


def image_block(image=None, alt="", decorative=False):
    value = {"image": image.pk if image else "", "alt_text": alt, "caption": ""}
    return ("image", {**value, "decorative": "on"} if decorative else value)


def test_a_draft_saves_an_image_block_with_nothing_filled_in(client, editor, article_index):
    client.force_login(editor)
    response = add(client, article_index, ArticlePage, article_data([image_block()]))
    assert response.status_code == 302, errors_of(response)
    draft = ArticlePage.objects.get(slug="an-article").get_latest_revision_as_object()
    assert draft.body[0].block_type == "image" and draft.body[0].value["image"] is None


def test_publishing_asks_for_the_image_and_its_alt_text(client, moderator, article_index, image):
    client.force_login(moderator)
    assert "This field is required." in errors_of(
        add(client, article_index, ArticlePage, article_data([image_block()]), "publish")
    )
    found = errors_of(add(client, article_index, ArticlePage, article_data([image_block(image)]), "publish"))
    assert IMAGE_ALT_MESSAGE in found
    assert not ArticlePage.objects.exists()
    # Decorative images need no alt text.
    response = add(client, article_index, ArticlePage, article_data([image_block(image, decorative=True)]), "publish")
    assert response.status_code == 302 and ArticlePage.objects.get().live


def test_submitting_for_review_asks_for_alt_text_too(client, editor, article_index, image):
    client.force_login(editor)
    found = errors_of(add(client, article_index, ArticlePage, article_data([image_block(image)]), "submit"))
    assert IMAGE_ALT_MESSAGE in found


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ([article("<h2></h2><p>Text under nothing.</p>")], EMPTY_HEADING_MESSAGE),
        ([article("<h2>Start</h2><h4>Too deep</h4>")], ORDER_MESSAGE),
    ],
    ids=["empty heading", "skipped level"],
)
def test_article_headings_wait_for_publishing(client, editor, moderator, article_index, body, message):
    client.force_login(editor)
    assert add(client, article_index, ArticlePage, article_data(body)).status_code == 302
    client.force_login(moderator)
    found = errors_of(add(client, article_index, ArticlePage, article_data(body, slug="published"), "publish"))
    assert any(message in text for text in found), found
    assert not ArticlePage.objects.filter(live=True).exists()


def test_guide_sections_and_questions_without_headings_save_as_drafts_not_published(
    client, editor, moderator, guide_index
):
    body = [section_form("", [question_form("")])]
    client.force_login(editor)
    assert add(client, guide_index, GuidePage, guide_form("Half written", body, slug="half")).status_code == 302
    client.force_login(moderator)
    found = errors_of(add(client, guide_index, GuidePage, guide_form("Half written", body, slug="ready"), "publish"))
    assert found.count(HEADING_MESSAGE) == 2
    assert not GuidePage.objects.filter(live=True).exists()


def test_event_notes_days_and_talks_need_headings_to_publish(client, editor, moderator, home_page):
    index = factories.notes_index(home_page)
    day = {
        "title": "",
        "intro": streamfield([]),
        "talks": {
            "count": "1",
            "0": {
                "deleted": "",
                "order": "0",
                "value": {"title": "", "review": "", "notes": streamfield([]), "related": {"count": "0"}},
            },
        },
    }
    data = {"title": "Notes", "slug": "notes-draft", "start_date": "2025-05-01", "intro": streamfield([])}
    client.force_login(editor)
    response = add(client, index, EventNotesPage, nested_form_data({**data, "body": streamfield([("day", day)])}))
    assert response.status_code == 302, errors_of(response)
    client.force_login(moderator)
    data["slug"] = "notes-published"
    found = errors_of(
        add(client, index, EventNotesPage, nested_form_data({**data, "body": streamfield([("day", day)])}), "publish")
    )
    assert found.count(HEADING_MESSAGE) == 2


def test_a_link_without_a_target_waits_for_publishing(client, editor, moderator, guide_index):
    links = {
        "heading": "",
        "links": {
            "count": "1",
            "0": {
                "deleted": "",
                "order": "0",
                "value": {"title": "Read this", "page": "", "url": "", "description": ""},
            },
        },
    }
    body = [section_form("Links", [question_form("Where next?", extra=[("resources", links)])])]
    client.force_login(editor)
    assert add(client, guide_index, GuidePage, guide_form("Links", body, slug="links-draft")).status_code == 302
    client.force_login(moderator)
    found = errors_of(add(client, guide_index, GuidePage, guide_form("Links", body, slug="links"), "publish"))
    assert LINK_MESSAGE in found


def test_the_listing_image_needs_alt_text_to_publish_unless_decorative(client, moderator, article_index, image):
    client.force_login(moderator)
    fields = {"listing_image": image.pk, "listing_image_alt": ""}
    body = [article("<h2>About</h2><p>Text.</p>")]
    assert add(client, article_index, ArticlePage, article_data(body, slug="draft", **fields)).status_code == 302
    response = add(client, article_index, ArticlePage, article_data(body, slug="published", **fields), "publish")
    assert IMAGE_ALT_MESSAGE in response.context["form"].errors["listing_image_alt"]
    fields["listing_image_alt"] = "IMG_2041.jpg"
    response = add(client, article_index, ArticlePage, article_data(body, slug="published", **fields), "publish")
    assert "looks like a file name" in response.context["form"].errors["listing_image_alt"][0]
    fields["listing_image_decorative"] = "on"
    response = add(client, article_index, ArticlePage, article_data(body, slug="published", **fields), "publish")
    assert response.status_code == 302 and ArticlePage.objects.get(slug="published").live


def test_a_blank_guide_asks_for_a_section_only_when_published(client, editor, moderator, guide_index):
    client.force_login(editor)
    # No block count for the browser to complain about before the editor acts (test_editor_form.py), and a
    # draft may have no section yet.
    response = add(client, guide_index, GuidePage, guide_form("Empty so far", [], slug="empty-so-far"))
    assert response.status_code == 302, errors_of(response)

    client.force_login(moderator)
    response = add(client, guide_index, GuidePage, guide_form("Empty too", [], slug="empty-too"), action="publish")
    assert "A guide needs at least one section to be published: add one with the + button below." in errors_of(response)
