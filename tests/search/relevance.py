"""Measuring search relevance: relevance.yaml's queries through the real results page.

Used by tests/search/test_relevance.py and test_long_documents.py (floors) and
benchmarks/bench_search.py (hit@1, hit@3, MRR, and the same floors at 10,000 pages).
"""

import os
from dataclasses import dataclass
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from wagtail.models import Page

from core.models import ContentPage

CASES_FILE = Path(__file__).with_name("relevance.yaml")

# The expected page in the top 3 for at least this share of relevance.yaml, and its passage linked.
PAGE_FLOOR = 0.95
PASSAGE_FLOOR = 0.90

EPISODE_TITLE = "Djangonauts, Ready for Blast-Off"
# Queries whose every word the seeds' long podcast transcript holds somewhere, answered by a short
# page of the relevance site or one of its passages: (query, page title, passage heading or None).
SHORT_ANSWERS = [
    ("maintainer available for advice", "Feature Requests", "Is there a maintainer available for advice?"),
    ("finding a first ticket", "Getting Started Contributing to Django", "Finding a first ticket"),
    ("more to open source than code", "DjangoCon US 2023", "There's More to Open Source than Code"),
    ("connecting with contributors on Mastodon", "Connecting with Django contributors on Mastodon", None),
    ("questions to ask a Django company", "Questions to ask a Django company", None),
    ("how comfortable are you with the code", "Feature Requests", "How comfortable are you with the code?"),
    ("what is the user trying to do", "Feature Requests", "What is the user trying to do?"),
    # No minute of the transcript holds all three; the guide's title and one question do.
    ("hacks documented in the code", "Code Review", "Are hacks documented?"),
]
# The page holds some of the words, the transcript all of them (scattered): shown near the top, not
# dropped as it was when the transcript alone held every word.
PARTIAL_ANSWERS = [
    ("first ticket for a new contributor", "Getting Started Contributing to Django", "Finding a first ticket"),
]


def cases():
    return yaml.safe_load(CASES_FILE.read_text())


@dataclass(frozen=True)
class Outcome:
    case: dict
    rank: int | None  # 1-based position of the expected page on the first results page
    passage_linked: bool | None  # None when the case names no passage
    followed_did_you_mean: bool

    def describe(self):
        where = f"rank {self.rank}" if self.rank else "not found"
        passage = "" if self.passage_linked is None else (" passage ok" if self.passage_linked else " passage MISSED")
        return f"{self.case['query']!r} → {self.case['page']!r}: {where}{passage}"


def _results(client, url, params=None):
    html = BeautifulSoup(client.get(url, params).content, "html.parser")
    results = [
        (item.h3.a["href"], [a["href"] for a in item.select(".search-passage__link")])
        for item in html.select(".search-results .search-result")
    ]
    did_you_mean = html.select_one(".search-notice a[href]")
    return results, did_you_mean["href"] if did_you_mean else None


def _page(title):
    """The content page of that title (a topic may share it: the Deployment guide and topic)."""
    found = [page for page in Page.objects.filter(title=title).specific() if isinstance(page, ContentPage)]
    if len(found) != 1:
        raise LookupError(f"{len(found)} content pages are titled {title!r}")
    return found[0]


def _anchor(page, heading):
    # A transcript moment is a line of one of the page's stretches.
    for passage in (p for stretch in page.search_passages() for p in (stretch, *stretch.moments)):
        if passage.heading == heading:
            return passage.anchor
    raise LookupError(f"{page.title!r} has no passage {heading!r}")


def evaluate(client):
    """An Outcome for every case, as a visitor would see it on the first page of results."""
    outcomes = []
    for case in cases():
        results, did_you_mean = _results(client, "/search/", {"q": case["query"]})
        followed = not results and did_you_mean is not None
        if followed:
            results, _ = _results(client, did_you_mean)
        page = _page(case["page"])
        urls = [url for url, _ in results]
        rank = urls.index(page.url) + 1 if page.url in urls else None
        linked = None
        if case.get("passage"):
            expected = f"{page.url}#{_anchor(page, case['passage'])}"
            linked = rank is not None and rank <= 3 and expected in results[rank - 1][1]
        outcomes.append(Outcome(case, rank, linked, followed))
    return outcomes


def import_long_transcript(path):
    """The seeds' long podcast transcript at `path` as a published episode review, imported with the
    command an editor would use; returns the page."""
    from django.core.management import call_command

    from reviews.models import TalkReviewPage

    with open(os.devnull, "w") as quiet:
        call_command(
            "import_transcript",
            str(path),
            "--create",
            "--parent",
            "/videos/",
            "--title",
            EPISODE_TITLE,
            "--episode-url",
            "https://talkpython.fm/episodes/show/451",
            "--publish",
            stdout=quiet,
        )
    return TalkReviewPage.objects.get(title=EPISODE_TITLE)


def rank_of(client, query, title, passage):
    """(the 1-based rank of the page titled `title` for `query`, or None; whether `passage` is linked)."""
    results, _ = _results(client, "/search/", {"q": query})
    page = _page(title)
    urls = [url for url, _ in results]
    rank = urls.index(page.url) + 1 if page.url in urls else None
    if passage is None or rank is None:
        return rank, passage is None
    return rank, f"{page.url}#{_anchor(page, passage)}" in results[rank - 1][1]


def short_answer_misses(client):
    """What went wrong for SHORT_ANSWERS (not first, or passage not linked) and PARTIAL_ANSWERS
    (not in the top 3): an empty list when the long transcript swamps none of them."""
    wrong = []
    for answers, worst in ((SHORT_ANSWERS, 1), (PARTIAL_ANSWERS, 3)):
        for query, title, passage in answers:
            rank, linked = rank_of(client, query, title, passage)
            if rank is None or rank > worst or not linked:
                wrong.append(f"{query!r} → {title!r}: rank {rank}, passage {'linked' if linked else 'MISSED'}")
    return wrong


@dataclass(frozen=True)
class Scores:
    queries: int
    hit_at_1: float
    hit_at_3: float
    mrr: float
    passages: int
    passage_linked: float

    def __str__(self):
        return (
            f"{self.queries} queries: hit@1 {self.hit_at_1:.1%}, hit@3 {self.hit_at_3:.1%}, MRR {self.mrr:.3f}; "
            f"passage linked {self.passage_linked:.1%} of {self.passages}"
        )

    @property
    def keeps_floors(self):
        return self.hit_at_3 >= PAGE_FLOOR and self.passage_linked >= PASSAGE_FLOOR


def scores(outcomes):
    n = len(outcomes)
    with_passage = [o for o in outcomes if o.passage_linked is not None]
    return Scores(
        queries=n,
        hit_at_1=sum(o.rank == 1 for o in outcomes) / n,
        hit_at_3=sum(o.rank is not None and o.rank <= 3 for o in outcomes) / n,
        mrr=sum(1 / o.rank for o in outcomes if o.rank) / n,
        passages=len(with_passage),
        passage_linked=sum(o.passage_linked for o in with_passage) / len(with_passage),
    )
