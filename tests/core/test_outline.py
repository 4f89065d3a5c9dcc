"""One outline type for guides and event notes: unique ids, the layout's own ids never taken."""

import datetime

import pytest

from core.outline import AnchorSet
from tests import factories
from tests.conftest import parse
from tests.guides.factories import make_guide, make_index, question, section

pytestmark = pytest.mark.django_db


def all_ids(html):
    return [tag["id"] for tag in html.find_all(id=True)]


def test_a_question_titled_main_gets_an_id_no_other_element_has(client, home_page):
    guide = make_guide(make_index(), "Layout", [section("Sections", [question("Main")])])
    html = parse(client.get(guide.url))
    ids = all_ids(html)
    assert len(ids) == len(set(ids))
    assert html.find("h3")["id"] == "main-2"
    assert html.find("main")["id"] == "main"


def test_a_day_and_a_talk_titled_main_get_ids_no_other_element_has(client, home_page):
    talk = {"title": "Main", "review": None, "notes": []}
    notes = factories.event_notes(
        home_page,
        title="Layout conference",
        start_date=datetime.date(2025, 5, 1),
        body=[("day", {"title": "Main", "intro": [], "talks": [talk]})],
    )
    html = parse(client.get(notes.url))
    ids = all_ids(html)
    assert len(ids) == len(set(ids)), ids
    assert [h["id"] for h in html.select("h2[id], h3[id]")] == ["main-2", "main-3"]
    assert html.find("main")["id"] == "main"
    # The contents list links to the same ids the headings carry.
    assert [a["href"] for a in html.select("nav.toc a")] == ["#main-2", "#main-3"]


def test_anchors_are_unique_and_fall_back_when_a_title_has_no_letters():
    anchors = AnchorSet()
    made = [anchors.make(text, "talk") for text in ["Why?", "Why?", "???", "main"]]
    assert made == ["why", "why-2", "talk", "main-2"]


def test_long_headings_are_cut_at_a_word_boundary_and_stay_unique():
    anchors = AnchorSet()
    title = "HTML-ivating your Django web app's experience with HTMX, AlpineJS, and streaming HTML"
    assert anchors.make(title) == "html-ivating-your-django-web-apps-experience-with-htmx-alpinejs-and-streaming"
    assert anchors.make(title) == "html-ivating-your-django-web-apps-experience-with-htmx-alpinejs-and-streaming-2"
    assert anchors.make("x" * 90) == "x" * 80  # one word longer than the limit: nowhere else to cut
