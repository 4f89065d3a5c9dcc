"""Transcripts (`HH:MM:SS text` lines or WebVTT) → readable paragraphs that keep their start time.

Captions and auto-generated transcripts break lines every few seconds. Readers want paragraphs,
so consecutive lines are joined until a sentence ends after at least `PARAGRAPH_SECONDS`, or the
speaker pauses for `PAUSE_SECONDS`, or (in files that group lines) at a blank line.
"""

import io
import re
from dataclasses import dataclass

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from reviews.blocks import seconds_to_timestamp

from . import SourceError, read_text

PARAGRAPH_SECONDS = 30
PAUSE_SECONDS = 12
MAX_PARAGRAPH_SECONDS = 120
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# 1:02:03, 01:02:03, 02:03, optionally [bracketed] and with .mmm; then the words.
TIMED_LINE = re.compile(r"^\[?(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,]\d{1,3})?\]?(?:\s+(.*))?$")
VTT_TIMING = re.compile(r"^(?:\d{2,}:)?\d{2}:\d{2}\.\d{3}\s+-->\s+(?:\d{2,}:)?\d{2}:\d{2}\.\d{3}(?:\s.*)?$")


@dataclass
class Segment:
    """A paragraph of a transcript and the second it starts at."""

    start: int
    text: str

    @property
    def timestamp(self):
        return seconds_to_timestamp(self.start)

    def as_block(self):
        return {"type": "segment", "value": {"start": self.timestamp, "text": self.text}}


@dataclass
class _Line:
    start: int
    text: str
    number: int
    after_blank: bool = False


def load_transcript(path):
    """Read a transcript file into paragraphs; raises `SourceError` naming the file and line."""
    return parse_transcript(read_text(path), path)


def parse_transcript(text, path="<string>"):
    if text.lstrip().startswith("WEBVTT"):
        lines, blank_separates = _webvtt_lines(text, path), False
    else:
        lines = _timed_lines(text, path)
        # Where every line stands alone, blank lines mean nothing; where lines are grouped, they end paragraphs.
        blank_separates = any(not line.after_blank for line in lines[1:])
    return join_paragraphs(lines, blank_separates)


def _timed_lines(text, path):
    lines, blank = [], False
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if not stripped:
            blank = True
            continue
        match = TIMED_LINE.match(stripped)
        if not match:
            raise SourceError(path, number, f"expected 'HH:MM:SS text', got {_excerpt(stripped)}")
        hours, minutes, seconds = (int(part or 0) for part in match.groups()[:3])
        if seconds > 59 or (match.group(1) is not None and minutes > 59):
            raise SourceError(path, number, f"'{stripped.split()[0]}' is not a valid time")
        start = hours * 3600 + minutes * 60 + seconds
        if lines and start < lines[-1].start:
            raise SourceError(
                path, number, f"time {stripped.split()[0]} is earlier than the line before ({lines[-1].number})"
            )
        words = " ".join((match.group(4) or "").split())
        if words:
            lines.append(_Line(start, words, number, after_blank=blank))
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
            lines.append(_Line(int(caption.start_in_seconds), words, 0))
    if not lines:
        raise SourceError(path, 1, "the WebVTT file has no captions: nothing to import")
    return lines


def join_paragraphs(lines, blank_separates=False):
    segments = []
    previous = None
    for line in lines:
        current = segments[-1] if segments else None
        if current is None or _starts_paragraph(current, previous, line, blank_separates):
            segments.append(Segment(line.start, line.text))
        else:
            current.text = f"{current.text} {line.text}"
        previous = line
    return segments


def _starts_paragraph(current, previous, line, blank_separates):
    elapsed = line.start - current.start
    if blank_separates and line.after_blank:
        return True
    if line.start - previous.start >= PAUSE_SECONDS or elapsed >= MAX_PARAGRAPH_SECONDS:
        return True
    return elapsed >= PARAGRAPH_SECONDS and bool(SENTENCE_END.search(current.text))


def _excerpt(text, limit=40):
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
