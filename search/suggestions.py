"""Suggestions while a visitor types, and "Did you mean …?" from the site's own words.

Both read the `Suggestion` table: every live page's title and the headings of its passages
(questions, talks, article sections), plus a review's talk title and speakers, each with its words.
A page's rows are rebuilt when it is published and removed when it is unpublished (or deleted);
`manage.py rebuild_suggestions` rebuilds them all after a bulk import. Visibility is checked when
suggesting (live, outside private sections), so a page made private is never offered.
"""

import threading
import uuid
from bisect import bisect_left
from functools import cached_property

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Q
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from core.analysis import is_stop_word, stem, words
from core.models import BasePage, private_paths

from .models import Suggestion, SuggestionWord

MAX_SUGGESTIONS = 8
# Candidates read from the database before the best are chosen in Python.
CANDIDATES = 60
MAX_WORD_LENGTH = 64
VOCABULARY_KEY = "search:vocabulary"
# Which reading of the vocabulary the cache holds: each process builds what it needs of that one once.
VERSION_KEY = "search:vocabulary-version"
VOCABULARY_SECONDS = 3600
# How alike a word must be to one of the site's (0..1, Damerau-Levenshtein): one slip in five letters.
TYPO_SIMILARITY = 0.75


def texts_for(page):
    """(text, anchor) of everything a page offers as a suggestion, as its type says (`search_suggestions`): its
    title first."""
    return page.search_suggestions() if isinstance(page, BasePage) else [(page.title, "")]


def _word_rows(suggestion):
    unique = dict.fromkeys(word.lower()[:MAX_WORD_LENGTH] for word in words(suggestion.text))
    return [SuggestionWord(suggestion=suggestion, word=word, length=len(suggestion.text)) for word in unique]


def _suggestions_for(page):
    page = page.specific
    seen, rows = set(), []
    for text, anchor in texts_for(page):
        text = " ".join((text or "").split())[:255]
        if text and text.lower() not in seen:
            seen.add(text.lower())
            rows.append(Suggestion(page_id=page.pk, text=text, anchor=anchor[:255], position=len(rows)))
    return rows


def _save(suggestions):
    created = Suggestion.objects.bulk_create(suggestions)
    SuggestionWord.objects.bulk_create(word for suggestion in created for word in _word_rows(suggestion))
    forget_vocabulary()


def update_page(page):
    """Replace a page's suggestions with its current title and headings."""
    rows = _suggestions_for(page)
    with transaction.atomic():
        Suggestion.objects.filter(page_id=page.pk).delete()
        _save(rows)


def remove_page(page):
    Suggestion.objects.filter(page_id=page.pk).delete()
    forget_vocabulary()


def rebuild(pages, chunk=500):
    """Suggestions for every live page of `pages`, and for no other page; returns how many."""
    total = 0
    with transaction.atomic():
        SuggestionWord.objects.all().delete()
        Suggestion.objects.all().delete()
        batch = []
        for page in pages.live().specific().iterator(chunk_size=chunk):
            batch.extend(_suggestions_for(page))
            if len(batch) >= chunk:
                _save(batch)
                total, batch = total + len(batch), []
        _save(batch)
    return total + len(batch)


def forget_vocabulary():
    cache.delete_many([VOCABULARY_KEY, VERSION_KEY])


def _prefix(word, field):
    """Words starting with `word`: SQLite's LIKE cannot use an index, so it gets a range too
    (PostgreSQL's `_like` index serves LIKE)."""
    condition = Q(**{f"{field}__startswith": word})
    if connection.vendor == "sqlite":
        condition &= Q(**{f"{field}__gte": word, f"{field}__lt": _successor(word)})
    return condition


def _successor(prefix):
    """The first string after every string that starts with `prefix` (for an index range scan)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def suggest(raw, request, limit=MAX_SUGGESTIONS):
    """Up to `limit` {text, url, page} for what a visitor has typed so far: every word must start a
    word of the suggestion (the last one may be half typed); titles and suggestions that start with
    the first word come first, then shorter ones."""
    typed = [word.lower()[:MAX_WORD_LENGTH] for word in words(raw[:200])][:6]
    if not typed or len("".join(typed)) < 2:
        return []
    found = _suggest(typed, request, limit)
    if not found:
        # A slip of the keyboard: the site's closest words (the last one as far as it is typed).
        corrected = _corrected_typing(typed)
        if corrected != typed:
            found = _suggest(corrected, request, limit)
    return found


def _corrected_typing(typed):
    """`typed` with each word that starts none of the site's words replaced by the closest that does."""
    known = site_words()
    result = []
    for position, word in enumerate(typed):
        last = position == len(typed) - 1
        if len(word) < 3 or word.isdigit() or is_stop_word(word) or known.starts_a_word(word):
            result.append(word)
        elif last:
            # Half typed: compare with the site's words cut to as many letters, or one more (a letter left out).
            result.append(correction(word, known.beginnings(len(word))) or word)
        else:
            result.append(correction(word, known.counts) or word)
    return result


def _suggest(typed, request, limit):
    needed = [word for word in typed[:-1] if not is_stop_word(word)] + typed[-1:]
    # The shortest suggestions with a word for each typed one, read from the words table alone (each
    # word row holds its suggestion's length). The rows of the longest word typed are read first and
    # the others looked up for each: SQLite's planner starts from the first table, and 4,000 words
    # start with "revi" where 11 start with "deployment" (20 ms against 1 at 10,000 pages).
    first = max(reversed(needed), key=len)
    matching = SuggestionWord.objects.filter(_prefix(first, "word"))
    others = list(needed)
    others.remove(first)
    for word in others:
        matching = matching.filter(_prefix(word, "suggestion__words__word"))
    shortest = matching.order_by("length", "-suggestion_id").values_list("suggestion_id", flat=True)
    ids = list(dict.fromkeys(shortest[:CANDIDATES]))
    found = Suggestion.objects.filter(pk__in=ids, page__live=True)
    for path in private_paths():
        found = found.exclude(page__path__startswith=path)
    candidates = list(
        found.select_related("page").only(
            "text", "anchor", "position", "page__url_path", "page__path", "page__title", "page__depth"
        )
    )

    def order(suggestion):
        # Most of the typed words (stop words too) starting its words, then starting with the first
        # typed word, then titles before headings, then the shortest.
        text_words = [word.lower() for word in words(suggestion.text)]
        typed_found = sum(any(w.startswith(t) for w in text_words) for t in typed)
        starts = bool(text_words) and text_words[0].startswith(typed[0])
        return (-typed_found, not starts, suggestion.position != 0, len(suggestion.text), -suggestion.page_id)

    candidates.sort(key=order)
    suggestions, seen = [], set()
    for suggestion in candidates:
        if suggestion.text.lower() in seen:
            continue
        seen.add(suggestion.text.lower())
        url = suggestion.page.get_url(request)
        if url is None:
            continue
        suggestions.append(
            {
                "text": suggestion.text,
                "url": f"{url}#{suggestion.anchor}" if suggestion.anchor else url,
                "page": "" if suggestion.position == 0 else suggestion.page.title,
            }
        )
        if len(suggestions) == limit:
            break
    return suggestions


def vocabulary():
    """{word: how many suggestions use it} for every word of the site's titles and headings (cached)."""
    return site_words().counts


class SiteWords:
    """One reading of the site's vocabulary, never changed (a new one is read when pages change): the
    words with their counts, and what typo help looks up in them, each worked out once per process."""

    def __init__(self, counts):
        self.counts = counts
        self._beginnings = {}

    @cached_property
    def _sorted(self):
        return sorted(self.counts)

    @cached_property
    def stems(self):
        return {stem(word) for word in self.counts}

    def starts_a_word(self, prefix):
        """Whether some word of the site starts with `prefix` (a binary search, not a pass over them all)."""
        words, i = self._sorted, bisect_left(self._sorted, prefix)
        return i < len(words) and words[i].startswith(prefix)

    def beginnings(self, length):
        """{the site's words cut to `length` letters or one more: 1}, what a half-typed word is compared with."""
        if length not in self._beginnings:
            cut = {w[:n] for w in self.counts for n in (length, length + 1) if len(w) >= n}
            self._beginnings[length] = dict.fromkeys(cut, 1)
        return self._beginnings[length]


# This process's reading of the vocabulary: (the version it was read as, SiteWords).
_site_words = None, None
_site_words_lock = threading.Lock()


def site_words():
    """The site's vocabulary as SiteWords: its version is asked of the cache on each call, the words
    themselves are read (from the cache, or the database) only when that version changes."""
    global _site_words
    version = cache.get(VERSION_KEY)
    kept_version, kept = _site_words
    if version is not None and version == kept_version:
        return kept
    counts = cache.get(VOCABULARY_KEY) if version is not None else None
    if counts is None:
        rows = SuggestionWord.objects.values_list("word").annotate(n=Count("id"))
        counts = {word: n for word, n in rows if not word.isdigit() and not is_stop_word(word)}
        version = uuid.uuid4().hex
        cache.set_many({VOCABULARY_KEY: counts, VERSION_KEY: version}, VOCABULARY_SECONDS)
    found = SiteWords(counts)
    with _site_words_lock:
        _site_words = version, found
    return found


def correction(word, known):
    """The site's word closest to a misspelt `word` (the more used of equally close ones), or None."""
    candidates = process.extract(
        word, known.keys(), scorer=DamerauLevenshtein.normalized_similarity, score_cutoff=TYPO_SIMILARITY, limit=5
    )
    if not candidates:
        return None
    best, _, _ = max(candidates, key=lambda c: (round(c[1], 3), known[c[0]]))
    return best


def corrected_words(query, finds):
    """The query's words with the unknown ones replaced by their closest site word, or None.

    A word is unknown when no title or heading has its stem and searching for it alone finds
    nothing (`finds(word)`): a rare word of some page's body is left alone. Two words the site writes
    as one are joined (`roll back` → `rollback`), and one word the site writes as two is split
    (`codereview` → `code review`).
    """
    words_of_site = site_words()
    known = words_of_site.counts
    if not known:
        return None
    known_stems = words_of_site.stems
    changed, result, typed = False, [], list(query.words)
    position = 0
    while position < len(typed):
        word, lowered = typed[position], typed[position].lower()
        position += 1
        following = typed[position].lower() if position < len(typed) else ""
        if following and not is_stop_word(lowered) and not is_stop_word(following) and lowered + following in known:
            result.append(lowered + following)
            changed, position = True, position + 1
            continue
        if is_stop_word(lowered) or len(lowered) < 4 or lowered.isdigit() or stem(lowered) in known_stems:
            result.append(word)
            continue
        better = split_word(lowered, known) or correction(lowered, known)
        if better and better != lowered and not finds(word):
            result.append(better)
            changed = True
        else:
            result.append(word)
    return result if changed else None


def split_word(word, known):
    """`word` as two of the site's words written apart ("codereview" → "code review"), or None; of
    several ways, the one whose rarer half is the most used."""
    splits = [
        (min(known[word[:cut]], known[word[cut:]]), f"{word[:cut]} {word[cut:]}")
        for cut in range(2, len(word) - 1)
        if word[:cut] in known and word[cut:] in known
    ]
    return max(splits)[1] if splits else None
