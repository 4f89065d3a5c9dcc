"""Rendering cost must not grow with content: a fixed number of queries at any size."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.blocks import seconds_to_timestamp
from reviews.models import Event, EventNotesPage, Speaker
from tests.reviews.conftest import make_review

BUDGET = 10


def queries_to_render(client, url):
    client.get(url)  # warm per-process caches (site root paths) like any running site
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def transcript(size):
    return [
        {"type": "segment", "value": {"start": seconds_to_timestamp(i * 7), "text": f"Paragraph {i} of the talk."}}
        for i in range(size)
    ]


@pytest.mark.django_db
def test_review_with_a_1000_segment_transcript_renders_in_a_fixed_number_of_queries(client, review_index):
    event = Event.objects.create(name="Conf", start_date=datetime.date(2024, 1, 1))
    speakers = [Speaker.objects.create(name=f"Speaker {i}") for i in range(3)]
    small = make_review(review_index, "small", transcript=transcript(10), event=event)
    large = make_review(review_index, "large", transcript=transcript(1000), event=event)
    for page in (small, large):
        page.speakers = speakers
        page.save_revision().publish()
    small_count, large_count = queries_to_render(client, small.url), queries_to_render(client, large.url)
    assert small_count == large_count <= BUDGET
    assert client.get(large.url).content.count(b'<time datetime="PT') == 1000


def notes_body(talks, review):
    per_day = max(1, talks // 2)
    days = []
    for d in range(2):
        days.append(
            {
                "type": "day",
                "value": {
                    "title": f"Day {d + 1}",
                    "intro": [],
                    "talks": [
                        {
                            "title": f"Talk {d}-{t}",
                            "review": review.pk,
                            "notes": [
                                {
                                    "type": "paragraph",
                                    "value": f'<ul><li>Point <a href="https://x.example/{t}">x</a></li></ul>',
                                },
                                {"type": "code", "value": {"language": "python", "code": "print('hi')"}},
                            ],
                        }
                        for t in range(per_day)
                    ],
                },
            }
        )
    return days


@pytest.mark.django_db
def test_event_notes_with_40_talks_render_in_a_fixed_number_of_queries(client, notes_index, review_index):
    review = make_review(review_index)
    pages = []
    for talks in (2, 40):
        page = EventNotesPage(
            title=f"Conf with {talks} talks",
            start_date=datetime.date(2024, 1, 1),
            event=Event.objects.create(name=f"Conf {talks}", start_date=datetime.date(2024, 1, 1)),
            body=notes_body(talks, review),
        )
        notes_index.add_child(instance=page)
        page.save_revision().publish()
        pages.append(page)
    small_count, large_count = (queries_to_render(client, page.url) for page in pages)
    assert small_count == large_count <= BUDGET
    html = client.get(pages[1].url).content.decode()
    assert html.count("<h3 id=") == 40 and html.count("Read the review of this talk") == 40


@pytest.mark.django_db
def test_index_pages_render_in_a_fixed_number_of_queries(client, review_index):
    make_review(review_index, "one")
    few = queries_to_render(client, review_index.url)
    for i in range(11):
        make_review(review_index, f"more-{i}")
    assert queries_to_render(client, review_index.url) == few <= BUDGET


@pytest.mark.django_db
def test_a_transcript_is_rendered_once_per_published_version(client, review_index, monkeypatch):
    from reviews.models import TalkReviewPage

    page = make_review(review_index, "cached", transcript=transcript(50))
    built = []
    original = TalkReviewPage.transcript_segments
    monkeypatch.setattr(TalkReviewPage, "transcript_segments", lambda self: built.append(1) or original(self))
    first, second = client.get(page.url), client.get(page.url)
    assert built == [1]  # the second view used the cached fragment
    assert b"Paragraph 49 of the talk." in first.content and second.content == first.content

    page.transcript = transcript(2)
    page.save_revision().publish()
    fresh = client.get(page.url)
    assert built == [1, 1]
    assert b"Paragraph 1 of the talk." in fresh.content and b"Paragraph 49" not in fresh.content
