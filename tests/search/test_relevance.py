"""Search finds what the seeds' own wording asks for: the floors of issue 17, on SQLite and PostgreSQL."""

import pytest

from tests.search import relevance, relevance_site
from tests.search.relevance import PAGE_FLOOR, PASSAGE_FLOOR

pytestmark = pytest.mark.django_db


def test_the_relevance_set_is_big_and_varied_enough():
    cases = relevance.cases()
    assert len(cases) >= 40
    kinds = {case["kind"] for case in cases}
    assert {"question", "stem", "phrase", "speaker", "talk", "transcript", "section", "typo"} <= kinds


def test_search_finds_the_expected_page_and_links_the_expected_passage(client):
    relevance_site.build()
    outcomes = relevance.evaluate(client)
    scores = relevance.scores(outcomes)
    misses = "\n".join(o.describe() for o in outcomes if not o.rank or o.rank > 3 or o.passage_linked is False)
    print(f"\n{scores}\n{misses}")
    assert scores.hit_at_3 >= PAGE_FLOOR, f"{scores}\n{misses}"
    assert scores.passage_linked >= PASSAGE_FLOOR, f"{scores}\n{misses}"
