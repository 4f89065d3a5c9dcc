"""Videos to Watch: the index of talk reviews and the reviews themselves."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
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
from reviews.audio import audio_origin_allowed, audio_origin_refused_message
from reviews.blocks import TranscriptBlock
from reviews.video import video_embed

from .snippets import Event, Speaker


@dataclass(frozen=True)
class TranscriptCue:
    """One timed line of a transcript as the page shows it: its moment, words and a link to that moment."""

    seconds: int
    label: str
    text: str
    url: str | None


@dataclass(frozen=True)
class TranscriptRow:
    """One transcript paragraph: its timed lines, the first of which is when the paragraph starts."""

    cues: list

    @property
    def start(self):
        return self.cues[0]


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
    """A review of one talk or podcast episode: why to watch or listen, and what you will take away."""

    TALK, EPISODE = "talk", "episode"

    class Meta:
        verbose_name = "talk review"

    date_field = "review_date"
    in_feeds = True
    json_ld_type = "Article"
    route_select_related = ("event",)

    kind = models.CharField(
        "what it reviews",
        max_length=10,
        choices=[(TALK, "A talk"), (EPISODE, "A podcast episode")],
        default=TALK,
        help_text="A talk (given at an event, often with a video) or a podcast episode (with its audio).",
    )
    talk_title = models.CharField(
        "title of the talk or episode",
        max_length=255,
        help_text="Its own title, as the event or the podcast lists it.",
    )
    podcast = models.CharField(
        max_length=200, blank=True, help_text="For an episode: the podcast's name, e.g. 'Talk Python To Me'."
    )
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
        blank=True,
        help_text="The recording, if there is one: a YouTube or Vimeo address gets a privacy-friendly player, "
        "anything else a plain link. Leave empty when there is no video.",
    )
    audio_url = models.URLField(
        blank=True,
        help_text="For an episode: the audio file (MP3, M4A, OGG). Readers get a player that loads nothing until "
        "they press Play, and the transcript's times jump to their moment in it.",
    )
    details_url = models.URLField(
        "talk or episode page",
        blank=True,
        help_text="The talk's page on the event's site, or the episode's page on the podcast's site (optional).",
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
        help_text="Optional. Import it with `manage.py import_transcript FILE --page PAGE` rather than by hand; "
        "a line that starts with HH:MM:SS marks a later moment within a paragraph.",
    )

    objects = PageManager.from_queryset(TalkReviewQuerySet)()

    parent_page_types = ["reviews.TalkReviewIndexPage"]
    subpage_types = []

    content_panels = [
        HelpPanel(
            content="<p>Say who the talk or episode is for and what they will take away. The one-line summary "
            "(Promote tab) appears in listings. Paste the video's address as it is: YouTube and Vimeo get "
            "a player that loads only when a reader presses Play. For a podcast episode give its audio file "
            "and/or its page.</p>",
            heading="How to write a review",
        ),
        *ContentPage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("talk_title"),
                FieldPanel("speakers"),
                FieldRowPanel([FieldPanel("event"), FieldPanel("podcast")]),
                FieldRowPanel([FieldPanel("talk_date"), FieldPanel("review_date")]),
                FieldPanel("video_url"),
                FieldPanel("audio_url"),
                FieldPanel("details_url"),
            ],
            heading="The talk or episode",
        ),
        FieldPanel("watch_if"),
        FieldPanel("body"),
        FieldPanel("takeaways"),
        FieldPanel("transcript"),
        ContentPage.topic_panel,
    ]
    search_fields = ContentPage.search_fields + [
        index.SearchField("talk_title", boost=2),
        index.SearchField("podcast"),
        index.SearchField("watch_if"),
        index.SearchField("body"),
        index.SearchField("takeaways"),
        index.SearchField("transcript"),
        index.RelatedFields("speakers", [index.SearchField("name")]),
        index.RelatedFields("event", [index.SearchField("name")]),
        index.FilterField("review_date"),
    ]

    @property
    def is_episode(self):
        return self.kind == self.EPISODE

    @cached_property
    def video(self):
        return video_embed(self.video_url)

    @property
    def seeks_audio(self):
        """Whether the transcript's times belong to the audio player (a video's own times win)."""
        return bool(self.audio_url) and not self.video.provider

    @property
    def shows_player(self):
        """Whether the page shows a player or a transcript, which static/css/player.css styles."""
        return bool(self.audio_url or self.transcript)

    def moment_url(self, seconds):
        """A link to this moment of the recording: the video's, else the audio file's (`#t=`), else None."""
        return self.video.url_at(seconds) or (f"{self.audio_url}#t={int(seconds)}" if self.audio_url else None)

    def clean(self):
        super().clean()
        if self.is_episode and not (self.audio_url or self.details_url):
            raise ValidationError(
                {"audio_url": "An episode needs its audio file or its page (or both), so readers can listen."}
            )
        if self.audio_url and not audio_origin_allowed(self.audio_url):
            raise ValidationError({"audio_url": audio_origin_refused_message(self.audio_url)})

    def transcript_segments(self):
        """The transcript as rows of timed lines, each with a link to its moment; one pass, no queries."""
        return [
            TranscriptRow([TranscriptCue(c.seconds, c.label, c.text, self.moment_url(c.seconds)) for c in v.cues])
            for v in (segment.value for segment in self.transcript)
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["speakers"] = list(self.speakers.all())
        # Called by the template only when its cached fragment is missing (see the template).
        context["transcript_rows"] = self.transcript_segments
        return context
