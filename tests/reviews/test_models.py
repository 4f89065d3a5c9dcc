import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.admin.panels import HelpPanel

from home.models import HomePage
from reviews.models import (
    Event,
    EventNotesIndexPage,
    EventNotesPage,
    Speaker,
    TalkReviewIndexPage,
    TalkReviewPage,
)
from tests.conftest import parse
from tests.reviews.conftest import make_review


def test_page_tree_rules():
    assert TalkReviewIndexPage.allowed_parent_page_models() == [HomePage]
    assert TalkReviewPage.allowed_parent_page_models() == [TalkReviewIndexPage]
    assert EventNotesIndexPage.allowed_parent_page_models() == [HomePage]
    assert EventNotesPage.allowed_parent_page_models() == [EventNotesIndexPage]
    assert TalkReviewPage.allowed_subpage_models() == []
    assert EventNotesPage.allowed_subpage_models() == []
    assert TalkReviewIndexPage.max_count == 1 and EventNotesIndexPage.max_count == 1


@pytest.mark.parametrize("model", [TalkReviewIndexPage, TalkReviewPage, EventNotesIndexPage, EventNotesPage])
def test_every_page_type_explains_itself_to_editors(model):
    assert model.__doc__ and "\n" not in model.__doc__.strip()
    assert any(isinstance(panel, HelpPanel) for panel in model.content_panels)
    own_fields = [f for f in model._meta.get_fields(include_parents=False) if getattr(f, "editable", False)]
    for field in own_fields:
        if field.name.endswith("_ptr"):
            continue
        assert field.help_text, f"{model.__name__}.{field.name} has no help_text"


def test_snippets_have_help_text_and_search_fields():
    for model in (Speaker, Event):
        for field in model._meta.get_fields():
            if getattr(field, "editable", False) and not field.primary_key:
                assert field.help_text, f"{model.__name__}.{field.name}"
        assert model.search_fields


@pytest.mark.django_db
def test_listing_dates_are_the_review_date_and_the_event_start():
    assert TalkReviewPage(review_date=datetime.date(2025, 3, 2)).listing_date == datetime.date(2025, 3, 2)
    assert EventNotesPage(start_date=datetime.date(2023, 10, 16)).listing_date == datetime.date(2023, 10, 16)


@pytest.mark.django_db
def test_newest_first_lists_live_reviews_by_review_date(review_index):
    old = make_review(review_index, "old", review_date=datetime.date(2024, 1, 1))
    new = make_review(review_index, "new", review_date=datetime.date(2025, 6, 1))
    draft = make_review(review_index, "draft", review_date=datetime.date(2026, 1, 1))
    draft.unpublish()
    assert list(TalkReviewPage.objects.newest_first()) == [new, old]
    assert list(TalkReviewPage.objects.newest_first()[:1]) == [new]


@pytest.mark.django_db
def test_index_lists_reviews_newest_first_and_answers_bad_page_numbers_with_a_404(client, review_index):
    for day in range(1, 15):
        make_review(review_index, f"review-{day}", title=f"Review {day}", review_date=datetime.date(2025, 1, day))
    html = parse(client.get(review_index.url))
    titles = [h.get_text(strip=True) for h in html.select("article.card h2")]
    assert titles[:3] == ["Review 14", "Review 13", "Review 12"] and len(titles) == 12
    assert html.find("time", datetime="2025-01-14") is not None
    older = html.find("a", rel="next")
    assert older["href"] == "?page=2"
    assert len(parse(client.get(review_index.url + "?page=2")).select("article.card")) == 2
    for bad in ("abc", "-1", "0", "3", "999999999999999999999", "1.5", ""):
        response = client.get(review_index.url, {"page": bad})
        assert response.status_code == 404, bad
        assert len(parse(response).find_all("h1")) == 1


@pytest.mark.django_db
def test_event_notes_index_answers_bad_page_numbers_with_a_404(client, notes_index, admin_user):
    call_command("import_event_notes", "tests/reviews/fixtures/conference.md", "--parent", "/notes/", "--publish")
    assert parse(client.get(notes_index.url)).find("h2").get_text(strip=True) == "Fixture Conf 2024"
    for bad in ("abc", "-1", "99999"):
        assert client.get(notes_index.url, {"page": bad}).status_code == 404


@pytest.mark.django_db
def test_review_page_shows_speakers_event_lists_and_body(client, review_index):
    speaker = Speaker.objects.create(
        name="Ada Example", links=[{"type": "link", "value": {"label": "Website", "url": "https://ada.example/"}}]
    )
    event = Event.objects.create(
        name="Demo Conf 2025", start_date=datetime.date(2025, 5, 1), location="Online", url="https://conf.example/"
    )
    page = make_review(
        review_index,
        event=event,
        talk_date=datetime.date(2025, 5, 1),
        watch_if=[{"type": "reason", "value": "you review code"}],
        takeaways=[{"type": "takeaway", "value": "Review the tests first."}],
        body=[{"type": "paragraph", "value": "<p>A clear, kind talk.</p>"}],
    )
    page.speakers = [speaker]
    page.save_revision().publish()
    html = parse(client.get(page.url))
    assert len(html.find_all("h1")) == 1
    facts = html.find("dl", class_="facts").get_text(" ", strip=True)
    assert "Ada Example" in facts and "Demo Conf 2025" in facts and "Online" in facts
    assert html.find("a", href="https://ada.example/") and html.find("a", href="https://conf.example/")
    assert [h.get_text() for h in html.select("main h2")] == [
        "You should watch this if",
        "Review",
        "What you’ll take away",
    ]
    assert "you review code" in html.get_text() and "Review the tests first." in html.get_text()
    assert html.find("meta", attrs={"name": "description"})["content"] == "Why to watch it."
    assert html.find("details") is None  # no transcript, no empty disclosure


@pytest.mark.django_db
def test_review_search_covers_body_takeaways_and_speaker(review_index):
    speaker = Speaker.objects.create(name="Grace Placeholder")
    page = make_review(
        review_index,
        body=[{"type": "paragraph", "value": "<p>Mentions zygomorphic parsers.</p>"}],
        takeaways=[{"type": "takeaway", "value": "Quokkas are resilient."}],
    )
    page.speakers = [speaker]
    page.save_revision().publish()
    for query in ("zygomorphic", "Quokkas"):
        assert page.pk in [p.pk for p in TalkReviewPage.objects.live().search(query)], query


@pytest.mark.django_db
def test_admin_edit_views_and_snippet_listings_load(admin_client, review):
    assert admin_client.get(reverse("wagtailadmin_pages:edit", args=[review.pk])).status_code == 200
    add_review = reverse("wagtailadmin_pages:add", args=["reviews", "talkreviewpage", review.get_parent().pk])
    assert admin_client.get(add_review).status_code == 200
    for model in ("speaker", "event"):
        assert admin_client.get(reverse(f"wagtailsnippets_reviews_{model}:list")).status_code == 200
        assert admin_client.get(reverse(f"wagtailsnippets_reviews_{model}:add")).status_code == 200
