"""How a transcript reads on the review page: one link per paragraph, speakers, chapters, a byte budget.

Where a linked moment lands, and find-in-transcript, are shown in a browser: tests/browser/test_transcript.py.
"""

import re

import pytest

from reviews.blocks import seconds_to_timestamp
from reviews.importers.transcripts import parse_transcript, transcript_value
from tests.conftest import parse
from tests.reviews.conftest import make_review

pytestmark = pytest.mark.django_db

# A two-hour episode as captions give it: a line every 4 s, a sentence ending every eighth line.
TWO_HOURS = 2 * 3600
LINE_SECONDS = 4
# The page's markup per paragraph (time, link, ids, list item), words excluded: bounded, whatever the length.
MARKUP_BYTES_PER_PARAGRAPH = 450
# The whole two-hour review page, uncompressed (225 paragraphs, 171 KB when this was set; a link and <time>
# on every caption line made it ~330 KB).
TWO_HOUR_PAGE_BYTES = 200_000


def caption_lines(seconds=TWO_HOURS):
    for n, start in enumerate(range(0, seconds, LINE_SECONDS)):
        end = "." if n % 8 == 7 else ""
        yield f"{seconds_to_timestamp(start)} words of line {n} said at the microphone{end}"


def review_with(index, text, **fields):
    return make_review(index, transcript=transcript_value(parse_transcript(text)), **fields)


def transcript_html(client, review):
    return parse(client.get(review.url)).find("details", class_="transcript")


def test_each_paragraph_has_one_link_its_start_and_later_moments_are_targets_not_tab_stops(client, review_index):
    text = "00:00:00 Hello there.\n00:00:04 More words.\n00:00:09 And more.\n\n00:00:40 A new one.\n00:00:44 Later."
    review = review_with(review_index, text)
    details = transcript_html(client, review)
    paragraphs = details.select("ol.transcript__segments > li")
    assert [p["id"] for p in paragraphs] == ["t-0", "t-40"]
    # One focusable thing per paragraph: the link to its start.
    assert [[a["href"] for a in p.find_all("a")] for p in paragraphs] == [
        ["https://www.youtube.com/watch?v=abcdefghijk&t=0s"],
        ["https://www.youtube.com/watch?v=abcdefghijk&t=40s"],
    ]
    assert [t["datetime"] for t in details.find_all("time")] == ["PT0S", "PT40S"]
    # Later moments keep their id inside their paragraph, so links to them (search results) still land.
    assert paragraphs[1].find(id="t-44") is not None and paragraphs[0].find(id="t-9") is not None
    assert " ".join(paragraphs[0].p.get_text().split()) == "Hello there. More words. And more."


def test_without_a_recording_the_start_is_a_plain_time(client, review_index):
    review = review_with(review_index, "00:00:05 Hello.", video_url="")
    details = transcript_html(client, review)
    assert details.find("a") is None and details.find("time")["datetime"] == "PT5S"


def test_a_two_hour_episode_stays_under_its_html_budget(client, review_index):
    review = review_with(review_index, "\n".join(caption_lines()))
    response = client.get(review.url)
    html = response.content.decode()
    rows = parse(response).select("ol.transcript__segments > li")
    words = sum(len(row.p.get_text().encode()) for row in rows)
    markup = sum(len(str(row).encode()) for row in rows) - words
    assert len(rows) > 200  # paragraphs of about 30 s, not one per caption line
    assert markup / len(rows) <= MARKUP_BYTES_PER_PARAGRAPH
    assert len(response.content) <= TWO_HOUR_PAGE_BYTES
    # Every moment of the source is still reachable by its id.
    assert len(re.findall(r' id="t-\d+"', html)) == TWO_HOURS // LINE_SECONDS


def test_chapters_are_headings_in_the_transcript_and_entries_in_the_contents(client, review_index):
    text = (
        "00:00:01 Ada: Hello.\n\n## Why mentor\n00:00:20 Ada: Because.\n\n00:00:40 Grace: Yes.\n\n"
        "Chapter: Review\n00:01:00 Ada: Again."
    )
    review = review_with(review_index, text)
    html = parse(client.get(review.url))
    chapters = html.select("details.transcript h3.transcript__chapter")
    # "Review" is the review part's id already: the chapter gets its own.
    assert [(h.get_text(), h["id"]) for h in chapters] == [("Why mentor", "why-mentor"), ("Review", "review-2")]
    contents = html.select_one("nav.toc")
    transcript_entry = contents.find("a", href="#transcript").find_parent("li")
    assert [(a.get_text(), a["href"]) for a in transcript_entry.select(":scope > ol > li > a")] == [
        ("Why mentor", "#why-mentor"),
        ("Review", "#review-2"),
    ]


def test_a_speaker_is_named_once_where_they_start_speaking(client, review_index):
    text = "00:00:01 Ada: Hello.\n\n00:00:20 Ada: Still me.\n\n00:00:40 Grace: Yes.\n\n00:01:00 Ada: Again."
    review = review_with(review_index, text)
    rows = transcript_html(client, review).select("ol.transcript__segments > li")
    assert [" ".join(row.p.get_text().split()) for row in rows] == [
        "Ada: Hello.",
        "Still me.",
        "Grace: Yes.",
        "Ada: Again.",
    ]
