"""Passages: the parts of a page a search result can link to on their own.

A guide's questions, an event's talks, an article's sections, a review's transcript moments: each
has an anchor on its page, a heading and its own text. Page types list theirs in `search_passages()`;
search ranks a page by its best passage and shows the best under each result (search/passages.py).
A transcript's passage is a stretch of about a minute whose `moments` are its timed lines: the
stretch is scored (one line is too short to hold a question's words), its best line is linked.
"""

from dataclasses import dataclass

# What a passage is. Headings of the first three are searched as headings (weighing more than body
# text) and offered as suggestions; a part is a division whose heading says nothing of its subject
# (a review's "Review", an event's "Day 1"); a moment is a point in a recording.
SECTION, QUESTION, TALK, PART, MOMENT = "section", "question", "talk", "part", "moment"
HEADING_KINDS = (SECTION, QUESTION, TALK)


@dataclass(frozen=True)
class Passage:
    anchor: str
    heading: str
    text: str
    kind: str = SECTION
    # The heading of the section this passage belongs to (a question's topic, a talk's day).
    context: str = ""
    # A moment's link into the recording itself, where the video host has one.
    moment_url: str | None = None
    # A stretch's own moments (passages of kind MOMENT), in order; empty for any other passage.
    moments: tuple = ()

    @property
    def is_heading(self):
        return self.kind in HEADING_KINDS
