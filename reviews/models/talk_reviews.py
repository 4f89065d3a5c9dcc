"""Videos to Watch: the index of talk reviews and the reviews themselves."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import PageManager
from wagtail.search import index

from core.blocks import AnswerBlock
from core.models import ContentPage, HubPageQuerySet, IndexPage
from core.outline import Heading
from reviews.blocks import TranscriptBlock
from reviews.video import video_embed

from .snippets import Event, Speaker


@dataclass(frozen=True)
class TranscriptRow:
    """One transcript paragraph as the page shows it: its time, words and a link to that moment."""

    seconds: int
    label: str
    text: str
    url: str | None


class TalkReviewQuerySet(HubPageQuerySet):
    def newest_first(self):
        """Published reviews a visitor may see, newest review first: the home page's 'latest reviews'.

        Listings show cards, never bodies: the StreamFields (a transcript can run to megabytes) stay
        in the database.
        """
        return self.live().public().defer_streamfields().order_by("-review_date", "-first_published_at", "-pk")


class TalkReviewIndexPage(IndexPage):
    """Videos to Watch: the list of talk reviews, newest first."""

    class Meta:
        verbose_name = "talk review index"

    subpage_types = ["reviews.TalkReviewPage"]
    index_help = "This page lists every review below it, newest review date first. Add reviews as its children."

    def get_listing(self):
        return TalkReviewPage.objects.child_of(self).newest_first().select_related("event")


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

    def outline(self):
        """The review's parts as a contents list, when a transcript makes the page long enough to need one.

        The anchors are the ids `talk_review_page.html` gives these parts.
        """
        if not self.transcript:
            return []
        parts = [
            ("You should watch this if", "watch-this-if", self.watch_if),
            ("Review", "review", self.body),
            ("What you’ll take away", "takeaways", self.takeaways),
            ("Transcript", "transcript", self.transcript),
        ]
        return [Heading(heading, anchor) for heading, anchor, content in parts if content]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["outline"] = self.outline()
        context["speakers"] = list(self.speakers.all())
        # Called by the template only when its cached fragment is missing (see the template).
        context["transcript_rows"] = self.transcript_segments
        return context
