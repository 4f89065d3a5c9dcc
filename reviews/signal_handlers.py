"""Keep event notes' dates in step with their event (the notes never ask for them twice)."""

from django.db.models.signals import post_save

from reviews.models import Event, EventNotesPage


def update_notes_dates(sender, instance, **kwargs):
    """An event's new dates reach the notes from it at once, so listings sort them right."""
    EventNotesPage.objects.filter(event=instance).update(start_date=instance.start_date, end_date=instance.end_date)


def register_signal_handlers():
    post_save.connect(update_notes_dates, sender=Event, dispatch_uid="reviews.event-dates-to-notes")
