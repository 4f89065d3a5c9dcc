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


@dataclass(frozen=True)
class ParsedQuery:
    """A query as search uses it: every word typed, the words that search, and the quoted phrases."""

    words: tuple = ()
    phrases: tuple = ()

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

    def backend_query(self, operator="and"):
        """The query for Wagtail's search backends: the terms, and each phrase as a phrase."""
        plain = PlainText(" ".join(self.terms), operator=operator)
        if operator != "and" or not self.searching_phrases:
            return plain
        return And([plain, *(Phrase(" ".join(phrase)) for phrase in self.searching_phrases)])

    def any_terms(self):
        """The query that finds pages with any of the terms (when none has them all)."""
        return Or([PlainText(term) for term in self.terms])


def parse_query(raw):
    """`raw` (anything a visitor can type) as a ParsedQuery, cut to the documented maximum length."""
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
    return ParsedQuery(words=tuple(all_words), phrases=tuple(p for p in phrases if set(p) <= set(all_words)))
