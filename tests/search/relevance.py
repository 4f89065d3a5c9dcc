"""Measuring search relevance: relevance.yaml's queries through the real results page.

Used by tests/search/test_relevance.py (floors) and benchmarks/bench_search.py (hit@1, hit@3, MRR).
"""

from dataclasses import dataclass
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from wagtail.models import Page

from core.models import ContentPage

CASES_FILE = Path(__file__).with_name("relevance.yaml")


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
