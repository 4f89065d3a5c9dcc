"""Generate a large hub for benchmarks: guides, reviews and articles with realistic text.

Deterministic (seeded), so two runs build the same site. Pages are created live without
revisions and indexed once at the end, which is how a bulk import would do it.
"""

import datetime
import random

from django.conf import settings
from django.db import connection, transaction

# Stop words and the hub's subject come first, then invented words: natural text's word frequencies
# follow Zipf's law (the r-th commonest word appears about 1/r as often as the commonest), which is
# what gives search queries a realistic selectivity. (A small vocabulary drawn uniformly would put
# every word in nearly every page, and every query would match the whole site.)
STOP_WORDS = (
    "the of and to a in is it that for you on with as be this are by or not we can will your should "
    "what when how why which"
).split()
SUBJECT_WORDS = (
    "django python database migration query index review test deploy rollback cache template view "
    "model form admin wagtail page block stream field search feature request user customer risk "
    "monitor error exception log performance latency throughput postgres sqlite redis queue task "
    "worker schema lock table column backup restore security permission token session cookie "
    "accessibility heading contrast keyboard screen reader career mentor community conference talk "
    "change code team project maintain document release version branch merge"
).split()
INVENTED_WORDS = 5_000
QUESTION_STARTS = ["How do you", "When should you", "Why does", "What happens when you", "Should you"]


def vocabulary(seed=1):
    """(words, cumulative Zipf weights) for `random.choices`: stop words, subject words, then invented ones."""
    rng = random.Random(seed)
    syllables = [c + v for c in "bcdfghklmnprstvz" for v in "aeiou"]
    invented = set()
    while len(invented) < INVENTED_WORDS:
        invented.add("".join(rng.choice(syllables) for _ in range(rng.choice((2, 3, 3, 4)))))
    words = STOP_WORDS + SUBJECT_WORDS + sorted(invented)
    cumulative, total = [], 0.0
    for rank in range(1, len(words) + 1):
        total += 1 / (rank + 2.7)  # Zipf-Mandelbrot, as fitted to English text
        cumulative.append(total)
    return words, cumulative


WORDS, CUMULATIVE_WEIGHTS = vocabulary()


def sentence(rng, words=14):
    text = " ".join(rng.choices(WORDS, cum_weights=CUMULATIVE_WEIGHTS, k=words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng, sentences=4):
    return " ".join(sentence(rng) for _ in range(sentences))


def guide_body(rng, sections, questions):
    return [
        (
            "section",
            {
                "title": sentence(rng, 4).rstrip("."),
                "intro": f"<p>{paragraph(rng, 1)}</p>",
                "questions": [
                    {
                        "question": f"{rng.choice(QUESTION_STARTS)} {sentence(rng, 6).lower().rstrip('.')}?",
                        "answer": [("paragraph", f"<p>{paragraph(rng, 3)}</p>")],
                    }
                    for _ in range(questions)
                ],
            },
        )
        for _ in range(sections)
    ]


def transcript(rng, segments):
    def clock(seconds):
        return f"{seconds // 3600:02}:{seconds // 60 % 60:02}:{seconds % 60:02}"

    # One part of text holding every paragraph, as editors and the importer store transcripts.
    text = "\n\n".join(f"{clock(n * 7)} {sentence(rng, 18)}" for n in range(segments))
    return [("part", {"chapter": "", "text": text})]


def generate(pages=10_000, seed=1, big_guide_questions=100, big_transcript=2_000, log=print, demo=True):
    """Build `pages` content pages under the demo indexes (or, with `demo=False`, the indexes and topics
    already there, one of each index): event notes (1 in 10), then guides, reviews and articles in
    turn, each tagged with two topics. Everything is indexed at the end."""
    from django.core.management import call_command

    from articles.models import ArticleIndexPage, ArticlePage
    from guides.models import GuideIndexPage, GuidePage
    from reviews.models import EventNotesIndexPage, EventNotesPage, TalkReviewIndexPage, TalkReviewPage
    from topics.models import TopicPage

    rng = random.Random(seed)
    # Index once at the end (update_index), not page by page as each save would.
    for backend in settings.WAGTAILSEARCH_BACKENDS.values():
        backend["AUTO_UPDATE"] = False
    if demo:
        call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115 - indexes and topics
    guides = GuideIndexPage.objects.get()
    reviews = TalkReviewIndexPage.objects.get()
    articles = ArticleIndexPage.objects.get()
    notes = EventNotesIndexPage.objects.get()
    topics = list(TopicPage.objects.all())
    start = datetime.date(2015, 1, 1)

    def make_page(n):
        day = start + datetime.timedelta(days=n % 3650)
        parent, page = _make_page(n, day)
        # Published on its day, as real pages are (listings and suggestions order by it).
        published = datetime.datetime.combine(day, datetime.time(9), datetime.UTC)
        page.first_published_at = page.last_published_at = published
        parent.add_child(instance=page)
        page.topics.set(rng.sample(topics, 2))

    def _make_page(n, day):
        """(parent, unsaved page) for the n-th generated page."""
        if n % 10 == 9:
            return notes, EventNotesPage(
                title=f"Notes {n}: {sentence(rng, 3).rstrip('.')}",
                summary=sentence(rng),
                start_date=day,
                body=[
                    (
                        "day",
                        {
                            "title": f"Day {d}",
                            "talks": [
                                {
                                    "title": sentence(rng, 5).rstrip("."),
                                    "notes": [("paragraph", f"<p>{paragraph(rng, 2)}</p>")],
                                }
                                for _ in range(5)
                            ],
                        },
                    )
                    for d in (1, 2)
                ],
            )
        if n % 3 == 0:
            big = n == 0  # one guide of `big_guide_questions` questions
            return guides, GuidePage(
                title=f"Guide {n}: {sentence(rng, 4).rstrip('.')}",
                summary=sentence(rng),
                body=guide_body(rng, 5 if big else 3, big_guide_questions // 5 if big else 4),
            )
        elif n % 3 == 1:
            return reviews, TalkReviewPage(
                title=f"Review {n}: {sentence(rng, 4).rstrip('.')}",
                talk_title=sentence(rng, 5).rstrip("."),
                summary=sentence(rng),
                review_date=day,
                video_url="https://www.youtube.com/watch?v=abcdefghijk",
                body=[("paragraph", f"<p>{paragraph(rng, 5)}</p>")],
                transcript=transcript(rng, big_transcript if n == 1 else 20),
            )
        else:
            return articles, ArticlePage(
                title=f"Article {n}: {sentence(rng, 4).rstrip('.')}",
                summary=sentence(rng),
                date=day,
                body=[("paragraph", f"<h2>{sentence(rng, 3)}</h2><p>{paragraph(rng, 6)}</p>")],
            )

    # One transaction per 500 pages: a commit per page is most of the time on SQLite.
    for first in range(0, pages, 500):
        with transaction.atomic():
            for n in range(first, min(first + 500, pages)):
                make_page(n)
        log(f"  {min(first + 500, pages)} pages")
    log("  indexing…")
    call_command("update_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("rebuild_suggestions", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # After a bulk load, the planner's statistics are empty until autovacuum gets round to it;
    # without them PostgreSQL picked nested loops that took seconds per search. VACUUM too: indexing
    # writes each entry twice (search/postgres_backend.py), which autovacuum would clean up later.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
