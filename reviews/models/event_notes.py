"""Event notes: the index of events and the notes of each, day by day and talk by talk."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import SimpleLazyObject
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from core.models import ContentPage, IndexPage
from core.outline import Outline
from core.passages import PART, TALK, Passage
from core.text import stream_text
from reviews.api_fields import EventField
from reviews.blocks import EventNotesBodyBlock, NotesBlock

from .snippets import Event


class EventNotesIndexPage(IndexPage):
    """Event notes: notes from conferences, one page per event."""

    class Meta:
        verbose_name = "event notes index"

    subpage_types = ["reviews.EventNotesPage"]
    index_help = (
        "Lists the event notes below it, most recent event first. Add notes as its child pages; "
        "a developer can also import notes written as a Markdown file (docs/importing.md)."
    )
    llms_txt_section = 3

    def get_listing(self):
        return EventNotesPage.objects.child_of(self).live().public().order_by("-start_date", "-pk")


class EventNotesPage(ContentPage):
    """Notes from one event, day by day and talk by talk."""

    class Meta:
        verbose_name = "event notes"
        verbose_name_plural = "event notes"

    date_field = "start_date"
    related_link_fields = ("body",)
    in_feeds = True
    json_ld_type = "Article"
    route_select_related = (*ContentPage.route_select_related, "event")

    event = models.ForeignKey(
        Event,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notes",
        help_text="The event these notes are from: search the events, or create one in the chooser. "
        "Its name, place and dates are shown.",
    )
    # Kept as columns (listings sort by them, importers set them) but, when an event is chosen,
    # always taken from it: the editor never types the dates twice.
    start_date = models.DateField(
        db_index=True,
        blank=True,
        help_text="Only for notes without an event above: the first day. With an event, its dates are used.",
    )
    end_date = models.DateField(
        null=True,
        blank=True,
        help_text="Only for notes without an event above: the last day, if it ran over several days.",
    )
    intro = StreamField(NotesBlock(), blank=True, help_text="Anything to say before the first day (optional).")
    body = StreamField(
        EventNotesBodyBlock(),
        blank=True,
        help_text="Days, each holding its talks and their notes. The table of contents is built from them.",
    )

    parent_page_types = ["reviews.EventNotesIndexPage"]
    subpage_types = []

    content_panels = [
        HelpPanel(
            content="<p>Choose the event (or create it in the chooser): its name, place and dates are shown "
            "with the notes, so you never type the dates here. Add a day, then its talks in order; each talk "
            "holds its notes. Day and talk titles become the headings and the table of contents, so keep them "
            "as the programme has them. Link a talk to its review when there is one.</p>",
            heading="How event notes work",
        ),
        *ContentPage.content_panels,
        FieldPanel("event"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")])],
            heading="Dates, only for notes without an event",
            classname="collapsed",
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
        ContentPage.topic_panel,
    ]
    search_fields = ContentPage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("event", [index.SearchField("name")]),
        index.FilterField("start_date"),
    ]
    api_fields = [
        *ContentPage.api_fields,
        APIField("event", serializer=EventField()),
        APIField("start_date"),
        APIField("end_date"),
        APIField("intro"),
        APIField("body"),
    ]
    search_filter_label = "Event notes"
    search_filter_order = 3

    def clean(self):
        super().clean()
        if self.event_id:
            self.start_date, self.end_date = self.event.start_date, self.event.end_date
        elif self.start_date is None:
            raise ValidationError(
                {
                    "event": "Choose the event these notes are from (or create it in the chooser), "
                    "or give its first day under 'Dates'."
                }
            )

    def outline(self):
        """Days and their talks with stable anchors, derived from the body on every render."""
        return Outline(day.value for day in self.body)

    def search_passages(self):
        """Each day (with its intro) and each talk (with its notes), for search results."""
        passages = []
        for day in self.outline():
            passages.append(Passage(day.anchor, day.heading, stream_text(day.get("intro")), PART))
            passages.extend(
                Passage(talk.anchor, talk.heading, stream_text(talk.get("notes")), TALK, context=day.heading)
                for talk in day.entries
            )
        return passages

    def json_ld_details(self, request, item):
        """Notes are an Article about the event: its name, dates and place."""
        name = self.event.name if self.event else self.title
        event = {"@type": "Event", "name": name, "startDate": self.start_date.isoformat()}
        if self.end_date:
            event["endDate"] = self.end_date.isoformat()
        if self.event and self.event.location:
            event["location"] = {"@type": "Place", "name": self.event.location}
        return {"about": event}

    def markdown_parts(self, md, request):
        """The event and dates, the intro, then each day and its talks with their anchors, as on the page."""
        event = self.event
        meta = {
            "event": event.name if event else None,
            "date": self.start_date.isoformat() if self.start_date else None,
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "topics": md.topic_titles(self),
        }
        dates = self.start_date.isoformat() + (f" – {self.end_date.isoformat()}" if self.end_date else "")
        out = [f"{event.markdown(md)} · {dates}" if event else dates, *md.stream_markdown(self.intro)]
        for day in self.outline():
            out.append(md.heading(2, day.heading, day.anchor))
            out.extend(md.stream_markdown(day.get("intro")))
            for talk in day.entries:
                out.append(md.heading(3, talk.heading, talk.anchor))
                review = talk.get("review")
                if review is not None and review.live:
                    out.append(md.link("Read the review of this talk", review.get_url(request)))
                out.extend(md.stream_markdown(talk.get("notes")))
        return meta, out

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the page's cached fragment is missing (see the template).
        context["outline"] = SimpleLazyObject(self.outline)
        return context
