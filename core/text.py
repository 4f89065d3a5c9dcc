"""Text helpers shared by cards, previews and search: a page's words, excerpts, and marking matches."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

EXCERPT_LENGTH = 240


def searchable_text(stream_value):
    """The words of a StreamField value, as its blocks give them to the search index."""
    return stream_value.stream_block.get_searchable_content(stream_value)


def excerpt(text, terms, length=EXCERPT_LENGTH):
    """A window of `text` around the first matching term, HTML-escaped, with terms in <mark>."""
    text = " ".join(text.split())
    if not text:
        return ""
    pattern = _terms_pattern(terms)
    match = pattern.search(text) if pattern else None
    start = max(0, match.start() - length // 3) if match else 0
    if start:
        # Start at a word boundary so the excerpt does not open mid-word.
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < (match.start() if match else len(text)) else start
    window = text[start : start + length]
    prefix = "… " if start else ""
    suffix = " …" if start + length < len(text) else ""
    return mark(prefix + window + suffix, terms)


def mark(text, terms):
    """Escape `text` and wrap every occurrence of the terms in <mark>."""
    escaped = escape(text)
    pattern = _terms_pattern([escape(term) for term in terms])
    if pattern is None:
        return mark_safe(escaped)  # noqa: S308 - escaped above
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped))  # noqa: S308


def _terms_pattern(terms):
    words = sorted({t for t in terms if t}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
