"""Turning what a visitor typed into a safe search, and marking matches in an excerpt."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Longer queries are cut here (documented in the README): nobody types more, and every term costs.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 24
EXCERPT_LENGTH = 240

_WORD = re.compile(r"\w+", re.UNICODE)


def clean_query(raw):
    """The words of a query, cut to the maximum length: no operators, quotes or control characters.

    The database backends give `"`, `*`, `-` and `OR` meanings (or errors); visitors mean plain
    words, so only words are kept.
    """
    text = (raw or "")[:MAX_QUERY_LENGTH]
    return _WORD.findall(text)[:MAX_TERMS]


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
