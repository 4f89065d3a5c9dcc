"""Text helpers shared by cards, previews and search: a page's words, excerpts, and marking matches."""

import re
from html import unescape

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from wagtail import blocks

from .analysis import WORD, is_stop_word, stem

EXCERPT_LENGTH = 240

# Tags that start or end a block of text: the words either side of them are separate words.
_BLOCK_TAG = re.compile(
    r"</?(?:p|h[1-6]|li|ol|ul|dl|dt|dd|blockquote|pre|div|table|thead|tbody|tr|td|th|br|hr)\b[^>]*>", re.I
)


def searchable_text(stream_value):
    """The words of a StreamField value, as its blocks give them to the search index."""
    return stream_value.stream_block.get_searchable_content(stream_value)


def html_text(html):
    """The text of an HTML fragment, with a space wherever a block (paragraph, list item, cell…) ends."""
    return " ".join(unescape(strip_tags(_BLOCK_TAG.sub(" ", html or ""))).split())


def block_text(block, value):
    """The readable text of one block's value, its parts separated by spaces.

    Like the search index's `get_searchable_content`, but rich text keeps a space between its
    paragraphs and list items ("Steps: Replicate the bug", not "Steps:Replicate the bug").
    """
    if isinstance(block, blocks.RichTextBlock):
        return html_text(value.source if value else "")
    if isinstance(block, blocks.StreamBlock):
        return " ".join(block_text(child.block, child.value) for child in value or [])
    if isinstance(block, blocks.ListBlock):
        return " ".join(block_text(block.child_block, item) for item in value or [])
    if isinstance(block, blocks.StructBlock):
        return " ".join(block_text(child, value.get(name)) for name, child in block.child_blocks.items())
    return " ".join(block.get_searchable_content(value))


def stream_text(stream_value):
    """The readable text of a whole StreamField value."""
    return " ".join(filter(None, (block_text(child.block, child.value) for child in stream_value or [])))


def target_stems(terms):
    """The stems a highlight looks for: those of the terms' words that are not stop words."""
    return {stem(word) for term in terms for word in WORD.findall(term or "") if not is_stop_word(word)}


def excerpt(text, terms, length=EXCERPT_LENGTH):
    """A window of `text` around its best cluster of matching words, HTML-escaped, matches in <mark>.

    The window is the one that holds the most different query words; without matches it is the start.
    """
    text = " ".join(text.split())
    if not text:
        return ""
    targets = target_stems(terms)
    matches = [m for m in WORD.finditer(text) if targets and _matches(m.group(), targets)][:200]
    start = _best_window_start(matches, length) if matches and len(text) > length else 0
    # Some words before the first match, and no shorter a window than the text allows.
    start = min(start - length // 4, len(text) - length)
    if start > 0:
        # Start at a word boundary so the excerpt does not open mid-word.
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < len(text) - 1 else start
    start = max(start, 0)
    end = start + length
    if end < len(text):
        # …and end at one.
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark(text[start:end], terms, prefix=prefix, suffix=suffix)


def _best_window_start(matches, length):
    """Where the window holding the most different matched words begins (the earliest of equals)."""
    best, best_count = matches[0].start(), 0
    for i, first in enumerate(matches):
        inside = {stem(m.group()) for m in matches[i:] if m.end() - first.start() <= length * 3 // 4}
        if len(inside) > best_count:
            best, best_count = first.start(), len(inside)
    return best


def _matches(word, targets):
    return stem(word) in targets and not is_stop_word(word)


def mark(text, terms, prefix="", suffix=""):
    """Escape `text` and wrap each whole word whose stem matches a term's in <mark>.

    Words are found in the raw text and every piece is escaped on its own, so a mark can never
    fall inside an HTML entity (a search for `lt` or `amp` marks words, not `&lt;`). Stop words
    are never marked.
    """
    targets = target_stems(terms)
    out, last = [escape(prefix)], 0
    if targets:
        for match in WORD.finditer(text):
            if _matches(match.group(), targets):
                out.append(escape(text[last : match.start()]))
                out.append(f"<mark>{escape(match.group())}</mark>")
                last = match.end()
    out.append(escape(text[last:]))
    out.append(escape(suffix))
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped above
