"""A page's outline: its sections and their entries as headings with stable, unique ids.

Guides (sections of questions) and event notes (days of talks) are both such outlines. The
outline is derived from the body on every render, never stored, so the contents list, the
headings and every link to them always agree with the content.
"""

from dataclasses import dataclass

from django.utils.text import slugify
from wagtail import blocks

# Ids the page layout itself uses (`base.html`'s `<main id="main">`): no heading may take them.
RESERVED_IDS = ("main",)
# Long headings give long ids; past this length the id ends at the last whole word that fits.
MAX_ANCHOR_LENGTH = 80


def short_slug(text, limit=MAX_ANCHOR_LENGTH):
    """The slug of `text`, cut to at most `limit` characters at a word boundary (never mid-word).

    A first word longer than the limit is the one case that has to be cut inside a word.
    """
    slug = slugify(str(text))
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1]
    return (cut.rsplit("-", 1)[0] if "-" in cut else cut[:limit]).strip("-")


class AnchorSet:
    """Hands out unique slug ids within one page: a repeated text gets `-2`, `-3`, ….

    One instance is used for a whole render so that a section and an item with the same words
    still get different ids, and the same content always gets the same ids.
    """

    def __init__(self, reserved=RESERVED_IDS):
        self._used = set(reserved)

    def make(self, text, fallback="section"):
        base = short_slug(text) or fallback
        anchor, n = base, 2
        while anchor in self._used:
            anchor = f"{base}-{n}"
            n += 1
        self._used.add(anchor)
        return anchor


class AnchoredValue(blocks.StructValue):
    """A block value shown as a heading with an id; the page's `Outline` gives out the id.

    Subclasses say which child holds the heading's text (`heading_field`) and, for a section,
    which holds the entries below it (`entries_field`). (Not `items`: a StructValue is a dict.)
    """

    heading_field = "title"
    entries_field = None
    fallback_anchor = "section"
    _anchor = None

    @property
    def heading(self):
        return self.get(self.heading_field) or ""

    @property
    def entries(self):
        """The values below this one in the outline (a section's questions, a day's talks)."""
        return list(self.get(self.entries_field) or []) if self.entries_field else []

    @property
    def anchor(self):
        # Outside a page's outline (e.g. a block preview) there are no neighbours to clash with.
        return self._anchor or short_slug(self.heading) or self.fallback_anchor

    @anchor.setter
    def anchor(self, value):
        self._anchor = value


class Outline(list):
    """A page's sections (AnchoredValues) and their entries, every one given an id unique on the page."""

    def __init__(self, sections, reserved=RESERVED_IDS):
        anchors = AnchorSet(reserved)
        sections = list(sections)
        for section in sections:
            section.anchor = anchors.make(section.heading, section.fallback_anchor)
            for entry in section.entries:
                entry.anchor = anchors.make(entry.heading, entry.fallback_anchor)
        super().__init__(sections)

    @property
    def entry_count(self):
        """How many entries (a guide's questions, a day's talks) the sections hold in all."""
        return sum(len(section.entries) for section in self)


@dataclass(frozen=True)
class Heading:
    """A fixed heading of a page's layout, for a contents list beside the outlines above."""

    heading: str
    anchor: str
    entries: tuple = ()
