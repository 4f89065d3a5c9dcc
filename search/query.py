"""Turning what a visitor typed into a safe search."""

import re

# Longer queries are cut here (documented in the README): nobody types more, and every term costs.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 24

_WORD = re.compile(r"\w+", re.UNICODE)


def clean_query(raw):
    """The words of a query, cut to the maximum length: no operators, quotes or control characters.

    The database backends give `"`, `*`, `-` and `OR` meanings (or errors); visitors mean plain
    words, so only words are kept.
    """
    text = (raw or "")[:MAX_QUERY_LENGTH]
    return _WORD.findall(text)[:MAX_TERMS]
