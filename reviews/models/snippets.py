"""Speakers and events: snippets shared by talk reviews and event notes."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.search import index

from reviews.blocks import SpeakerLinkBlock


class Speaker(index.Indexed, models.Model):
    """Someone who gives talks; chosen on each review of their talks."""

    name = models.CharField(
        max_length=200,
        unique=True,
        help_text="The speaker's name as they write it.",
        error_messages={
            "unique": "This speaker is already here: in the chooser, search for the name on the Search tab and "
            "choose them (or find them under Talks → Speakers) instead of creating them again."
        },
    )
    links = StreamField(
        [("link", SpeakerLinkBlock())],
        blank=True,
        max_num=6,
        help_text="Where to find the speaker: website, social profiles (optional, up to six).",
    )

    panels = [FieldPanel("name"), FieldPanel("links")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Event(index.Indexed, models.Model):
    """A conference or meetup where talks were given; shared by reviews and event notes."""

    name = models.CharField(max_length=200, help_text="E.g. 'DjangoCon US 2023'. Include the year.")
    start_date = models.DateField(help_text="The first day of the event.")
    end_date = models.DateField(null=True, blank=True, help_text="The last day, if it ran over several days.")
    location = models.CharField(max_length=200, blank=True, help_text="City and country, or 'Online'.")
    url = models.URLField(verbose_name="website", blank=True, help_text="The event's own web address (optional).")

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading="Dates"),
        FieldPanel("location"),
        FieldPanel("url"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("location"),
        index.FilterField("start_date"),
    ]

    class Meta:
        ordering = ["-start_date", "name"]

    def __str__(self):
        # Names usually carry their year already ("DjangoCon US 2023"); add it only when they do not.
        year = f"{self.start_date:%Y}"
        return self.name if year in self.name else f"{self.name} ({year})"

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {
                    "end_date": f"The last day cannot be before the first ({self.start_date:%-d %B %Y}). "
                    "Check both dates, or leave the last day empty for a one-day event."
                }
            )

    def markdown(self, md):
        """The event as reviews and notes name it in their Markdown: its name (linked to its site) and place."""
        name = md.link(self.name, self.url) if self.url else md.escape_text(self.name)
        return f"{name}, {md.escape_text(self.location)}" if self.location else name
