"""Videos to Watch: the index of talk reviews and the reviews themselves."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import SimpleLazyObject, cached_property
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from core.blocks import AnswerBlock, PageLinkBlock
from core.models import ContentPage, HubPageQuerySet, IndexPage
from core.outline import RESERVED_IDS, AnchorSet, Heading
from core.passages import MOMENT, PART, Passage
from core.text import stream_text
from reviews.api_fields import EventField, SpeakersField
from reviews.audio import audio_file_problem, audio_origin_allowed, audio_origin_refused_message
from reviews.blocks import TranscriptBlock
from reviews.video import video_address_problem, video_embed

from .snippets import Event, Speaker

# A transcript is searched in stretches of at most this long (see `transcript_stretches`).
STRETCH_SECONDS = 60


@dataclass(frozen=True)
class TranscriptCue:
    """One timed line of a transcript as the page shows it: its moment, words and a link to that moment."""

    seconds: int
    label: str
    text: str
    url: str | None
    # The row's id on the page, for links to this moment (search results).
    anchor: str = ""


@dataclass(frozen=True)
class TranscriptRow:
    """One transcript paragraph: its timed lines, the first of which is when the paragraph starts.

    `speaker` is who speaks (or ""), `speaker_changes` whether the page names them here (they differ from
    the paragraph before), and `chapter` the `Heading` of the chapter this paragraph opens, if it opens one.
    """

    cues: list
    speaker: str = ""
    speaker_changes: bool = False
    chapter: Heading | None = None

    @property
    def start(self):
        return self.cues[0]


# The ids `talk_review_page.html` gives the review's parts (and `outline` links to).
REVIEW_PART_IDS = ("watch-this-if", "review", "takeaways", "transcript")
# A transcript moment's id on the page: `t-` and its second (`t-65`, `t-65-2` for a second line at 65 s).
MOMENT_ID = re.compile(r"^t-\d")


class TalkReviewQuerySet(HubPageQuerySet):
    def newest_first(self):
        """Published reviews a visitor may see, newest review first: the home page's 'latest reviews'.

        Listings show cards, never bodies: the StreamFields (a transcript can run to megabytes) stay
        in the database.
        """
        return self.live().public().defer_streamfields().order_by("-review_date", "-first_published_at", "-pk")


WATCH_IF_REASON = blocks.CharBlock(
    label="Reason",
    icon="user",
    help_text="E.g. 'you are writing your first Django tests'.",
    preview_value="you are writing your first Django tests",
    description="Who the talk is for, in a few words",
)
TAKEAWAY = blocks.CharBlock(
    label="Takeaway",
    icon="tick",
    help_text="One thing to remember, in a sentence.",
    preview_value="Name a test after the rule it protects.",
    description="One thing to remember from the talk",
)


class TalkReviewIndexPage(IndexPage):
    """Videos to Watch: the list of talk reviews, newest first."""

    class Meta:
        verbose_name = "talk review index"

    subpage_types = ["reviews.TalkReviewPage"]
    index_help = "This page lists every review below it, newest review date first. Add reviews as its children."
    llms_txt_section = 2

    def get_listing(self):
        return TalkReviewPage.objects.child_of(self).newest_first().select_related("event")


class TalkReviewPage(ContentPage):
    """A review of one talk or podcast episode: why to watch or listen, and what you will take away."""

    TALK, EPISODE = "talk", "episode"

    class Meta:
        verbose_name = "talk review"

    date_field = "review_date"
    related_link_fields = ("related_pages",)
    in_feeds = True
    json_ld_type = "Article"
    route_select_related = (*ContentPage.route_select_related, "event")

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
    event = models.ForeignKey(
        Event,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
        help_text="Where the talk was given: search the events, or create one in the chooser "
        "(leave empty for a podcast or a stand-alone video).",
    )
    talk_date = models.DateField(null=True, blank=True, help_text="The day the talk was given or published.")
    review_date = models.DateField(
        default=datetime.date.today, db_index=True, help_text="The day you wrote this review; listings sort by it."
    )
    video_url = models.URLField(
        blank=True,
        verbose_name="video address",
        help_text="The recording's web address, if there is one, pasted as it is (a start time such as &t=42s "
        "is kept). YouTube and Vimeo get a privacy-friendly player; anything else a plain link.",
    )
    audio_url = models.URLField(
        "audio file address",
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
        [("reason", WATCH_IF_REASON)],
        blank=True,
        max_num=5,
        verbose_name="You should watch this if",
        help_text="Who gets the most from the talk: one reason per item, up to five.",
    )
    body = StreamField(AnswerBlock(), blank=True, help_text="Your review: what the talk covers and what you thought.")
    takeaways = StreamField(
        [("takeaway", TAKEAWAY)],
        blank=True,
        max_num=7,
        help_text="What a viewer takes away: one per item, up to seven.",
    )
    transcript = StreamField(
        TranscriptBlock(),
        blank=True,
        help_text="Optional: what is said, as text in one part, or one part per chapter. Each paragraph starts "
        "with its time and, if known, who speaks (00:01:05 Ada: …). A developer can import a whole transcript "
        "file for you (docs/importing.md), which is quicker than typing it here.",
    )

    related_pages = StreamField(
        [("page", PageLinkBlock(label="Page", help_text="Choose a published page."))],
        blank=True,
        max_num=6,
        verbose_name="related pages",
        help_text="Optional: pages of this site on the same subject (notes from the talk, an article, a guide), "
        "best first. Without any, the review ends with the pages that share the most topics with it.",
    )

    objects = PageManager.from_queryset(TalkReviewQuerySet)()

    parent_page_types = ["reviews.TalkReviewIndexPage"]
    subpage_types = []

    content_panels = [
        HelpPanel(
            content="<p>Say who the talk or episode is for and what they will take away. The summary appears "
            "on cards and in search results. Choose the speakers and the event, or create them in the chooser "
            "if they are new. Paste the video's address as it is: YouTube and Vimeo get a player that loads "
            "only when a reader presses Play. For a podcast episode give its audio file and/or its page.</p>",
            heading="How to write a review",
        ),
        *ContentPage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("talk_title"),
                MultipleChooserPanel(
                    "speaker_links",
                    chooser_field_name="speaker",
                    heading="Speakers",
                    label="Speaker",
                    help_text="Who gave the talk or hosted the episode, in the order the event lists them: search "
                    "the speakers, or create one in the chooser.",
                ),
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
        FieldPanel("related_pages"),
    ]
    search_fields = ContentPage.search_fields + [
        index.SearchField("talk_title", boost=2),
        index.SearchField("podcast"),
        index.SearchField("watch_if"),
        index.SearchField("body"),
        index.SearchField("takeaways"),
        index.SearchField("transcript"),
        index.RelatedFields("speaker_links", [index.RelatedFields("speaker", [index.SearchField("name")])]),
        index.RelatedFields("event", [index.SearchField("name")]),
        index.FilterField("review_date"),
    ]
    api_fields = [
        *ContentPage.api_fields,
        APIField("kind"),
        APIField("talk_title"),
        APIField("podcast"),
        APIField("speakers", serializer=SpeakersField()),
        APIField("event", serializer=EventField()),
        APIField("talk_date"),
        APIField("review_date"),
        APIField("video_url"),
        APIField("audio_url"),
        APIField("details_url"),
        APIField("watch_if"),
        APIField("body"),
        APIField("takeaways"),
        APIField("transcript"),
    ]
    search_filter_label = "Talk reviews"
    search_filter_order = 2

    @property
    def is_episode(self):
        return self.kind == self.EPISODE

    @property
    def speakers(self):
        """The talk's speakers, in order (a list).

        Code sets them by assigning a list, here or to the constructor, then saves (or saves a
        revision) as for any field: `review.speakers = [ada, grace]`.
        """
        return [link.speaker for link in self.speaker_links.select_related("speaker")]

    @speakers.setter
    def speakers(self, speakers):
        self.speaker_links = [TalkReviewSpeaker(speaker=speaker) for speaker in speakers]

    def json_ld_details(self, request, item):
        """A talk with a video: an Article with its `video`; an episode with audio: a PodcastEpisode with it."""
        details = {}
        recorded = self.talk_date or self.review_date
        if self.video_url and not self.is_episode:
            details["video"] = {
                "@type": "VideoObject",
                "name": self.talk_title or self.title,
                "description": item["description"] or self.title,
                # Google requires a thumbnail: the page's own image (its listing image or the site's card).
                "thumbnailUrl": item["image"],
                "contentUrl": self.video_url,
                **({"embedUrl": self.video.embed_url} if self.video.embeddable else {}),
                **({"uploadDate": recorded.isoformat()} if recorded else {}),
            }
        if self.is_episode and self.audio_url:
            details["@type"] = "PodcastEpisode"
            details["name"] = self.talk_title or self.title
            details["associatedMedia"] = {"@type": "AudioObject", "contentUrl": self.audio_url}
            if self.podcast:
                details["partOfSeries"] = {"@type": "PodcastSeries", "name": self.podcast}
            if self.talk_date:
                details["datePublished"] = self.talk_date.isoformat()
        return details

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
        problems = {}
        if self.video_url and video_address_problem(self.video_url):
            problems["video_url"] = video_address_problem(self.video_url)
        if self.audio_url and audio_file_problem(self.audio_url):
            problems["audio_url"] = audio_file_problem(self.audio_url)
        elif self.audio_url and not audio_origin_allowed(self.audio_url):
            problems["audio_url"] = audio_origin_refused_message(self.audio_url)
        if problems:
            raise ValidationError(problems)

    def transcript_segments(self):
        """The transcript as rows of timed lines, each with a link to its moment and an id; one pass, no queries.

        Each part's text is read once per value (`TranscriptPartValue.paragraphs`); the page renders the rows
        inside a fragment cached per published version.
        """
        anchors, rows, speaker = AnchorSet(), [], ""
        for part, heading in zip((block.value for block in self.transcript), self._part_chapters(), strict=True):
            for paragraph in part.paragraphs:
                cues = [
                    TranscriptCue(
                        c.seconds, c.label, c.text, self.moment_url(c.seconds), anchors.make(f"t-{c.seconds}")
                    )
                    for c in paragraph.cues
                ]
                changes = bool(paragraph.speaker) and paragraph.speaker != speaker
                rows.append(TranscriptRow(cues, paragraph.speaker, changes, heading))
                speaker, heading = paragraph.speaker or speaker, None
        return rows

    def transcript_chapters(self):
        """The transcript's chapters, as the contents lists them under "Transcript" (its text is not read)."""
        return tuple(heading for heading in self._part_chapters() if heading)

    def _part_chapters(self):
        """Each part's chapter `Heading`, or None; ids unique on the page and never a moment's (`t-65`)."""
        anchors = AnchorSet(reserved=(*RESERVED_IDS, *REVIEW_PART_IDS))
        headings = []
        for part in (block.value for block in self.transcript):
            title = part.chapter if (part.get("text") or "").strip() else ""
            anchor = anchors.make(title, "chapter") if title else ""
            if MOMENT_ID.match(anchor):
                anchor = anchors.make(f"chapter {title}")
            headings.append(Heading(title, anchor) if title else None)
        return headings

    @property
    def watch_if_heading(self):
        return f"You should {'listen to' if self.is_episode else 'watch'} this if"

    def search_heading_passages(self):
        # Its parts and moments name no subject; and a transcript can be thousands of moments.
        return []

    def search_suggestions(self):
        """The review's title, then the talk's own title and its speakers."""
        yield from super().search_suggestions()
        yield self.talk_title, ""
        yield from ((speaker.name, "") for speaker in self.speakers)

    def search_passages(self):
        """The review's own parts (ids fixed by its template) and the transcript in stretches of about a minute."""
        parts = [
            ("watch-this-if", self.watch_if_heading, "; ".join(str(reason.value) for reason in self.watch_if)),
            ("review", "Review", stream_text(self.body)),
            ("takeaways", "What you’ll take away", "; ".join(str(takeaway.value) for takeaway in self.takeaways)),
        ]
        passages = [Passage(anchor, heading, text, PART) for anchor, heading, text in parts if text]
        passages.extend(self.transcript_stretches())
        return passages

    def transcript_stretches(self):
        """The transcript as passages of `STRETCH_SECONDS` or less, each holding its lines as `moments`.

        A line is a few words, too few to hold a question's; a whole transcript holds nearly every
        word. A minute is what a listener would replay to hear an answer.
        """
        stretches, current = [], []
        for cue in (cue for row in self.transcript_segments() for cue in row.cues):
            if current and cue.seconds - current[0].seconds >= STRETCH_SECONDS:
                stretches.append(current)
                current = []
            current.append(cue)
        if current:
            stretches.append(current)
        return [
            Passage(
                cues[0].anchor,
                cues[0].label,
                " ".join(cue.text for cue in cues),
                MOMENT,
                context="Transcript",
                moment_url=cues[0].url,
                moments=tuple(
                    Passage(cue.anchor, cue.label, cue.text, MOMENT, context="Transcript", moment_url=cue.url)
                    for cue in cues
                ),
            )
            for cues in stretches
        ]

    def outline(self):
        """The review's parts as a contents list, when a transcript makes the page long enough to need one.

        The anchors are the ids `talk_review_page.html` gives these parts.
        """
        if not self.transcript:
            return []
        parts = [
            (self.watch_if_heading, "watch-this-if", self.watch_if),
            ("Review", "review", self.body),
            ("What you’ll take away", "takeaways", self.takeaways),
        ]
        headings = [Heading(heading, anchor) for heading, anchor, content in parts if content]
        return [*headings, Heading("Transcript", "transcript", self.transcript_chapters())]

    def markdown_parts(self, md, request):
        """The review's facts and links, then its parts and transcript with the anchors the page gives them."""
        speakers = self.speakers
        event = self.event
        meta = {
            "kind": self.kind,
            "talk_title": self.talk_title,
            "podcast": self.podcast,
            "speakers": [speaker.name for speaker in speakers],
            "event": event.name if event else None,
            "talk_date": self.talk_date.isoformat() if self.talk_date else None,
            "review_date": self.review_date.isoformat(),
            "video_url": self.video_url,
            "audio_url": self.audio_url,
            "details_url": self.details_url,
            "topics": md.topic_titles(self),
        }
        out = [self._markdown_facts(md, speakers, event)]
        if self.video_url:
            video = self.video
            if video.embeddable:
                out.append(md.link(f"Watch “{self.talk_title}” on {video.provider_name}", video.watch_url))
            else:
                out.append(md.link(f"Watch or listen to “{self.talk_title}”", video.url))
        if self.audio_url:
            out.append(md.link(f"Listen to “{self.talk_title}”", self.audio_url))
        if self.details_url:
            where = self.podcast or "the podcast" if self.is_episode else (event.name if event else "its event")
            label = f"The episode on {where}’s site" if self.is_episode else f"The talk on {where}’s site"
            out.append(md.link(label, self.details_url))
        if self.watch_if:
            out.append(md.heading(2, self.watch_if_heading, "watch-this-if"))
            out.append(md.bullet_list(md.escape_text(str(reason.value)) for reason in self.watch_if))
        if self.body:
            out.append(md.heading(2, "Review", "review"))
            out.extend(md.stream_markdown(self.body))
        if self.takeaways:
            out.append(md.heading(2, "What you’ll take away", "takeaways"))
            out.append(md.bullet_list(md.escape_text(str(takeaway.value)) for takeaway in self.takeaways))
        rows = self.transcript_segments()
        if rows:
            out.append(md.heading(2, "Transcript", "transcript"))
            for row in rows:
                if row.chapter:
                    out.append(md.heading(3, row.chapter.heading, row.chapter.anchor))
                # As on the page: each paragraph on a line of its own, its start time linked to the moment;
                # who speaks where that changes; every later moment keeps its id.
                start, *later = row.cues
                speaker = f"**{md.escape_text(row.speaker)}:** " if row.speaker_changes else ""
                words = [f"{md.anchor(start.anchor)}{_moment(md, start)} {speaker}{md.escape_text(start.text)}"]
                words.extend(f"{md.anchor(cue.anchor)}{md.escape_text(cue.text)}" for cue in later)
                out.append(" ".join(words))
        return meta, out

    def _markdown_facts(self, md, speakers, event):
        """What the review's header lists: the talk or episode, podcast, speakers (with links), event, dates."""
        facts = [("Episode" if self.is_episode else "Talk", md.escape_text(self.talk_title))]
        if self.podcast:
            facts.append(("Podcast", md.escape_text(self.podcast)))
        if speakers:
            names = []
            for speaker in speakers:
                links = [md.link(link.value["label"], link.value["url"]) for link in speaker.links]
                names.append(md.escape_text(speaker.name) + (f" ({', '.join(links)})" if links else ""))
            facts.append(("Speakers" if len(speakers) > 1 else "Speaker", "; ".join(names)))
        if event:
            facts.append(("Event", event.markdown(md)))
        if self.talk_date:
            facts.append(("Published" if self.is_episode else "Given", self.talk_date.isoformat()))
        facts.append(("Reviewed", self.review_date.isoformat()))
        return md.bullet_list(f"**{label}:** {value}" for label, value in facts)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the page's cached fragment is missing (see the template).
        context["outline"] = SimpleLazyObject(self.outline)
        context["speakers"] = SimpleLazyObject(lambda: self.speakers)
        # Called by the template only when its cached fragment is missing (see the template).
        context["transcript_rows"] = self.transcript_segments
        return context


def _moment(md, cue):
    """A transcript moment's time, linked to that moment of the recording when there is one."""
    return md.link(cue.label, cue.url) if cue.url else cue.label


class TalkReviewSpeaker(Orderable):
    """One speaker of a reviewed talk; a review's speakers keep the order the editor gives them."""

    page = ParentalKey(TalkReviewPage, on_delete=models.CASCADE, related_name="speaker_links")
    speaker = models.ForeignKey(
        Speaker,
        on_delete=models.CASCADE,
        related_name="talk_reviews",
        help_text="Search the speakers, or create one in the chooser.",
    )

    panels = [FieldPanel("speaker")]

    class Meta(Orderable.Meta):
        verbose_name = "speaker"
