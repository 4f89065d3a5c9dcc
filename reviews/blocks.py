"""Blocks for talk reviews and event notes, composed from the shared `core.blocks`."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.functional import cached_property
from wagtail import blocks

from core.blocks import CodeBlock, HeadingTextBlock, RelatedPagesBlock, TextTableBlock
from core.outline import AnchoredValue

# Notes keep their lists nested: Draftail stores nested <ul>/<ol> as list depth (up to 4 levels
# below the first, Wagtail's `maxListNesting`), and the round trip through the editor is lossless.
# A code block ("code-block", core/rich_text.py) may sit inside a list item without ending the list.
NOTES_FEATURES = ["bold", "italic", "code", "strikethrough", "link", "ol", "ul", "code-block"]

# How deep Wagtail's Draftail lets a list nest (depth 0 … 4); the importer flattens anything deeper.
MAX_LIST_DEPTH = 4

TIMESTAMP_RE = re.compile(r"^(?:(\d{1,2}):)?([0-5]?\d):([0-5]\d)$")
# A later moment inside a transcript paragraph: a line of its text that starts with HH:MM:SS.
CUE_LINE_RE = re.compile(r"^(\d{2}:[0-5]\d:[0-5]\d)\s+(\S.*)$")
# What an editor may have meant as one (checked, so a typo is an error rather than words).
CUE_LIKE_RE = re.compile(r"^\d{1,2}:\d{1,2}:\d{1,2}\s")


def timestamp_to_seconds(text):
    """'1:02:03' or '02:03' → seconds; raises ValueError for anything else."""
    match = TIMESTAMP_RE.match(text.strip())
    if not match:
        raise ValueError(f"not a timestamp: {text!r}")
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def seconds_to_timestamp(seconds):
    """Seconds → 'HH:MM:SS', the form transcripts are stored and shown in."""
    seconds = int(seconds)
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


@dataclass(frozen=True)
class Cue:
    """A timed line of a transcript paragraph: the second it starts at and its words."""

    seconds: int
    text: str

    @property
    def label(self):
        return seconds_to_timestamp(self.seconds)


# Who speaks, in front of a paragraph's words: "Ada:", "Ada Lovelace:", "Speaker 2:" (one to four words,
# each capitalised or a number, then a colon). Anything else before a colon ("So here's the thing:") is words.
SPEAKER_RE = re.compile(r"^((?:[A-Z][\w.'’-]*|\d+)(?: (?:[A-Z][\w.'’-]*|\d+)){0,3}):\s+(\S.*)$")
MAX_SPEAKER_LENGTH = 40


def split_speaker(words):
    """'Ada: Hello' → ('Ada', 'Hello'); words without a speaker in front → ('', words)."""
    match = SPEAKER_RE.match(words)
    if match and len(match[1]) <= MAX_SPEAKER_LENGTH:
        return match[1], match[2]
    return "", words


@dataclass(frozen=True)
class Paragraph:
    """A transcript paragraph: its timed lines (the first is when it starts) and who speaks, if known."""

    cues: list
    speaker: str = ""

    @property
    def seconds(self):
        return self.cues[0].seconds


class TranscriptSyntaxError(ValueError):
    """Text that is not in the transcript syntax, with the (1-based) line of the text it is on."""

    def __init__(self, line, message):
        super().__init__(f"line {line}: {message}")
        self.line = line


def transcript_cues(start, text):
    """A paragraph's timed lines: its words from `start`, then each line of `text` opening with HH:MM:SS."""
    cues = [(start, [])]
    for line in text.split("\n"):
        line = line.strip()
        match = CUE_LINE_RE.match(line)
        if match:
            cues.append((timestamp_to_seconds(match[1]), [match[2]]))
        elif line:
            cues[-1][1].append(line)
    return [Cue(seconds, " ".join(words)) for seconds, words in cues if words]


def parse_paragraphs(text):
    """Transcript text in its written form → paragraphs; raises `TranscriptSyntaxError` at the first problem.

    The form (docs/importing.md#the-transcript-syntax): paragraphs separated by blank lines; each opens with
    its time (`01:02:03` or `02:03`), optionally who speaks (`Ada:`), then the words; a later line that
    opens with `HH:MM:SS` marks when its words are said; any other line continues the words. Times never go
    back.
    """
    paragraphs, lines, previous = [], [], 0
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        line = raw.strip()
        if not line:
            if lines:
                paragraphs.append(_paragraph(lines))
                lines = []
            continue
        stamp, _, words = line.partition(" ")
        if not lines:
            try:
                seconds = timestamp_to_seconds(stamp)
            except ValueError:
                raise TranscriptSyntaxError(
                    number, f"a paragraph starts with its time (e.g. 01:02:03), not {_quoted(stamp)}"
                ) from None
        else:
            match = CUE_LINE_RE.match(line)
            if not match:
                if CUE_LIKE_RE.match(line):
                    raise TranscriptSyntaxError(number, f"{_quoted(stamp)} is not a time; write it as HH:MM:SS")
                lines[-1][1].append(line)
                continue
            seconds, words = timestamp_to_seconds(match[1]), match[2]
        if seconds < previous:
            raise TranscriptSyntaxError(number, f"{stamp} is earlier than the moment before it")
        if not words.strip():
            raise TranscriptSyntaxError(number, f"{stamp} has no words after it")
        previous = seconds
        lines.append((seconds, [words.strip()]))
    if lines:
        paragraphs.append(_paragraph(lines))
    return paragraphs


def _paragraph(lines):
    speaker, first = split_speaker(" ".join(lines[0][1]))
    cues = [Cue(lines[0][0], first)] + [Cue(seconds, " ".join(words)) for seconds, words in lines[1:]]
    return Paragraph(cues, speaker)


def paragraphs_text(paragraphs):
    """Paragraphs → the written form `parse_paragraphs` reads back to the same paragraphs."""
    written = []
    for paragraph in paragraphs:
        first, *later = paragraph.cues
        speaker = f"{paragraph.speaker}: " if paragraph.speaker else ""
        lines = [f"{first.label} {speaker}{first.text}", *(f"{cue.label} {cue.text}" for cue in later)]
        written.append("\n".join(lines))
    return "\n\n".join(written)


def _quoted(text, limit=20):
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


class TranscriptSegmentValue(blocks.StructValue):
    """A transcript paragraph that knows its start time in seconds and its timed lines (for links and <time>)."""

    chapter = ""

    @cached_property
    def seconds(self):
        try:
            return timestamp_to_seconds(self.get("start") or "")
        except ValueError:
            return 0

    @cached_property
    def label(self):
        return seconds_to_timestamp(self.seconds)

    @cached_property
    def cues(self):
        return transcript_cues(self.seconds, self.get("text") or "")

    @cached_property
    def paragraphs(self):
        return [Paragraph(self.cues)] if self.cues else []


class TranscriptSegmentBlock(blocks.StructBlock):
    """A single paragraph of a transcript and the moment it starts (the older form, one block per paragraph).

    Transcripts are now written as parts (`TranscriptPartBlock`); this type stays so that revisions saved
    before can still be opened and reverted to.
    """

    start = blocks.CharBlock(
        label="Starts at",
        max_length=8,
        search_index=False,
        validators=[RegexValidator(TIMESTAMP_RE, "Use hours:minutes:seconds or minutes:seconds, e.g. 01:02:03.")],
        help_text="When this paragraph starts in the recording, e.g. 01:02:03 or 02:03.",
    )
    text = blocks.TextBlock(
        label="Words",
        help_text="What is said from that moment on, as one readable paragraph. A line that starts with a time "
        "(e.g. '00:01:05 and then…') marks when its words are said: readers can jump to it.",
    )

    class Meta:
        label = "Single paragraph"
        icon = "time"
        value_class = TranscriptSegmentValue
        label_format = "{start}"
        preview_value = {"start": "00:01:05", "text": "So the first thing I do with a failing test is read it aloud."}
        description = "One paragraph with its own time fields (a part holds many as text)"

    def clean(self, value):
        value = super().clean(value)
        previous, errors = value.seconds, []
        for number, line in enumerate((value.get("text") or "").split("\n"), start=1):
            line = line.strip()
            match = CUE_LINE_RE.match(line)
            if match:
                seconds = timestamp_to_seconds(match[1])
                if seconds < previous:
                    errors.append(f"line {number}: {match[1]} is earlier than the moment before it")
                previous = seconds
            elif CUE_LIKE_RE.match(line):
                errors.append(f"line {number}: '{line.split()[0]}' is not a time; write it as HH:MM:SS")
        if errors:
            raise blocks.StructBlockValidationError(block_errors={"text": ValidationError("; ".join(errors))})
        return value

    def get_searchable_content(self, value):
        # The words only: the times in front of lines are not something anyone searches for.
        return [" ".join(cue.text for cue in value.cues)]


class TranscriptPartValue(blocks.StructValue):
    """A part of a transcript: its chapter title, if it has one, and its paragraphs read from the text once."""

    @property
    def chapter(self):
        return (self.get("chapter") or "").strip()

    @cached_property
    def paragraphs(self):
        try:
            return parse_paragraphs(self.get("text") or "")
        except TranscriptSyntaxError:
            # Only text that skipped validation (a raw API or database write) gets here: show nothing rather than fail.
            return []


class TranscriptPartBlock(blocks.StructBlock):
    """A run of transcript paragraphs edited as one text (a chapter of it, if it has a title).

    One text area holds hundreds of paragraphs, so a long transcript opens in the editor as a few fields,
    not thousands of blocks.
    """

    chapter = blocks.CharBlock(
        label="Chapter",
        required=False,
        max_length=200,
        help_text="Optional: a title for this part, e.g. 'Getting started with mentoring'. It becomes a heading "
        "in the transcript and an entry in the page's contents. Add a part for each chapter.",
    )
    text = blocks.TextBlock(
        label="Paragraphs",
        rows=12,
        help_text="One paragraph per block of lines, with a blank line between paragraphs. Start each paragraph "
        "with its time and, if you know it, who speaks: '00:01:05 Ada: So the first thing…'. A later line "
        "that starts with a time ('00:01:12 and then…') marks when its words are said.",
    )

    class Meta:
        label = "Transcript part"
        icon = "time"
        value_class = TranscriptPartValue
        label_format = "{chapter}"
        preview_value = {
            "chapter": "Failing tests",
            "text": "00:01:05 Ada: So the first thing I do with a failing test is read it aloud.\n"
            "00:01:09 Then I run it alone.\n\n00:01:30 Grace: And then?",
        }
        description = "Paragraphs of what is said, as text, optionally under a chapter title"

    def clean(self, value):
        value = super().clean(value)
        try:
            parse_paragraphs(value.get("text") or "")
        except TranscriptSyntaxError as error:
            raise blocks.StructBlockValidationError(block_errors={"text": ValidationError(str(error))}) from None
        return value

    def get_searchable_content(self, value):
        # The chapter and the words: not the times, which nobody searches for.
        words = " ".join(" ".join(cue.text for cue in paragraph.cues) for paragraph in value.paragraphs)
        return [text for text in (value.chapter, words) if text]


class TranscriptBlock(blocks.StreamBlock):
    """A transcript: its parts in order, each a run of paragraphs with the times they start."""

    part = TranscriptPartBlock()
    segment = TranscriptSegmentBlock()

    class Meta:
        # Saved parts start folded, so the review's other fields stay in view.
        collapsed = True


class NotesQuoteBlock(blocks.StructBlock):
    """A quotation in notes; unlike the shared quote it may hold links and lists."""

    quote = blocks.RichTextBlock(
        label="Quoted words", features=NOTES_FEATURES, help_text="The words quoted, without quotation marks."
    )
    attribution = blocks.CharBlock(label="Said by", required=False, help_text="Who said or wrote it (optional).")
    source_url = blocks.URLBlock(
        label="Source address",
        required=False,
        help_text="A web address for who said it, e.g. their profile (optional).",
    )

    class Meta:
        label = "Quote"
        icon = "openquote"
        template = "reviews/blocks/notes_quote.html"
        description = "A quotation with its attribution"
        preview_value = {"quote": "<p>Ship small changes, often.</p>", "attribution": "A speaker"}


class NotesTableBlock(TextTableBlock):
    """A table in notes (the shared plain-text table; its own class keeps the notes' migrations as they are)."""


class NotesBlock(blocks.StreamBlock):
    """What one talk's notes are made of: prose with nested lists, quotes, code and tables."""

    paragraph = blocks.RichTextBlock(
        features=NOTES_FEATURES,
        label="Paragraph",
        icon="pilcrow",
        description="Text with links and nested lists (no headings: talks and days are the headings)",
        preview_value="<p>Three things stood out:</p><ul><li>small pull requests</li><li>fast tests</li></ul>",
    )
    quote = NotesQuoteBlock()
    code = CodeBlock()
    table = NotesTableBlock()


class TalkNotesValue(AnchoredValue):
    """A talk in an event's notes: a heading (and contents entry) of its day."""

    fallback_anchor = "talk"


class TalkNotesBlock(blocks.StructBlock):
    """One talk of a day and the notes taken during it."""

    title = HeadingTextBlock(
        label="Talk title", help_text="The talk's title, as the event's programme gives it. It becomes a heading."
    )
    review = blocks.PageChooserBlock(
        label="Our review",
        page_type="reviews.TalkReviewPage",
        required=False,
        help_text="This talk's review in Videos to Watch, if there is one.",
    )
    notes = NotesBlock(label="Notes", required=False, help_text="What you took away from the talk.")
    related = RelatedPagesBlock()

    class Meta:
        label = "Talk"
        icon = "openquote"
        label_format = "{title}"
        value_class = TalkNotesValue
        description = "A talk and your notes from it"
        preview_value = {"title": "Testing without mocks", "notes": [("paragraph", "<p>Fakes over mocks.</p>")]}


class DayValue(AnchoredValue):
    """A day of an event: a heading (and contents entry) with its talks below it."""

    entries_field = "talks"
    fallback_anchor = "day"


class DayBlock(blocks.StructBlock):
    """A day of the event and the talks given on it."""

    title = HeadingTextBlock(label="Heading", help_text="E.g. 'Day 1' or 'Tutorials'. It becomes a heading.")
    intro = NotesBlock(label="About the day", required=False, help_text="Notes about the day as a whole (optional).")
    talks = blocks.ListBlock(
        TalkNotesBlock(),
        label="Talks",
        # Saved talks start folded, so a three-day event fits on a screen or two.
        collapsed=True,
        help_text="The talks of the day, in the order they were given.",
    )

    class Meta:
        label = "Day"
        icon = "date"
        label_format = "{title}"
        value_class = DayValue
        description = "A day of the event, with its talks"
        preview_value = {"title": "Day 1", "talks": [{"title": "Opening keynote", "notes": []}]}


class EventNotesBodyBlock(blocks.StreamBlock):
    """An event's notes: its days, in order."""

    # Days open (unlike a guide's sections, no Meta.collapsed) with their talks folded to their
    # titles: notes usually arrive imported, and the editor's first job is to see the programme
    # came through whole. A three-day event is a few dozen title rows.
    day = DayBlock()


class SpeakerLinkBlock(blocks.StructBlock):
    """One place to find a speaker online."""

    label = blocks.CharBlock(label="Link text", help_text="E.g. 'Website', 'Mastodon', 'GitHub'.")
    url = blocks.URLBlock(label="Web address", help_text="The full address, starting with https://.")

    class Meta:
        label = "Link"
        icon = "link"
        label_format = "{label}"
        preview_value = {"label": "Website", "url": "https://example.com/"}
        description = "Where to find the speaker online"
