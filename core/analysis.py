"""How search reads English: words, their stems, and the words too common to search for.

One analysis for the whole site, the same PostgreSQL's `english` text search configuration applies:
its parser's words (runs of letters and digits), its stop-word list, and the Snowball English stemmer
(PyStemmer is the same C code). The SQLite index stores these stems (search/sqlite_backend.py), the
query is stemmed the same way, and highlighting marks exactly the words whose stems matched.
"""

import re
import threading

import Stemmer

# PostgreSQL's tsearch_data/english.stop (the Snowball list): never required, never highlighted.
_STOP_LIST = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers
    herself it its itself they them their theirs themselves what which who whom this that these those am is are
    was were be been being have has had having do does did doing a an the and but if or because as until while
    of at by for with about against between into through during before after above below to from up down in out
    on off over under again further then once here there when where why how all any both each few more most other
    some such no nor not only own same so than too very s t can will just don should now
"""
STOP_WORDS = frozenset(_STOP_LIST.split())

# Letters and digits: apostrophes, hyphens, underscores and punctuation separate words, as in
# PostgreSQL's parser ("what's" is "what" + "s", "Steps:Replicate" two words).
WORD = re.compile(r"[^\W_]+")

# A Stemmer object is not safe to share between threads (the dev server and ASGI use threads).
_local = threading.local()


def stem(word):
    """The English stem of one word, lowercased: 'deployments', 'deployed' and 'deploy' are all 'deploy'."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer.stemWord(word.lower())


def is_stop_word(word):
    return word.lower() in STOP_WORDS


def words(text):
    """The words of `text` in order, as typed."""
    return WORD.findall(text or "")


def stems(text):
    """The stems of the searchable words of `text`, in order (stop words left out)."""
    return [stem(word) for word in words(text) if not is_stop_word(word)]


def index_text(text):
    """`text` as the SQLite full-text index stores it: its stems, separated by spaces."""
    return " ".join(stems(text))
