"""The demo's reviews and event notes: real talks with no invented video, and notes imported from markdown."""

import pytest

from reviews.models import EventNotesPage, TalkReviewIndexPage, TalkReviewPage
from tests.conftest import parse


@pytest.mark.django_db
def test_demo_content_builds_reviews_and_notes_that_render(client, demo_site):
    videos = TalkReviewIndexPage.objects.get()
    assert videos.slug == "videos" and videos.show_in_menus
    reviews = list(TalkReviewPage.objects.newest_first())
    assert [r.kind for r in reviews] == ["talk"] * 5 + ["episode"]
    assert all(review.speakers for review in reviews)
    assert not any(review.video_url for review in reviews)  # no recording is known: no invented video id
    for page in [videos, *reviews]:
        html = parse(client.get(page.url))
        assert html.find(class_="video-facade") is None and html.find("iframe") is None

    notes = EventNotesPage.objects.get()
    assert notes.get_parent().slug == "notes" and notes.event.name == "DjangoCon US 2023"
    # Imported through the importer: summary and topics come from the markdown file's front matter.
    assert notes.summary.startswith("Notes from three days of talks in Durham")
    assert {t.title for t in notes.topics.all()} == {
        "Django",
        "Databases",
        "Deployment",
        "Testing",
        "Accessibility",
        "Community",
    }
    html = parse(client.get(notes.url))
    assert [h.get_text(" ", strip=True).removesuffix(" #") for h in html.select("main .notes-day > h2")] == [
        "Day 1",
        "Day 2",
        "Day 3",
    ]
    assert len(html.select("main .notes-talk > h3")) == 29
    assert html.select_one("div.rich-code pre").find_parent("li") is not None  # code kept inside its list item
    # Each scrollable table region has a name of its own (axe: landmark-unique), taken from its columns.
    assert [wrap["aria-label"] for wrap in html.select(".table-wrap")] == [
        "Table: Compared, Wagtail, django CMS",
        "Table: Tool, Languages, Browsers",
    ]
    assert client.get(notes.get_parent().url).status_code == 200


@pytest.mark.django_db
def test_a_demo_review_is_found_by_a_speaker_named_nowhere_in_its_text(demo_site):
    # The search index is written once the review's speakers are saved, not before (Michael Kennedy
    # hosts the episode and appears only as its speaker).
    found = TalkReviewPage.objects.live().search("Michael Kennedy")
    assert [review.title for review in found] == ["Djangonauts on Talk Python To Me"]


@pytest.mark.django_db
def test_the_demo_notes_keep_the_four_recording_links_of_their_source(client, demo_site):
    """Issue 30: the DjangoCon source file links four recordings; the notes built from it link them too."""
    recordings = {
        "https://www.youtube.com/watch?v=1BFjg9XtptM&ab_channel=DjangoConUS": "Contributing to Django",
        "https://www.youtube.com/watch?v=GLkRK2rJGB0&ab_channel=DjangoConUS": "Contributing to Django",
        "https://www.youtube.com/watch?v=5ErDx3oi1lI&ab_channel=DjangoConUS": "Hosting and DevOps for Django",
        "https://www.youtube.com/watch?v=ka5KRLUn47s&ab_channel=PyTexas": "Keynote: Testing Modern Web Apps",
    }
    html = parse(client.get(EventNotesPage.objects.get().url))
    found = {a["href"]: a for a in html.select("main a[href*='youtube.com/watch']")}
    assert set(found) == set(recordings)
    for href, talk in recordings.items():
        # Each inside the notes of the talk it belongs to (the nearest talk heading above it).
        assert found[href].find_previous("h3").get_text(" ", strip=True).startswith(talk), href
        assert found[href].get_text(strip=True)  # a link text of its own, not a bare address
