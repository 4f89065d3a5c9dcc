"""Passages as the unit of ranking: which pages answer the query best, and where on the page.

The database finds the pages holding the query's words and ranks them as wholes; a long document
holds nearly every word somewhere. So the first results (`RERANKED` of the database's order) are
ranked again by their best passage (a guide's question, a talk's notes, an article's section, a
minute of a transcript; see core.passages) together with the page's own words (title, summary,
speakers): first by how many of the query's words that one passage holds, then in the database's
order. A page whose best passage holds every word comes before one whose words are spread out.

Each passage is scored with the query's stems, as the index analyses them:

- a passage with more of the query's words beats one with fewer, and one with all of them gets a
  bonus (the best passage wins on all terms, not on the first substring);
- words in its heading count more than words in its text; a heading holding every word more still;
- a quoted phrase found as a phrase (its stems in order) counts most, in the heading above the text.

Only passages that can match are analysed: a cheap substring test on each stem's first letters
skips the rest (a 2,000-moment transcript costs a few milliseconds).
"""

import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass
from functools import lru_cache

from django.core.cache import cache

from core.analysis import stems
from core.models import BasePage
from core.passages import MOMENT, Passage
from core.text import excerpt, mark

MAX_PASSAGES = 3
SNIPPET_LENGTH = 180
# How many of the database's best matches are ranked again by their passages (the first three
# results pages): beyond them, the database's order stands.
RERANKED = 30
# How long a page's analysed passages are kept (a new publication makes a new key).
ANALYSIS_SECONDS = 24 * 3600
# At most this many passages (a transcript stretch's moments counted) are kept built in each process.
KEPT_PASSAGES = 50_000
# The stems of this many passage texts are kept in each process (`_text_stems`).
KEPT_TEXTS = 4096

# Each published version's passages, built once per process (`passages_of`), least recently used first.
_kept = OrderedDict()
_kept_lock = threading.Lock()


def _size(passages):
    return sum(1 + len(passage.moments) for passage in passages)


def passages_of(page):
    """The page's passages, built once per published version in this process and kept while
    `KEPT_PASSAGES` allows: a 2,000-line transcript is 2,000 moments and 200 stretches, 25 ms to
    build on every search that showed it, and that many objects left to Python's garbage collector,
    whose full collections then paused one such search in four for 150 ms."""
    if not hasattr(page, "_search_passages"):
        page._search_passages = _kept_passages(page) if isinstance(page, BasePage) else []
    return page._search_passages


def _kept_passages(page):
    if page.pk is None or page.last_published_at is None:
        # No published version to name it by.
        return list(page.search_passages())
    key = _analysis_key(page)
    with _kept_lock:
        if key in _kept:
            _kept.move_to_end(key)
            return _kept[key][0]
    passages = tuple(page.search_passages())
    size = _size(passages)
    with _kept_lock:
        _kept[key] = passages, size
        total = sum(kept_size for _, kept_size in _kept.values())
        while total > KEPT_PASSAGES and len(_kept) > 1:
            _, (_, dropped) = _kept.popitem(last=False)
            total -= dropped
    return passages


def forget_kept_passages():
    """Empty this process's built passages (tests, whose rolled-back pages reuse ids and versions)."""
    with _kept_lock:
        _kept.clear()


def page_names(page):
    """What a page is called: its title and the names it is suggested under (a review's talk title
    and speakers). They head every passage of the page."""
    if not isinstance(page, BasePage):
        return page.title
    return " ".join(text for text, anchor in page.search_suggestions() if not anchor)


def own_words(page):
    """The words of a page that go with every passage of it: its names and its summary."""
    if not isinstance(page, BasePage):
        return page.title
    return f"{page_names(page)} {page.excerpt_text(with_body=False)}"


def _analysis_key(page):
    published = page.last_published_at.isoformat() if page.last_published_at else ""
    # v2: names apart, passages as (heading stems, every stem).
    return f"search:passage-stems:v2:{page.pk}:{page.live_revision_id}:{published}"


def _analyse(page):
    """(the stems of the page's own words, of its names, and (the stems of its heading, all its
    stems) for each passage): what ranking reads of a page."""
    passages = passages_of(page)
    if not passages:
        passages = [Passage("", "", page.excerpt_text() if isinstance(page, BasePage) else "")]
    analysed = []
    for passage in passages:
        heading = frozenset(stems("" if passage.kind == MOMENT else passage.heading))
        analysed.append((heading, heading | frozenset(stems(passage.text))))
    return frozenset(stems(own_words(page))), frozenset(stems(page_names(page))), analysed


def passage_stems(pages):
    """{page id: its analysis (`_analyse`)}, kept in the cache until the page is published again: a
    long transcript is read and stemmed once, not on every search that finds it."""
    keys = {page.pk: _analysis_key(page) for page in pages}
    cached = cache.get_many(list(keys.values()))
    analysis, missing = {}, {}
    for page in pages:
        found = cached.get(keys[page.pk])
        if found is None:
            found = missing[keys[page.pk]] = _analyse(page)
        analysis[page.pk] = found
    if missing:
        cache.set_many(missing, ANALYSIS_SECONDS)
    return analysis


def best_passage_match(analysis, query):
    """(how many of the query's words the page's best passage holds with the page's own words, how
    many of them its headings hold: the passage's and the page's names): what search ranks a page
    by (a page without passages is one passage). A heading that names the words is what the passage
    is about; a long text that mentions them in passing is not."""
    wanted = set(query.stems)
    own_stems, name_stems, passages = analysis
    own = wanted.intersection(own_stems) | _found_otherwise(own_stems, query)
    named = wanted.intersection(name_stems) | _found_otherwise(name_stems, query)
    best = (len(own), len(named))
    for heading, passage in passages:
        held = wanted.intersection(passage) | _found_otherwise(passage, query)
        if held:
            in_heading = wanted.intersection(heading) | _found_otherwise(heading, query)
            best = max(best, (len(own | held), len(named | in_heading)))
    return best


def rank_by_passages(pages, query):
    """`pages` (the database's best first) ordered by their best passage, then the database's order."""
    analysis = passage_stems(pages)
    matches = {page.pk: best_passage_match(analysis[page.pk], query) for page in pages}
    return sorted(pages, key=lambda page: tuple(-n for n in matches[page.pk]))


class ListThenResults:
    """A list of pages, then search results from `skip` on, as one sequence a Paginator can slice:
    only the results a slice reaches are read."""

    def __init__(self, head, results, skip=0):
        self.head, self.results, self.skip = head, results, skip

    def count(self):
        return len(self.head) + self.results.count() - self.skip

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop if index.stop is not None else self.count()
        chosen, n = self.head[start:stop], len(self.head)
        if stop > n:
            chosen += list(self.results[self.skip + max(start - n, 0) : self.skip + stop - n])
        return chosen


def passage_ranked(found, query):
    """Search results whose first `RERANKED` are ranked by passage (`rank_by_passages`), the rest as
    the database ranked them."""
    head = rank_by_passages(list(found[:RERANKED]), query)
    return ListThenResults(head, found, skip=len(head))


@dataclass(frozen=True)
class PassageMatch:
    passage: Passage
    score: float
    matched: int
    heading: str
    snippet: str
    url: str

    @property
    def is_moment(self):
        return self.passage.kind == MOMENT


def _prefix(stem):
    # Stemming rewrites at most the last few letters of a word ("ability" is `abil`, "nitpicky" `nitpicki`).
    return stem if len(stem) <= 3 else stem[: max(3, len(stem) - 3)]


def _contains(sequence, phrase):
    n = len(phrase)
    return any(tuple(sequence[i : i + n]) == phrase for i in range(len(sequence) - n + 1))


def score_passage(passage, query):
    """(score, how many of the query's words it holds) for one passage; (0, 0) if it holds none."""
    score, matched = _score(passage, query)
    return score, len(matched)


def _score(passage, query):
    """(score, the query's stems it holds) for one passage; (0, empty) if it holds none."""
    wanted = set(query.stems)
    none = 0, frozenset()
    if not wanted:
        return none
    heading_text = "" if passage.kind == MOMENT else passage.heading
    lowered = f"{heading_text} {passage.text}".lower()
    written = wanted.union(*(s for _, alternatives in query.synonym_stems for s in alternatives))
    if not any(_prefix(stem) in lowered for stem in written):
        return none
    heading, body = _text_stems(heading_text), _text_stems(passage.text)
    in_heading = wanted.intersection(heading) | _found_otherwise(heading, query)
    counts = Counter(stem for stem in body if stem in wanted)
    for found in _found_otherwise(body, query):
        counts[found] = counts[found] or 1
    matched = in_heading | set(counts)
    if not matched:
        return none
    score = 4 * len(matched) + 3 * len(in_heading) + sum(c / (c + 1.5) for c in counts.values())
    if len(matched) == len(wanted):
        score += 4
    if len(in_heading) == len(wanted):
        score += 4
    for phrase in query.phrase_stems:
        if _contains(heading, phrase):
            score += 10
        elif _contains(body, phrase):
            score += 7
    if not query.phrase_stems and len(query.stems) > 1 and _contains(heading or body, query.stems):
        score += 2  # the words in the order typed
    return score, matched


@lru_cache(maxsize=KEPT_TEXTS)
def _text_stems(text):
    """The stems of a passage's heading or text, in order: a transcript's 200 stretches showed on
    every search for its words are analysed once, not on each (kept passages are the same strings)."""
    return tuple(stems(text))


def _found_otherwise(text_stems, query):
    """The query's stems that `text_stems` hold written another way: as one of their synonyms, or
    as a longer word the last term starts (`alpine` in "AlpineJS")."""
    present, found = set(text_stems), set()
    for covered, alternatives in query.synonym_stems:
        if any(alternative and set(alternative) <= present for alternative in alternatives):
            found.update(covered)
    if query.prefix_stem and any(stem.startswith(query.prefix_stem) for stem in present):
        found.add(query.stems[-1])
    return found


def matching_passages(page, query, url, limit=MAX_PASSAGES):
    """Up to `limit` of the page's passages that match the query best, each with a snippet and link.

    Passages that hold clearly fewer of the query's words than the best one are left out.
    """
    scored = []
    for position, passage in enumerate(passages_of(page)):
        score, matched = score_passage(passage, query)
        if score:
            scored.append((score, -position, matched, passage))
    if not scored:
        return []
    scored.sort(key=lambda entry: entry[:2], reverse=True)
    best_score, best_matched = scored[0][0], max(entry[2] for entry in scored)
    chosen = [entry for entry in scored if entry[2] >= best_matched - 1 and entry[0] >= best_score * 0.4][:limit]
    matches = []
    for score, _, matched, passage in chosen:
        # A transcript stretch links to its line that holds most of the words.
        linked = _best_moment(passage, query) if passage.moments else passage
        matches.append(
            PassageMatch(
                passage=linked,
                score=score,
                matched=matched,
                heading=mark(linked.heading, query.terms),
                snippet=excerpt(passage.text, query.terms, length=SNIPPET_LENGTH),
                url=f"{url}#{linked.anchor}",
            )
        )
    return matches


def _best_moment(stretch, query):
    """The stretch's moment that scores best (the earliest of equals; the first if none matches alone)."""
    best, best_score = stretch.moments[0], 0
    for moment in stretch.moments:
        score, _ = score_passage(moment, query)
        if score > best_score:
            best, best_score = moment, score
    return best
