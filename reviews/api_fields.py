"""How the read-only API (`api/`) serves a review's speakers and the event of a review or of notes."""

from rest_framework import serializers


class SpeakersField(serializers.Field):
    """A review's speakers, in the order the review gives them."""

    def to_representation(self, value):
        return [{"name": speaker.name} for speaker in value]


class EventField(serializers.Field):
    """The event a talk was given at or notes are from: its name, dates, place and website."""

    def to_representation(self, event):
        return {
            "name": event.name,
            "start_date": event.start_date.isoformat(),
            "end_date": event.end_date.isoformat() if event.end_date else None,
            "location": event.location,
            "url": event.url,
        }
