"""An article's outline: ids for the h2 and h3 headings its editors write inside rich text.

Guides and event notes take their headings from block fields; an article's headings live in its
rich text, so they are found in the rendered HTML, given ids by the shared `core.outline.Outline`
(unique on the page, never the layout's own ids) and written back into that HTML.
"""

import re
from dataclasses import dataclass, field
from html import unescape

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from wagtail import blocks

from core.outline import Outline
from core.passages import Passage
from core.text import block_text, html_text

_HEADING = re.compile(r"<h([23])\b([^>]*)>(.*?)</h\1>", re.S | re.I)


@dataclass
class ArticleHeading:
    """An h2 (a section) or h3 (an entry of the section above it) of an article's body."""

    heading: str
    entries: list = field(default_factory=list)
    anchor: str = ""
    fallback_anchor = "section"


@dataclass
class AnchoredBody:
    """The body's blocks, rich text rendered with heading ids (`html`, else None), and its outline."""

    blocks: list
    outline: Outline


def _outline(headings):
    """The Outline of (level, ArticleHeading) pairs in page order: an h3 belongs to the h2 before it
    (the editor checks the order; one before any h2 stands alone). Gives every heading its id."""
    sections = []
    for level, heading in headings:
        if level == "3" and sections:
            sections[-1].entries.append(heading)
        else:
            sections.append(heading)
    return Outline(sections)


def _heading(match):
    return match.group(1), ArticleHeading(unescape(strip_tags(match.group(3))).strip())


def anchored_body(body):
    """Render the rich text of `body` with an id on every h2 and h3, and build the matching outline."""
    rendered = [str(child.render()) if isinstance(child.block, blocks.RichTextBlock) else None for child in body]
    in_order = [_heading(match) for html in filter(None, rendered) for match in _HEADING.finditer(html)]
    outline = _outline(in_order)
    anchors = iter(heading.anchor for _, heading in in_order)

    def with_id(match):
        return f'<h{match.group(1)} id="{next(anchors)}"{match.group(2)}>{match.group(3)}</h{match.group(1)}>'

    parts = [mark_safe(_HEADING.sub(with_id, html)) if html else None for html in rendered]  # noqa: S308
    return AnchoredBody(blocks=list(zip(body, parts, strict=True)), outline=outline)


def passages(body):
    """The article's h2 and h3 sections as search passages, each with its text up to the next heading.

    Read from the stored rich text, without rendering it: its headings are the rendered ones, in the
    same order, so the outline gives them the same ids as `anchored_body`.
    """
    headings, texts = [], []  # texts[i]: the parts of the text under headings[i]
    for child in body:
        if not isinstance(child.block, blocks.RichTextBlock):
            if texts:
                texts[-1].append(block_text(child.block, child.value))
            continue
        source, last = child.value.source, 0
        for match in _HEADING.finditer(source):
            if texts:
                texts[-1].append(html_text(source[last : match.start()]))
            headings.append(_heading(match))
            texts.append([])
            last = match.end()
        if texts:
            texts[-1].append(html_text(source[last:]))
    _outline(headings)
    return [
        Passage(heading.anchor, heading.heading, " ".join(filter(None, text)))
        for (_, heading), text in zip(headings, texts, strict=True)
    ]
