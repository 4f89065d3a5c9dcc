"""Every page type previews as the page and as its listing card, from the draft, never cached or indexed."""

import pytest
from django.urls import reverse
from wagtail.models import Page, get_page_models
from wagtail.test.utils.form_data import querydict_from_html

from tests.conftest import parse
from tests.guides.factories import make_guide, question, section
from tests.testapp import without_test_app

PAGE_TYPES = [model for model in get_page_models() if model is not Page]


@pytest.fixture
def one_of_each(demo_site):
    # The demo content builds the hub's own types, not the test app's (tests/testapp/).
    found = {model: model.objects.order_by("pk").first() for model in without_test_app(PAGE_TYPES)}
    missing = [model.__name__ for model, page in found.items() if page is None]
    assert not missing, f"the demo content has no {missing}"
    return found


def assert_preview_response(response):
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    html = parse(response)
    assert html.find("meta", attrs={"name": "robots", "content": "noindex"})
    banner = html.select_one(".editor-banner")
    assert banner is not None and "Preview" in banner.get_text()
    return html


def test_every_page_type_offers_page_and_card_previews():
    for model in PAGE_TYPES:
        assert [mode for mode, _ in model.preview_modes] == ["", "card"], model


@pytest.mark.parametrize("mode", ["", "card"])
def test_every_page_type_previews_in_both_modes(admin_client, one_of_each, mode):
    for model, page in one_of_each.items():
        response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]), {"mode": mode})
        html = assert_preview_response(response)
        assert len(html.find_all("h1")) == 1, model
        if mode == "card":
            # The same card markup as the home page, a topic page and a search result.
            cards = html.select(".card-preview .card")
            assert len(cards) == 3, model
            assert all(page.title in card.get_text() for card in cards), model


def test_the_live_editor_preview_shows_unsaved_changes_as_a_card(admin_client, home_page):
    from tests.factories import topic

    page = topic(home_page, "Card check")  # a page type whose form needs no JavaScript-built StreamField
    page.summary = "The saved summary."
    page.save_revision().publish()
    edit_html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    data = querydict_from_html(edit_html, form_id="page-edit-form")
    data["summary"] = "A summary typed but not saved."
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert admin_client.post(preview_url + "?mode=card", data).json() == {"is_valid": True, "is_available": True}
    html = assert_preview_response(admin_client.get(preview_url, {"mode": "card"}))
    assert "A summary typed but not saved." in html.select_one(".card-preview").get_text()
    assert "The saved summary." not in html.get_text()


def test_view_draft_shows_the_draft_not_the_live_version(admin_client, guide_index):
    guide = make_guide(guide_index, "Reviewing", body_value=[section("Basics", [question("What is live?")])])
    guide.body = [section("Basics", [question("What is drafted?")])]
    guide.save_revision()

    html = assert_preview_response(admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[guide.pk])))
    assert "What is drafted?" in html.get_text()
    assert "What is live?" not in html.get_text()


def test_public_pages_carry_no_preview_banner_or_noindex(client, guide_index):
    guide = make_guide(guide_index, "Public guide")
    response = client.get(guide.url)
    html = parse(response)
    assert html.select_one(".editor-banner") is None
    assert html.find("meta", attrs={"name": "robots"}) is None
