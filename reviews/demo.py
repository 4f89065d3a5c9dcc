"""Demo talk reviews and event notes, from the hub's real reviews and notes (texts in demo_reviews.py).

The notes are a markdown file (demo_content/) imported through the same importer editors use, with its
summary and topics from the front matter.
"""

from pathlib import Path

from core.demo import ensure_child
from topics.demo import topic
from topics.importing import resolve_topics

from .demo_reviews import EVENTS, REVIEWS, SPEAKERS
from .importers.markdown_notes import load_event_notes
from .models import Event, EventNotesIndexPage, EventNotesPage, Speaker, TalkReviewIndexPage, TalkReviewPage

NOTES_FILE = Path(__file__).resolve().parent / "demo_content" / "djangocon-us-2023.md"
NOTES_EVENT = "djangocon-us-2023"


def set_speakers(review, speakers):
    """Give a review its speakers, in order: the one place demo code decides how speakers are stored."""
    review.speakers = speakers


def build(home):
    events = {key: Event.objects.get_or_create(name=data["name"], defaults=data)[0] for key, data in EVENTS.items()}
    speakers = {name: Speaker.objects.get_or_create(name=name)[0] for name in SPEAKERS}

    videos, _ = ensure_child(
        home,
        TalkReviewIndexPage,
        "videos",
        title="Videos to Watch",
        intro="Reviews of conference talks and episodes worth your time: who should watch them and what "
        "you will take away.",
        summary="Reviews of conference talks and podcast episodes worth watching.",
        show_in_menus=True,
    )
    for review in REVIEWS:
        people = [speakers[name] for name in review["speakers"]]
        ensure_child(
            videos,
            TalkReviewPage,
            review["slug"],
            setup=lambda page, people=people: set_speakers(page, people),
            title=review["title"],
            kind=review.get("kind", TalkReviewPage.TALK),
            talk_title=review["talk_title"],
            podcast=review.get("podcast", ""),
            event=events.get(review.get("event")),
            talk_date=review.get("talk_date"),
            review_date=review["review_date"],
            details_url=review.get("details_url", ""),
            summary=review["summary"],
            watch_if=[{"type": "reason", "value": reason} for reason in review["watch_if"]],
            body=review["body"],
            takeaways=[{"type": "takeaway", "value": takeaway} for takeaway in review["takeaways"]],
            topics=[topic(slug) for slug in review["topics"]],
        )

    notes_index, _ = ensure_child(
        home,
        EventNotesIndexPage,
        "notes",
        title="Event notes",
        intro="What we heard at conferences, day by day and talk by talk.",
        summary="Notes from conferences, day by day and talk by talk.",
        show_in_menus=True,
    )
    notes = load_event_notes(NOTES_FILE)
    ensure_child(
        notes_index,
        EventNotesPage,
        "djangocon-us-2023",
        title=notes.title,
        event=events[NOTES_EVENT],
        start_date=notes.start_date,
        end_date=notes.end_date,
        summary=notes.summary,
        intro=notes.intro,
        body=notes.body,
        topics=resolve_topics(notes.topic_names, NOTES_FILE),
    )
