"""Which passages of a found page answer the query: scored when the results page is shown.

The database ranks pages; this module then reads the passages of the few pages on the results page
(a guide's questions, a talk's notes, an article's sections, a transcript's moments; see
core.passages) and scores each with the query's stems, as the index analyses them:

- a passage with more of the query's words beats one with fewer, and one with all of them gets a
  bonus (the best passage wins on all terms, not on the first substring);
- words in its heading count more than words in its text; a heading holding every word more still;
- a quoted phrase found as a phrase (its stems in order) counts most, in the heading above the text.

Only passages that can match are analysed: a cheap substring test on each stem's first letters
skips the rest (a 2,000-moment transcript costs a few milliseconds).
"""

from collections import Counter
from dataclasses import dataclass

from core.analysis import stems
from core.passages import MOMENT, Passage
from core.text import excerpt, mark

MAX_PASSAGES = 3
SNIPPET_LENGTH = 180


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
    wanted = set(query.stems)
    if not wanted:
        return 0, 0
    heading_text = "" if passage.kind == MOMENT else passage.heading
    lowered = f"{heading_text} {passage.text}".lower()
    if not any(_prefix(stem) in lowered for stem in wanted):
        return 0, 0
    heading, body = stems(heading_text), stems(passage.text)
    in_heading = wanted.intersection(heading)
    counts = Counter(stem for stem in body if stem in wanted)
    matched = in_heading | set(counts)
    if not matched:
        return 0, 0
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
    return score, len(matched)


def matching_passages(page, query, url, limit=MAX_PASSAGES):
    """Up to `limit` of the page's passages that match the query best, each with a snippet and link.

    Passages that hold clearly fewer of the query's words than the best one are left out.
    """
    scored = []
    for position, passage in enumerate(page.search_passages()):
        score, matched = score_passage(passage, query)
        if score:
            scored.append((score, -position, matched, passage))
    if not scored:
        return []
    scored.sort(key=lambda entry: entry[:2], reverse=True)
    best_score, best_matched = scored[0][0], max(entry[2] for entry in scored)
    chosen = [entry for entry in scored if entry[2] >= best_matched - 1 and entry[0] >= best_score * 0.4][:limit]
    return [
        PassageMatch(
            passage=passage,
            score=score,
            matched=matched,
            heading=mark(passage.heading, query.terms),
            snippet=excerpt(passage.text, query.terms, length=SNIPPET_LENGTH),
            url=f"{url}#{passage.anchor}",
        )
        for score, _, matched, passage in chosen
    ]
