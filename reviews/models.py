import datetime
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import PageManager
from wagtail.search import index

from home.anchors import AnchorSet
from home.blocks import AnswerBlock
from home.models import BasePage, ContentPage, HubPageQuerySet

from .blocks import EventNotesBodyBlock, NotesBlock, TranscriptBlock
from .video import video_embed

LISTING_PAGE_SIZE = 12


def paginate(request, queryset, per_page=LISTING_PAGE_SIZE):
    """One page of `queryset`; a bad or out-of-range `?page=` gives the first or last page, never an error."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


@dataclass(frozen=True)
class TranscriptRow:
    """One transcript paragraph as the page shows it: its time, words and a link to that moment."""

    seconds: int
    label: str
    text: str
    url: str | None


class SpeakerLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(help_text="E.g. 'Website', 'Mastodon', 'GitHub'.")
    url = blocks.URLBlock(help_text="The full address, starting with https://.")

    class Meta:
        icon = "link"


class Speaker(index.Indexed, models.Model):
    """Someone who gives talks; chosen on each review of their talks."""

    name = models.CharField(max_length=200, unique=True, help_text="The speaker's name as they write it.")
    links = StreamField(
        [("link", SpeakerLinkBlock())],
        blank=True,
        help_text="Where to find the speaker: website, social profiles (optional).",
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
    url = models.URLField(blank=True, help_text="The event's own website (optional).")

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
        return f"{self.name} ({self.start_date:%Y})"


class TalkReviewQuerySet(HubPageQuerySet):
    def newest_first(self):
        """Published reviews a visitor may see, newest review first: the home page's 'latest reviews'.

        Listings show cards, never bodies: the StreamFields (a transcript can run to megabytes) stay
        in the database.
        """
        return self.live().public().defer_streamfields().order_by("-review_date", "-first_published_at", "-pk")


class TalkReviewIndexPage(BasePage):
    """Videos to Watch: the list of talk reviews, newest first."""

    class Meta:
        verbose_name = "talk review index"

    intro = models.TextField(
        blank=True, help_text="A sentence or two above the list, e.g. why these talks are worth your time."
    )

    # The site has one "Videos to Watch" section; reviews all live under it.
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["reviews.TalkReviewPage"]

    content_panels = [
        HelpPanel(
            content="<p>This page lists every review below it, newest review date first. "
            "Add reviews as its children.</p>",
            heading="How this page works",
        ),
        *BasePage.content_panels,
        FieldPanel("intro"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        reviews = TalkReviewPage.objects.child_of(self).newest_first().select_related("event")
        context["reviews"] = paginate(request, reviews)
        return context


class TalkReviewPage(ContentPage):
    """A review of one talk or podcast episode: why to watch it and what you will take away."""

    class Meta:
        verbose_name = "talk review"

    date_field = "review_date"
    in_feeds = True
    json_ld_type = "Article"
    route_select_related = ("event",)

    talk_title = models.CharField(max_length=255, help_text="The talk's own title, as the event lists it.")
    speakers = ParentalManyToManyField(Speaker, blank=True, help_text="Who gave the talk.")
    event = models.ForeignKey(
        Event,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
        help_text="Where the talk was given (leave empty for a podcast or a stand-alone video).",
    )
    talk_date = models.DateField(null=True, blank=True, help_text="The day the talk was given or published.")
    review_date = models.DateField(
        default=datetime.date.today, db_index=True, help_text="The day you wrote this review; listings sort by it."
    )
    video_url = models.URLField(
        help_text="The recording: a YouTube or Vimeo address gets a privacy-friendly player, "
        "anything else (podcasts, other sites) a plain link."
    )
    watch_if = StreamField(
        [("reason", blocks.CharBlock(help_text="E.g. 'you are writing your first Django tests'."))],
        blank=True,
        verbose_name="You should watch this if",
        help_text="Who gets the most from the talk: one reason per item.",
    )
    body = StreamField(AnswerBlock(), blank=True, help_text="Your review: what the talk covers and what you thought.")
    takeaways = StreamField(
        [("takeaway", blocks.CharBlock(help_text="One thing to remember, in a sentence."))],
        blank=True,
        help_text="What a viewer takes away: one per item.",
    )
    transcript = StreamField(
        TranscriptBlock(),
        blank=True,
        help_text="Optional. Import it with `manage.py import_transcript FILE --page PAGE` rather than by hand.",
    )

    objects = PageManager.from_queryset(TalkReviewQuerySet)()

    parent_page_types = ["reviews.TalkReviewIndexPage"]
    subpage_types = []

    content_panels = [
        HelpPanel(
            content="<p>Say who the talk is for and what they will take away. The one-line summary "
            "(Promote tab) appears in listings. Paste the video's address as it is: YouTube and Vimeo get "
            "a player that loads only when a reader presses Play.</p>",
            heading="How to write a review",
        ),
        *ContentPage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("talk_title"),
                FieldPanel("speakers"),
                FieldPanel("event"),
                FieldRowPanel([FieldPanel("talk_date"), FieldPanel("review_date")]),
                FieldPanel("video_url"),
            ],
            heading="The talk",
        ),
        FieldPanel("watch_if"),
        FieldPanel("body"),
        FieldPanel("takeaways"),
        FieldPanel("transcript"),
        ContentPage.topic_panel,
    ]
    search_fields = ContentPage.search_fields + [
        index.SearchField("talk_title", boost=2),
        index.SearchField("watch_if"),
        index.SearchField("body"),
        index.SearchField("takeaways"),
        index.SearchField("transcript"),
        index.RelatedFields("speakers", [index.SearchField("name")]),
        index.RelatedFields("event", [index.SearchField("name")]),
        index.FilterField("review_date"),
    ]

    @cached_property
    def video(self):
        return video_embed(self.video_url)

    def transcript_segments(self):
        """The transcript as (seconds, label, text, link) rows; one pass, no queries."""
        video = self.video
        return [
            TranscriptRow(seconds=v.seconds, label=v.label, text=v["text"], url=video.url_at(v.seconds))
            for v in (segment.value for segment in self.transcript)
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["speakers"] = list(self.speakers.all())
        # Called by the template only when its cached fragment is missing (see the template).
        context["transcript_rows"] = self.transcript_segments
        return context


@dataclass
class OutlineEntry:
    """A day or a talk in an event's table of contents, with its anchor."""

    title: str
    anchor: str
    value: object
    children: list = field(default_factory=list)


class EventNotesIndexPage(BasePage):
    """Event notes: notes from conferences, one page per event."""

    class Meta:
        verbose_name = "event notes index"

    intro = models.TextField(blank=True, help_text="A sentence or two above the list of events.")

    # One section of event notes per site, so listings and menus have one place to point at.
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["reviews.EventNotesPage"]

    content_panels = [
        HelpPanel(
            content="<p>Lists the event notes below it, most recent event first. Import a Hugo-style "
            "markdown file with <code>manage.py import_event_notes FILE --parent /notes/</code>.</p>",
            heading="How this page works",
        ),
        *BasePage.content_panels,
        FieldPanel("intro"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        notes = EventNotesPage.objects.child_of(self).live().public().order_by("-start_date", "-pk")
        context["notes"] = paginate(request, notes)
        return context


class EventNotesPage(ContentPage):
    """Notes from one event, day by day and talk by talk."""

    class Meta:
        verbose_name = "event notes"
        verbose_name_plural = "event notes"

    date_field = "start_date"
    in_feeds = True
    route_select_related = ("event",)

    event = models.ForeignKey(
        Event,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notes",
        help_text="The event these notes are from (optional; its name and place are shown).",
    )
    start_date = models.DateField(db_index=True, help_text="The first day of the event; listings sort by it.")
    end_date = models.DateField(null=True, blank=True, help_text="The last day, if it ran over several days.")
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
            content="<p>Add a day, then its talks in order; each talk holds its notes. Day and talk titles "
            "become the headings and the table of contents, so keep them as the programme has them. Link a "
            "talk to its review when there is one.</p>",
            heading="How event notes work",
        ),
        *ContentPage.content_panels,
        MultiFieldPanel(
            [FieldPanel("event"), FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")])],
            heading="The event",
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

    def outline(self):
        """Days and their talks with stable anchors, derived from the body on every render."""
        anchors = AnchorSet()
        days = []
        for day in self.body:
            entry = OutlineEntry(day.value["title"], anchors.make(day.value["title"], "day"), day.value)
            for talk in day.value["talks"]:
                entry.children.append(OutlineEntry(talk["title"], anchors.make(talk["title"], "talk"), talk))
            days.append(entry)
        return days

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["outline"] = self.outline()
        return context
