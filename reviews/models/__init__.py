"""Talk reviews (Videos to Watch), event notes, and the speakers and events they share."""

from .event_notes import EventNotesIndexPage, EventNotesPage
from .snippets import Event, Speaker
from .talk_reviews import TalkReviewIndexPage, TalkReviewPage, TalkReviewQuerySet, TalkReviewSpeaker, TranscriptRow

__all__ = [
    "Event",
    "EventNotesIndexPage",
    "EventNotesPage",
    "Speaker",
    "TalkReviewIndexPage",
    "TalkReviewPage",
    "TalkReviewQuerySet",
    "TalkReviewSpeaker",
    "TranscriptRow",
]
