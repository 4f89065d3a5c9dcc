"""Editors and Moderators add and edit speakers and events, and choose them (or create them) while writing."""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.admin.panels import MultipleChooserPanel
from wagtail.snippets.widgets import AdminSnippetChooser

from operations.moderation import EDITORS, MODERATORS, ensure_editorial_groups
from reviews.models import Event, EventNotesPage, Speaker, TalkReviewPage
from tests import factories

pytestmark = pytest.mark.django_db

SPEAKER_CHOOSER = "wagtailsnippetchoosers_reviews_speaker"
EVENT_CHOOSER = "wagtailsnippetchoosers_reviews_event"


@pytest.fixture(params=["editor", "moderator"])
def member(request):
    return request.getfixturevalue(request.param)


def test_each_role_adds_and_edits_speakers_and_events_in_snippets(client, member):
    client.force_login(member)
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Talks" in menu

    response = client.post(reverse("wagtailsnippets_reviews_speaker:add"), {"name": "Ada Example", "links-count": "0"})
    assert response.status_code == 302, response.content.decode()[:2000]
    speaker = Speaker.objects.get(name="Ada Example")
    response = client.post(
        reverse("wagtailsnippets_reviews_speaker:edit", args=[speaker.pk]),
        {"name": "Ada B. Example", "links-count": "0"},
    )
    assert response.status_code == 302
    speaker.refresh_from_db()
    assert speaker.name == "Ada B. Example"

    event_data = {
        "name": "PyCon Audit 2026",
        "start_date": "2026-05-14",
        "end_date": "2026-05-16",
        "location": "Online",
    }
    assert client.post(reverse("wagtailsnippets_reviews_event:add"), event_data).status_code == 302
    event = Event.objects.get(name="PyCon Audit 2026")
    event_data["location"] = "Lyon, France"
    assert client.post(reverse("wagtailsnippets_reviews_event:edit", args=[event.pk]), event_data).status_code == 302
    event.refresh_from_db()
    assert event.location == "Lyon, France"


def test_the_choosers_search_and_offer_a_create_form(client, member):
    Speaker.objects.create(name="Grace Example")
    Speaker.objects.create(name="Linus Placeholder")
    client.force_login(member)
    modal = client.get(reverse(f"{SPEAKER_CHOOSER}:choose")).json()
    assert "Create speaker" in modal["html"] and 'name="name"' in modal["html"]
    found = client.get(reverse(f"{SPEAKER_CHOOSER}:choose_results"), {"q": "grace"}).content.decode()
    assert "Grace Example" in found and "Linus Placeholder" not in found

    created = client.post(reverse(f"{SPEAKER_CHOOSER}:create"), {"name": "New Speaker"}).json()
    assert created["step"] == "chosen" and created["result"]["string"] == "New Speaker"
    assert Speaker.objects.filter(name="New Speaker").exists()

    event_modal = client.get(reverse(f"{EVENT_CHOOSER}:choose")).json()
    assert "Create event" in event_modal["html"] and 'name="start_date"' in event_modal["html"]
    created = client.post(
        reverse(f"{EVENT_CHOOSER}:create"), {"name": "DjangoCon Example 2027", "start_date": "2027-09-01"}
    ).json()
    assert created["step"] == "chosen" and Event.objects.filter(name="DjangoCon Example 2027").exists()


def test_the_permissions_setup_is_idempotent_and_grants_no_deletion(db):
    ensure_editorial_groups(apps)
    ensure_editorial_groups(apps)
    for name in (EDITORS, MODERATORS):
        codenames = set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
        assert {"add_speaker", "change_speaker", "add_event", "change_event"} <= codenames
        assert not {"delete_speaker", "delete_event"} & codenames
        assert Group.objects.filter(name=name).count() == 1


def panels(panel):
    yield panel
    for child in getattr(panel, "children", []):
        yield from panels(child)


def test_a_reviews_speakers_are_chosen_in_order_with_a_searchable_chooser():
    [panel] = [p for p in panels(TalkReviewPage.get_edit_handler()) if isinstance(p, MultipleChooserPanel)]
    assert panel.relation_name == "speaker_links" and panel.chooser_field_name == "speaker"
    form_class = TalkReviewPage.get_edit_handler().get_form_class()
    speaker_form = form_class.formsets["speaker_links"].form
    assert isinstance(speaker_form.base_fields["speaker"].widget, AdminSnippetChooser)
    assert isinstance(form_class.base_fields["event"].widget, AdminSnippetChooser)


def test_code_sets_a_reviews_speakers_by_assigning_a_list(home_page):
    first, second = Speaker.objects.create(name="Zoe Second"), Speaker.objects.create(name="Adam First")
    review = factories.review(home_page, title="Two speakers", speakers=[first, second])
    review.refresh_from_db()
    # The editor's order, not the alphabet's.
    assert [speaker.name for speaker in review.speakers] == ["Zoe Second", "Adam First"]
    review.speakers = [second]
    review.save_revision().publish()
    assert [speaker.name for speaker in TalkReviewPage.objects.get(pk=review.pk).speakers] == ["Adam First"]


def test_an_event_shows_its_year_once():
    assert str(Event(name="PyCon Audit 2026", start_date=datetime.date(2026, 5, 1))) == "PyCon Audit 2026"
    assert str(Event(name="Django meetup", start_date=datetime.date(2026, 5, 1))) == "Django meetup (2026)"


def test_event_notes_take_their_dates_from_the_chosen_event(client, editor, home_page):
    event = Event.objects.create(
        name="Conf 2026", start_date=datetime.date(2026, 6, 1), end_date=datetime.date(2026, 6, 3)
    )
    notes = factories.event_notes(home_page, title="Conf notes", start_date=None, event=event)
    assert (notes.start_date, notes.end_date) == (event.start_date, event.end_date)

    # The editor never types them: the form does not require them when an event is chosen.
    form_class = EventNotesPage.get_edit_handler().get_form_class()
    assert not form_class.base_fields["start_date"].required

    # When the event moves, its notes move with it (listings sort by these dates).
    event.start_date, event.end_date = datetime.date(2026, 7, 1), datetime.date(2026, 7, 2)
    event.save()
    notes.refresh_from_db()
    assert (notes.start_date, notes.end_date) == (event.start_date, event.end_date)


def test_event_notes_without_an_event_ask_for_the_first_day(home_page):
    from django.core.exceptions import ValidationError

    index = factories.notes_index(home_page)
    with pytest.raises(ValidationError) as caught:
        index.add_child(instance=EventNotesPage(title="No date", slug="no-date"))
    assert "Choose the event these notes are from" in str(caught.value)
    notes = factories.event_notes(home_page, title="Dated", start_date=datetime.date(2024, 2, 2))
    assert notes.start_date == datetime.date(2024, 2, 2) and notes.event is None


END_BEFORE_START = "The last day cannot be before the first"


def test_an_events_last_day_cannot_come_before_its_first_in_the_form_or_the_chooser(client, member):
    client.force_login(member)
    backwards = {"name": "Backwards Conf 2026", "start_date": "2026-05-16", "end_date": "2026-05-14"}
    response = client.post(reverse("wagtailsnippets_reviews_event:add"), backwards)
    assert response.status_code == 200
    assert END_BEFORE_START in " ".join(response.context["form"].errors["end_date"])

    modal = client.post(reverse(f"{EVENT_CHOOSER}:create"), backwards).json()
    assert modal["step"] != "chosen" and END_BEFORE_START in str(modal)
    assert not Event.objects.filter(name="Backwards Conf 2026").exists()

    backwards["end_date"] = "2026-05-16"  # a one-day event may give the same day twice
    assert client.post(reverse("wagtailsnippets_reviews_event:add"), backwards).status_code == 302


def test_a_duplicate_speaker_points_to_the_choosers_search_tab(client, member):
    Speaker.objects.create(name="Grace Example")
    client.force_login(member)
    modal = client.post(reverse(f"{SPEAKER_CHOOSER}:create"), {"name": "Grace Example"}).json()
    assert modal["step"] != "chosen"
    assert "search for the name on the Search tab and choose them" in str(modal)
    assert Speaker.objects.filter(name="Grace Example").count() == 1
