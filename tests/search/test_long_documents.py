"""Passages are the unit of ranking (issue 29): a long transcript must not swamp the short page that answers.

The relevance site, plus the seeds' 64 KB podcast transcript (read from /work/shared/seeds at test time,
imported as an editor would) and generated pages that share the hub's words, on SQLite and PostgreSQL
(the bench measures the same at 10,000 pages).
"""

import random

import pytest

from articles.models import ArticleIndexPage, ArticlePage
from guides.models import GuideIndexPage, GuidePage
from reviews.models import TalkReviewIndexPage, TalkReviewPage
from tests.reviews.conftest import SEEDS
from tests.search import relevance, relevance_site
from tests.search.relevance import PAGE_FLOOR, PASSAGE_FLOOR

pytestmark = pytest.mark.django_db

# Enough to put the hub's common words on hundreds of pages and keep the test under a minute or two.
GENERATED_PAGES = 300


def transcript_seed():
    found = sorted(SEEDS.glob("002_*.txt"))
    if not found:
        pytest.skip(f"the long transcript seed is not present at {SEEDS}")
    return found[0]


def add_generated_pages(count, seed=29):
    """`count` guides, reviews (each with a transcript) and articles in the bench's Zipf-distributed words."""
    from benchmarks.sitegen import guide_body, paragraph, sentence, transcript

    rng = random.Random(seed)
    guides, reviews, articles = (
        GuideIndexPage.objects.get(),
        TalkReviewIndexPage.objects.get(),
        ArticleIndexPage.objects.get(),
    )
    for n in range(count):
        if n % 3 == 0:
            parent, page = guides, GuidePage(title=f"Guide {n}", summary=sentence(rng), body=guide_body(rng, 2, 3))
        elif n % 3 == 1:
            parent, page = (
                reviews,
                TalkReviewPage(
                    title=f"Review {n}",
                    talk_title=sentence(rng, 4),
                    summary=sentence(rng),
                    video_url="https://www.youtube.com/watch?v=abcdefghijk",
                    body=[("paragraph", f"<p>{paragraph(rng, 3)}</p>")],
                    transcript=transcript(rng, 40),
                ),
            )
        else:
            parent, page = (
                articles,
                ArticlePage(
                    title=f"Article {n}",
                    summary=sentence(rng),
                    body=[("paragraph", f"<h2>{sentence(rng, 3)}</h2><p>{paragraph(rng, 4)}</p>")],
                ),
            )
        parent.add_child(instance=page)


def test_a_long_transcript_among_many_pages_does_not_swamp_short_answers(client, admin_user):
    relevance_site.build()
    episode = relevance.import_long_transcript(transcript_seed())
    assert len(episode.search_passages()) > 40  # a stretch a minute, not a passage a line
    add_generated_pages(GENERATED_PAGES)

    outcomes = relevance.evaluate(client)
    scores = relevance.scores(outcomes)
    misses = "\n".join(o.describe() for o in outcomes if not o.rank or o.rank > 3 or o.passage_linked is False)
    print(f"\n{scores}\n{misses}")
    assert scores.hit_at_3 >= PAGE_FLOOR, f"{scores}\n{misses}"
    assert scores.passage_linked >= PASSAGE_FLOOR, f"{scores}\n{misses}"

    wrong = relevance.short_answer_misses(client)
    assert not wrong, "\n".join(wrong)
