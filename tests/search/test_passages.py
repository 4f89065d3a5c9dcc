"""Results show the passages that answer the query: a question, a talk, a section, a transcript moment."""

import datetime
from unittest import mock

import pytest

from core.analysis import stems
from reviews.models import TalkReviewPage
from tests import factories
from tests.conftest import parse
from tests.guides.factories import make_guide, make_index, question, section

pytestmark = pytest.mark.django_db


def results(client, query, **params):
    """[(title, href, [(passage text, passage href, snippet HTML)])] of the first results page."""
    html = parse(client.get("/search/", {"q": query, **params}))
    found = []
    for item in html.select(".search-results .search-result"):
        passages = [
            (
                p.select_one(".search-passage__link").get_text(),
                p.select_one(".search-passage__link")["href"],
                p.select_one(".search-passage__snippet").decode_contents() if p.select_one("p") else "",
            )
            for p in item.select(".search-passage")
        ]
        found.append((item.h3.get_text(), item.h3.a["href"], passages))
    return found


def feature_requests_guide():
    return make_guide(
        make_index(),
        "Feature Requests",
        [
            section(
                "Understanding user impact",
                [
                    question("What users would see this change?", "Name the groups whose screens will differ."),
                    question("How do users recover from errors?", "Every action needs a way back: undo or help."),
                ],
            ),
            section(
                "Assess the risk",
                [question("Is there a power user available for advice?", "Someone who knows the workflows well.")],
            ),
            section("Estimate the cost", [question("What are the exception flows?", "When a step fails halfway.")]),
        ],
    )


def test_the_best_question_wins_on_all_the_words_not_the_first_that_holds_one(client):
    feature_requests_guide()
    [(title, href, passages)] = results(client, "How do users recover from errors")
    assert (title, href) == ("Feature Requests", "/guides/feature-requests/")
    # "What users would see…" comes first in the guide and holds "users"; the answer holds them all.
    assert passages[0][:2] == (
        "How do users recover from errors?",
        "/guides/feature-requests/#how-do-users-recover-from-errors",
    )
    assert "way back" in passages[0][2]


def test_a_quoted_phrase_links_the_passage_with_the_phrase(client):
    feature_requests_guide()
    [(_, _, passages)] = results(client, '"exception flows"')
    # Not the question whose answer says "workflows": a phrase is matched as words, in order.
    assert [p[1] for p in passages] == ["/guides/feature-requests/#what-are-the-exception-flows"]


def test_a_quoted_phrase_finds_only_pages_with_the_words_together(client, home_page):
    factories.article(home_page, title="Together", summary="Map the exception flows first.")
    factories.article(home_page, title="Apart", summary="An exception in one of the flows.")
    assert {r[0] for r in results(client, "exception flows")} == {"Together", "Apart"}
    assert [r[0] for r in results(client, '"exception flows"')] == ["Together"]
    # An unclosed quote is a phrase to the end, and never an error.
    assert [r[0] for r in results(client, '"exception flows')] == ["Together"]


def test_a_talk_in_event_notes_is_linked_with_a_snippet_from_its_notes(client, home_page):
    talks = [
        {"title": "Orientation and Welcome", "notes": [("paragraph", "<p>Housekeeping and coffee.</p>")]},
        {
            "title": "Contributing to Django or how I learned to stop worrying and just try to fix an ORM Bug",
            "notes": [
                (
                    "paragraph",
                    "<p>See also Carlton Gibson's keynote.</p><ul><li>Steps:<ol><li>Reproduce it</li></ol></li></ul>",
                )
            ],
        },
    ]
    notes = factories.event_notes(home_page, title="DjangoCon US", body=[("day", {"title": "Day 1", "talks": talks})])
    [(title, _, passages)] = results(client, "Carlton Gibson")
    assert title == "DjangoCon US"
    text, href, snippet = passages[0]
    assert text == talks[1]["title"]
    url, anchor = href.split("#")
    assert url == notes.url and anchor.startswith("contributing-to-django-or-how-i-learned")
    assert parse(client.get(notes.url)).find(id=anchor).get_text().startswith(talks[1]["title"])
    assert "<mark>Carlton</mark> <mark>Gibson</mark>" in snippet
    # Blocks keep a space between them, in the snippet as on the page.
    assert "Steps: Reproduce it" in snippet


def test_an_article_section_is_linked_by_the_id_its_heading_has_on_the_page(client, home_page):
    body = [
        ("paragraph", "<p>Intro.</p><h2>Common Table Expressions Support</h2><p>WITH queries suit hierarchies.</p>"),
        ("paragraph", "<h2>Advanced Tutorials</h2><h3>Formset factory management</h3><p>Forms in the browser.</p>"),
    ]
    article = factories.article(home_page, title="Roadmap ideas", body=body)
    [(_, _, passages)] = results(client, "formset factory")
    assert passages[0][:2] == ("Formset factory management", f"{article.url}#formset-factory-management")
    ids = {tag["id"] for tag in parse(client.get(article.url)).select("h2[id], h3[id]")}
    assert "formset-factory-management" in ids and "common-table-expressions-support" in ids


def test_a_transcript_moment_links_to_that_moment_on_the_page_and_in_the_recording(client, home_page):
    transcript = [
        ("segment", {"start": "00:00:00", "text": "A programme for people who would like to contribute."}),
        ("segment", {"start": "00:00:11", "text": "Its motto is Where Contributors Launch."}),
    ]
    review = factories.review(home_page, title="Djangonauts on a podcast", transcript=transcript)
    [(_, _, passages)] = results(client, '"where contributors launch"')
    assert passages[0][:2] == ("Transcript, 00:00:11", f"{review.url}#t-11")
    play = parse(client.get("/search/", {"q": "contributors launch"})).select_one(".search-passage--moment .meta a")
    assert play["href"] == "https://www.youtube.com/watch?v=abcdefghijk&t=11s"
    # The moment's id is on the review page, on the transcript row.
    row = parse(client.get(review.url)).find(id="t-11")
    assert row.name == "li" and "Where Contributors Launch" in row.get_text()


def test_at_most_three_passages_and_only_ones_that_match_as_well(client):
    make_guide(
        make_index(),
        "Migrations",
        [section("All", [question(f"Migration question {n}?", "Squash them.") for n in range(5)])]
        + [section("Other", [question("Unrelated?", "Nothing here.")])],
    )
    [(_, _, passages)] = results(client, "migration")
    assert len(passages) == 3
    assert all("Migration question" in p[0] for p in passages)


def test_titles_and_headings_rank_above_body_text(client, home_page):
    factories.article(home_page, title="Body", summary="", body=[("paragraph", "<p>About zephyr winds.</p>")])
    factories.article(home_page, title="Zephyr", summary="", body=[("paragraph", "<p>About winds.</p>")])
    factories.article(home_page, title="Heading", summary="", body=[("paragraph", "<h2>Zephyr</h2><p>Winds.</p>")])
    assert [r[0] for r in results(client, "zephyr")] == ["Zephyr", "Heading", "Body"]


def test_listing_pages_rank_below_content_that_matches_as_well(client, home_page):
    factories.topic(home_page, "Quasar")  # a listing page: its title and description say "quasar"
    factories.article(home_page, title="Quasar", summary="All about quasar.")
    assert [r[1].split("/")[1] for r in results(client, "quasar")] == ["articles", "topics"]


def test_equal_matches_go_to_the_newer_page(client, home_page):
    older = factories.article(home_page, title="Walrus notes", slug="older", summary="Walrus.")
    newer = factories.article(home_page, title="Walrus notes", slug="newer", summary="Walrus.")
    for page, year in ((older, 2024), (newer, 2025)):
        page.first_published_at = datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)
        page.save(update_fields=["first_published_at"])
    assert [r[1] for r in results(client, "walrus")] == [newer.url, older.url]
    older.first_published_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    older.save(update_fields=["first_published_at"])
    assert [r[1] for r in results(client, "walrus")] == [older.url, newer.url]


def long_transcript(minutes=30):
    """A line every 20 seconds; 'glacier' in the 5th minute, 'turbine' in the 20th, 'zephyr' throughout."""
    lines = []
    for seconds in range(0, minutes * 60, 20):
        words = {300: "The glacier moved again.", 1200: "A turbine turned slowly."}.get(seconds, "A zephyr blew.")
        clock = f"00:{seconds // 60:02}:{seconds % 60:02}"
        lines.append(("segment", {"start": clock, "text": words}))
    return lines


def test_a_page_ranks_by_its_best_passage_not_by_words_spread_over_a_long_transcript(client, home_page):
    # Every line of the first quarter hour says two of the words, every line of the second the third:
    # the database ranks the review first; no minute of it holds all three, the article's section does.
    dense = [
        ("segment", {"start": f"00:{s // 60:02}:{s % 60:02}", "text": "Zephyr, glacier." if s < 900 else "Turbine!"})
        for s in range(0, 1800, 10)
    ]
    factories.review(home_page, title="Weather podcast", talk_title="Weather", transcript=dense)
    factories.article(
        home_page,
        title="Weather notes",
        summary="",
        body=[("paragraph", "<h2>Ice</h2><p>A zephyr over a glacier drives a turbine, they say.</p>")],
    )
    assert [r[0] for r in results(client, "zephyr glacier turbine")][:2] == ["Weather notes", "Weather podcast"]


def test_a_passage_whose_heading_names_the_words_beats_one_whose_text_repeats_them(client, home_page):
    # Both pages have a passage with every word; SQLite's bm25 ranks the transcript that says them on
    # every line first. The talk that is about them comes first.
    chatter = [
        ("segment", {"start": f"00:{s // 60:02}:{s % 60:02}", "text": "Zephyr, glacier, turbine."})
        for s in range(0, 600, 10)
    ]
    factories.review(home_page, title="Weather podcast", talk_title="Weather", transcript=chatter)
    talks = [{"title": "Zephyr glacier turbine", "notes": [("paragraph", "<p>How wind farms are sited.</p>")]}]
    factories.event_notes(home_page, title="WindCon", body=[("day", {"title": "Day 1", "talks": talks})])
    assert [r[0] for r in results(client, "zephyr glacier turbine")] == ["WindCon", "Weather podcast"]


def test_a_short_page_with_some_of_the_words_is_not_dropped_when_a_long_one_has_them_all(client, home_page):
    review = factories.review(home_page, title="Zephyr, a podcast", talk_title="Zephyr", transcript=long_transcript())
    factories.article(home_page, title="Weather notes", summary="", body=[("paragraph", "<p>Glacier turbine.</p>")])
    found = results(client, "zephyr glacier turbine")
    assert {r[0] for r in found} == {"Weather notes", "Zephyr, a podcast"}
    # The transcript's passage is the minute that holds most of the words, linked at its line.
    [passages] = [r[2] for r in found if r[0] == "Zephyr, a podcast"]
    assert passages[0][:2] == ("Transcript, 00:05:00", f"{review.url}#t-300")


def test_a_transcript_is_built_and_analysed_once_per_version_not_on_every_search_that_shows_it(client, home_page):
    # Built and stemmed again on each search, a 2,000-line transcript cost 40 ms a request and left its
    # thousands of objects to Python's garbage collector, whose full collections paused one such search
    # in four (issue 29).
    factories.review(home_page, title="Zephyr, a podcast", talk_title="Zephyr", transcript=long_transcript())
    original = TalkReviewPage.transcript_stretches
    with (
        mock.patch.object(TalkReviewPage, "transcript_stretches", autospec=True, side_effect=original) as built,
        mock.patch("search.passages.stems", wraps=stems) as analysed,
    ):
        first = results(client, "zephyr glacier")
        analysed_before = analysed.call_count
        assert results(client, "zephyr glacier") == first
        assert analysed.call_count == analysed_before
        other = results(client, "zephyr turbine")
    assert built.call_count == 1
    assert first[0][2][0][1].endswith("#t-300") and other[0][2][0][1].endswith("#t-1200")
