"""Transcripts (`HH:MM:SS text` lines or WebVTT) → readable paragraphs in which every line keeps its time.

Captions and auto-generated transcripts break lines every few seconds. Readers want paragraphs,
so consecutive lines are joined until a sentence ends after at least `PARAGRAPH_SECONDS`, or the
speaker pauses for `PAUSE_SECONDS`, or another person speaks, or (in files that group lines) at a
blank line. No time is dropped: a paragraph starts at its first line's time and keeps each later line
as `HH:MM:SS words` on a line of its own, so every moment of the source keeps its id on the page.

Who speaks comes from WebVTT voice tags (`<v Ada>`) or a `Name:` in front of a line's words; chapters
from a line of their own, `## Title` or `Chapter: Title`, before the line the chapter starts with. The
paragraphs are stored as text, one transcript part per chapter (`reviews.blocks.TranscriptPartBlock`).

`replace_transcript` puts the paragraphs on a review; `import_episode` makes a review of a podcast
episode around them, or updates the one it made before.
"""

import io
import re
from dataclasses import dataclass

import webvtt
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from webvtt.errors import MalformedCaptionError, MalformedFileError

from reviews.blocks import (
    CUE_LIKE_RE,
    Cue,
    Paragraph,
    TranscriptSyntaxError,
    paragraphs_text,
    parse_paragraphs,
    seconds_to_timestamp,
    split_speaker,
)
from reviews.models import TalkReviewPage

from . import SourceError, read_text

PARAGRAPH_SECONDS = 30
PAUSE_SECONDS = 12
MAX_PARAGRAPH_SECONDS = 120
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# 1:02:03, 01:02:03, 02:03, optionally [bracketed] and with .mmm; then the words.
TIMED_LINE = re.compile(r"^\[?(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,]\d{1,3})?\]?(?:\s+(.*))?$")
# A chapter starts: a line of its own, "## Title" or "Chapter: Title".
CHAPTER_LINE = re.compile(r"^(?:##\s+|chapter:\s*)(\S.*)$", re.IGNORECASE)
VTT_TIMING = re.compile(r"^(?:\d{2,}:)?\d{2}:\d{2}\.\d{3}\s+-->\s+(?:\d{2,}:)?\d{2}:\d{2}\.\d{3}(?:\s.*)?$")


@dataclass
class Segment:
    """A paragraph of a transcript: its timed lines, (second, words), the first of which starts it; who
    speaks ("" when the source does not say) and the title of the chapter it opens ("" when none)."""

    lines: list
    number: int = 0  # the source line it starts on (0 for WebVTT)
    speaker: str = ""
    chapter: str = ""

    @property
    def start(self):
        return self.lines[0][0]

    @property
    def timestamp(self):
        return seconds_to_timestamp(self.start)

    @property
    def text(self):
        return " ".join(words for _seconds, words in self.lines)

    @property
    def paragraph(self):
        return Paragraph([Cue(seconds, words) for seconds, words in self.lines], self.speaker)


@dataclass
class _Line:
    start: int
    text: str
    number: int
    after_blank: bool = False
    speaker: str = ""
    chapter: str = ""


def load_transcript(path):
    """Read a transcript file into paragraphs; raises `SourceError` naming the file and line."""
    return parse_transcript(read_text(path), path)


def transcript_value(segments):
    """The paragraphs as a review's transcript: one part per chapter (the first without a title if the
    transcript starts before its first chapter), each holding its paragraphs as text."""
    parts = []
    for segment in segments:
        if segment.chapter or not parts:
            parts.append((segment.chapter, []))
        parts[-1][1].append(segment.paragraph)
    return [{"type": "part", "value": {"chapter": title, "text": paragraphs_text(paras)}} for title, paras in parts]


def replace_transcript(review, segments, saving):
    """Give `review` these paragraphs as its transcript, replacing any it had, saved as `saving` says
    (`core.importing.Saving`): UPDATED, or UNCHANGED when it had exactly these already.

    The transcript goes onto the latest draft, so an editor's unpublished changes are kept.
    """
    with transaction.atomic():
        return saving.update(review, {"transcript": transcript_value(segments)})


def import_episode(parent, title, segments, saving, *, podcast="", audio_url="", details_url=""):
    """A review of a podcast episode under `parent`, titled after the episode, with these paragraphs as its
    transcript: created, or the one made before (the child with the title's slug) updated with them and
    with the episode's details given. Returns (action, review).

    Raises `ValidationError` (before anything is written) when the review would not be valid, or when the
    page at that slug reviews a talk rather than an episode.
    """
    title = " ".join(title.split())
    slug = slugify(title)[:255]
    if not slug:
        raise ValidationError({"title": f"no address can be made from '{title}'"})
    details = {"podcast": podcast, "audio_url": audio_url, "details_url": details_url}
    values = {"transcript": transcript_value(segments), **{name: value for name, value in details.items() if value}}
    review = TalkReviewPage.objects.child_of(parent).filter(slug=slug).first()
    if review is not None:
        if not review.is_episode:
            raise ValidationError(
                {"title": f"{review.get_full_url()} reviews a talk, not an episode: give it the transcript with --page"}
            )
        with transaction.atomic():
            return saving.update(review, values), review
    review = TalkReviewPage(title=title, slug=slug, kind=TalkReviewPage.EPISODE, talk_title=title, **details)
    review.transcript = values["transcript"]
    review.full_clean(exclude=["path", "depth", "url_path"])
    with transaction.atomic():
        return saving.create(parent, review, values), review


def parse_transcript(text, path="<string>"):
    if text.lstrip().startswith("WEBVTT"):
        lines, blank_separates = _webvtt_lines(text, path), False
    else:
        lines = _timed_lines(text, path)
        # Where every line stands alone, blank lines mean nothing; where lines are grouped, they end paragraphs.
        blank_separates = any(not line.after_blank for line in lines[1:])
    segments = join_paragraphs(lines, blank_separates)
    for segment in segments:
        _check(segment, path)
    return segments


def _check(segment, path):
    """The paragraph reads back as written (words that look like a time or a speaker would be misread)."""
    paragraph = segment.paragraph
    try:
        misread = parse_paragraphs(paragraphs_text([paragraph])) != [paragraph]
        detail = "its words start with what reads as a time or a speaker"
    except TranscriptSyntaxError as error:
        misread, detail = True, str(error)
    if misread:
        where = segment.number or None
        raise SourceError(path, where, f"the paragraph starting {segment.timestamp} would be misread: {detail}")


def _timed_lines(text, path):
    lines, blank, chapter = [], False, ""
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if not stripped:
            blank = True
            continue
        heading = CHAPTER_LINE.match(stripped)
        if heading:
            chapter = " ".join(heading[1].split())
            continue
        match = TIMED_LINE.match(stripped)
        if not match:
            raise SourceError(path, number, f"expected 'HH:MM:SS text' (or a chapter line), got {_excerpt(stripped)}")
        hours, minutes, seconds = (int(part or 0) for part in match.groups()[:3])
        if seconds > 59 or (match.group(1) is not None and minutes > 59):
            raise SourceError(path, number, f"'{stripped.split()[0]}' is not a valid time")
        start = hours * 3600 + minutes * 60 + seconds
        if lines and start < lines[-1].start:
            raise SourceError(
                path, number, f"time {stripped.split()[0]} is earlier than the line before ({lines[-1].number})"
            )
        speaker, words = split_speaker(" ".join((match.group(4) or "").split()))
        if CUE_LIKE_RE.match(words + " "):
            raise SourceError(path, number, f"the words start with what looks like a time ({words.split()[0]})")
        if words:
            lines.append(_Line(start, words, number, after_blank=blank, speaker=speaker, chapter=chapter))
            chapter = ""
        blank = False
    if not lines:
        raise SourceError(path, 1, "no 'HH:MM:SS text' lines: nothing to import")
    return lines


def _webvtt_lines(text, path):
    for number, raw in enumerate(text.split("\n"), start=1):
        if "-->" in raw and not VTT_TIMING.match(raw.strip()):
            raise SourceError(path, number, f"unreadable WebVTT cue timing {_excerpt(raw.strip())}")
    try:
        captions = webvtt.from_buffer(io.StringIO(text)).captions
    except (MalformedFileError, MalformedCaptionError, ValueError) as error:
        raise SourceError(path, 1, f"not valid WebVTT ({error})") from None
    lines = []
    for caption in captions:
        words = " ".join(caption.text.split())
        if words:
            # A voice tag (<v Ada Lovelace>) says who speaks; without one, a "Name:" in front of the words may.
            voice = " ".join((caption.voice or "").split())
            speaker, words = (voice, words) if voice else split_speaker(words)
            lines.append(_Line(int(caption.start_in_seconds), words, 0, speaker=speaker))
    if not lines:
        raise SourceError(path, 1, "the WebVTT file has no captions: nothing to import")
    return lines


def join_paragraphs(lines, blank_separates=False):
    segments = []
    previous = None
    for line in lines:
        current = segments[-1] if segments else None
        if current is None or _starts_paragraph(current, previous, line, blank_separates):
            speaker = line.speaker or (current.speaker if current else "")
            segments.append(Segment([(line.start, line.text)], line.number, speaker, line.chapter))
        else:
            current.lines.append((line.start, line.text))
        previous = line
    return segments


def _starts_paragraph(current, previous, line, blank_separates):
    elapsed = line.start - current.start
    if line.chapter or (line.speaker and line.speaker != current.speaker):
        return True
    if blank_separates and line.after_blank:
        return True
    if line.start - previous.start >= PAUSE_SECONDS or elapsed >= MAX_PARAGRAPH_SECONDS:
        return True
    return elapsed >= PARAGRAPH_SECONDS and bool(SENTENCE_END.search(current.lines[-1][1]))


def _excerpt(text, limit=40):
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
