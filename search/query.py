"""Turning what a visitor typed into a safe search: words, stems and quoted phrases.

The database backends give `"`, `*`, `-`, `:` and `OR` meanings (or errors); visitors mean plain
words, so only words reach the backend, combined by the query objects built here. A phrase in
double quotes is kept as a phrase; an unclosed quote runs to the end of the query.
"""

from dataclasses import dataclass
from functools import cached_property

from modelsearch.query import And, Or, Phrase, PlainText

from core.analysis import is_stop_word, stem, words

# Longer queries are cut here (documented in docs/search.md): nobody types more, and every term costs.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 24
# Double quotes as typed on any keyboard.
QUOTES = '"“”„'
# The last word typed also finds words it starts (`alpine` finds AlpineJS) from this many letters.
PREFIX_LENGTH = 3


class Prefix(PlainText):
    """Words starting as `word` starts (its stem): our SQLite and PostgreSQL backends build it; to any
    other backend it is the word itself."""

    def __init__(self, word):
        super().__init__(word)
        self.word = word

    def __repr__(self):
        return f"<Prefix {self.word!r}>"


def _words_query(alternative):
    """One way of writing a synonym: a word, or the words of a phrase in order."""
    return PlainText(alternative[0]) if len(alternative) == 1 else Phrase(" ".join(alternative))


@dataclass(frozen=True)
class ParsedQuery:
    """A query as search uses it: every word typed, the words that search, and the quoted phrases."""

    words: tuple = ()
    phrases: tuple = ()
    # ((the indexes of the terms a synonym covers, every way of writing it as a tuple of words), …)
    synonyms: tuple = ()
    # Whether the last term also finds the words it starts (not inside quotes, not a synonym).
    prefix: bool = False

    @cached_property
    def terms(self):
        """The searching words: no stop words, one word per stem, in the order typed."""
        seen, terms = set(), []
        for word in self.words:
            if not is_stop_word(word) and (s := stem(word)) not in seen:
                seen.add(s)
                terms.append(word)
        return tuple(terms)

    @cached_property
    def stems(self):
        return tuple(stem(term) for term in self.terms)

    @cached_property
    def searching_phrases(self):
        """The phrases of more than one searching word (a phrase of one word is just a term)."""
        return tuple(p for p in self.phrases if sum(not is_stop_word(w) for w in p) > 1)

    @cached_property
    def phrase_stems(self):
        """Each searching phrase as the stems of its searching words."""
        return tuple(tuple(stem(w) for w in phrase if not is_stop_word(w)) for phrase in self.searching_phrases)

    @property
    def text(self):
        """The words typed, space-separated: how the query is recorded and promoted."""
        return " ".join(self.words)

    def __bool__(self):
        return bool(self.terms)

    @cached_property
    def prefix_stem(self):
        """The stem the last term's words start with, if the last term finds the words it starts."""
        if not self.prefix or not self.terms or any(self.terms[-1] in p for p in self.phrases):
            return None
        if any(len(self.terms) - 1 in covered for covered, _ in self.synonyms):
            return None
        last = stem(self.terms[-1])
        return last if len(last) >= PREFIX_LENGTH else None

    @cached_property
    def synonym_stems(self):
        """(the stems a synonym stands for, each way of writing it as stems) for passage scoring."""
        return tuple(
            (tuple(self.stems[i] for i in covered), tuple(tuple(stem(w) for w in alt) for alt in alternatives))
            for covered, alternatives in self.synonyms
        )

    def _clauses(self, operator):
        covered = {i for indexes, _ in self.synonyms for i in indexes}
        plain = [term for i, term in enumerate(self.terms) if i not in covered]
        clauses = [Or([_words_query(alt) for alt in alternatives]) for _, alternatives in self.synonyms]
        if self.prefix_stem:
            clauses.append(Or([PlainText(plain.pop()), Prefix(self.prefix_stem)]))
        if plain and operator == "and":
            clauses.insert(0, PlainText(" ".join(plain), operator=operator))
        elif plain:
            clauses[:0] = [PlainText(term) for term in plain]
        return clauses

    def backend_query(self, operator="and"):
        """The query for Wagtail's search backends: the terms (a synonym as any of its ways of being
        written, the last term also as a prefix), and each phrase as a phrase."""
        if not self.synonyms and not self.prefix_stem:
            plain = PlainText(" ".join(self.terms), operator=operator)
            if operator != "and" or not self.searching_phrases:
                return plain
            return And([plain, *(Phrase(" ".join(phrase)) for phrase in self.searching_phrases)])
        clauses = self._clauses(operator)
        if operator == "and":
            clauses.extend(Phrase(" ".join(phrase)) for phrase in self.searching_phrases)
            return clauses[0] if len(clauses) == 1 else And(clauses)
        return clauses[0] if len(clauses) == 1 else Or(clauses)

    def any_terms(self):
        """The query that finds pages with any of the terms (when none has them all)."""
        if not self.synonyms and not self.prefix_stem:
            return Or([PlainText(term) for term in self.terms])
        return self.backend_query(operator="or")


def parse_query(raw, synonyms=(), prefix=False):
    """`raw` (anything a visitor can type) as a ParsedQuery, cut to the documented maximum length.

    `synonyms`: groups of ways of writing one thing, each a tuple of words (search/synonyms.py); a
    run of the query's terms written one way is searched as any of them. `prefix`: the last term
    also finds the words it starts.
    """
    text = (raw or "")[:MAX_QUERY_LENGTH]
    for quote in QUOTES[1:]:
        text = text.replace(quote, '"')
    all_words, phrases = [], []
    # Between quotes (even positions outside, odd inside); an unclosed quote runs to the end.
    for inside, part in enumerate(text.split('"')):
        part_words = words(part)
        if inside % 2 and len(part_words) > 1:
            phrases.append(tuple(part_words))
        all_words.extend(part_words)
    all_words = all_words[:MAX_TERMS]
    query = ParsedQuery(words=tuple(all_words), phrases=tuple(p for p in phrases if set(p) <= set(all_words)))
    found = _synonyms_in(query.stems, synonyms)
    if not (found or prefix):
        return query
    return ParsedQuery(words=query.words, phrases=query.phrases, synonyms=found, prefix=prefix)


def _synonyms_in(query_stems, groups):
    """((indexes of the terms, the group's ways of writing it), …) for each group written in the query."""
    found, taken = [], set()
    for group in groups:
        for alternative in group:
            wanted = tuple(stem(w) for w in alternative if not is_stop_word(w))
            n = len(wanted)
            start = next(
                (i for i in range(len(query_stems) - n + 1) if n and tuple(query_stems[i : i + n]) == wanted), None
            )
            if start is not None and not taken.intersection(range(start, start + n)):
                taken.update(range(start, start + n))
                found.append((tuple(range(start, start + n)), tuple(group)))
                break
    return tuple(found)
