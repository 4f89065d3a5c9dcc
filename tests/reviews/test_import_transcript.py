import re

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from reviews.importers.transcripts import parse_transcript
from reviews.models import TalkReviewPage
from tests.conftest import parse
from tests.reviews.conftest import FIXTURES, seed


def import_transcript(path, page, *extra):
    call_command("import_transcript", str(path), "--page", str(page), *extra)


def draft_transcript(page):
    draft = TalkReviewPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    return [(segment.value["start"], segment.value["text"]) for segment in draft.transcript]


def test_lines_join_into_paragraphs_that_keep_the_first_start_time():
    segments = parse_transcript((FIXTURES / "talk.txt").read_text())
    assert [(s.timestamp, s.text) for s in segments] == [
        # a sentence ends after 30 s or more: new paragraph
        (
            "00:00:00",
            "Welcome to the show. Today we talk about testing. It matters because bugs are expensive. "
            "Let's begin with a story about a failing build.",
        ),
        ("00:00:40", "The build had failed for a week."),  # then a long pause
        ("00:01:30", "After a long pause, we continue."),
        ("01:02:03", "And that is the end."),
    ]


def test_minutes_and_seconds_and_blank_lines_between_groups():
    segments = parse_transcript((FIXTURES / "grouped.txt").read_text())
    assert [(s.timestamp, s.text) for s in segments] == [
        ("00:00:05", "First thought continues here."),
        ("00:00:09", "Second paragraph after a blank line."),
    ]


def test_webvtt_cues_become_paragraphs_without_markup():
    segments = parse_transcript((FIXTURES / "talk.vtt").read_text())
    assert [(s.timestamp, s.text) for s in segments] == [
        ("00:00:01", "Hello and welcome. This line is split across two lines."),
        ("00:00:40", "A new paragraph, much later."),
    ]


@pytest.mark.django_db
def test_import_saves_a_draft_and_running_again_replaces_it(review):
    import_transcript(FIXTURES / "talk.txt", review.url_path.removeprefix("/home"))
    first = draft_transcript(review)
    assert len(first) == 4
    assert not TalkReviewPage.objects.get(pk=review.pk).transcript  # the live page waits for an editor
    import_transcript(FIXTURES / "talk.txt", review.pk)
    assert draft_transcript(review) == first
    import_transcript(FIXTURES / "talk.vtt", review.pk, "--publish")
    live = TalkReviewPage.objects.get(pk=review.pk)
    assert [segment.value["start"] for segment in live.transcript] == ["00:00:01", "00:00:40"]


@pytest.mark.django_db
def test_published_transcript_is_collapsible_with_timestamps_linking_into_the_video(client, review):
    import_transcript(FIXTURES / "talk.txt", review.pk, "--publish")
    html = parse(client.get(review.url))
    details = html.find("details", class_="transcript")
    assert details.summary.get_text(strip=True) == "Transcript"
    times = details.find_all("time")
    assert [t["datetime"] for t in times] == ["PT0S", "PT40S", "PT90S", "PT3723S"]
    assert times[-1].get_text() == "01:02:03"
    assert times[-1].find_parent("a")["href"] == "https://www.youtube.com/watch?v=abcdefghijk&t=3723s"
    assert "And that is the end." in details.get_text()


@pytest.mark.django_db
def test_transcript_text_is_found_by_search(review):
    import_transcript(FIXTURES / "talk.txt", review.pk, "--publish")
    results = TalkReviewPage.objects.live().search("failing build")
    assert review.pk in [page.pk for page in results]


@pytest.mark.django_db
def test_seed_transcript_keeps_first_and_last_timestamps_and_every_word(review):
    path = seed("002_2ac355835e1b95cf.txt")
    source = path.read_text()
    import_transcript(path, review.pk)
    segments = draft_transcript(review)
    stamps = re.findall(r"^(\d\d:\d\d:\d\d) ", source, flags=re.M)
    assert segments[0][0] == stamps[0] == "00:00:00"
    assert segments[-1][0] <= stamps[-1]
    last_line = source.strip().splitlines()[-1]
    assert last_line.split(" ", 1)[1] in segments[-1][1]  # the last line's words close the last paragraph
    source_words = re.sub(r"^\d\d:\d\d:\d\d ", "", source, flags=re.M).split()
    assert " ".join(text for _start, text in segments).split() == source_words
    assert 20 < len(segments) < len(stamps) / 3  # readable paragraphs, not one per line


@pytest.mark.django_db
def test_seed_transcript_last_timestamp_is_on_the_page(client, review):
    path = seed("002_2ac355835e1b95cf.txt")
    import_transcript(path, review.pk, "--publish")
    text = parse(client.get(review.url)).find("details", class_="transcript").get_text(" ")
    stamps = re.findall(r"^(\d\d:\d\d:\d\d) ", path.read_text(), flags=re.M)
    assert stamps[0] in text
    # The last paragraph starts at or before the last line; its start time is shown.
    assert draft_transcript(review)[-1][0] in text


def counts():
    return Page.objects.count(), Revision.objects.count()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "where", "message"),
    [
        ("bad_timestamp.txt", ":3:", "expected 'HH:MM:SS text'"),
        ("binary.txt", ":2:", "binary data"),
        ("conference.md", ":1:", "expected 'HH:MM:SS text'"),
        ("nope.txt", ": ", "no such file"),
    ],
)
def test_bad_input_names_file_and_line_and_writes_nothing(review, name, where, message):
    import_transcript(FIXTURES / "talk.txt", review.pk)
    before, transcript = counts(), draft_transcript(review)
    with pytest.raises(CommandError) as error:
        import_transcript(FIXTURES / name, review.pk)
    assert f"{name}{where}" in str(error.value) and message in str(error.value)
    assert counts() == before and draft_transcript(review) == transcript


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("00:00:05 a\n00:00:01 b\n", 2, "earlier than the line before"),
        ("00:00:05 a\n00:61:00 b\n", 2, "not a valid time"),
        ("\n\n", 1, "nothing to import"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nhi\n", 3, "unreadable WebVTT cue timing"),
    ],
)
def test_parser_errors_carry_the_line(text, line, message):
    from reviews.importers import SourceError

    with pytest.raises(SourceError) as error:
        parse_transcript(text, "t.txt")
    assert error.value.line == line and message in str(error.value)
    assert str(error.value).startswith(f"t.txt:{line}: ")


@pytest.mark.django_db
def test_page_must_be_a_review(review_index):
    with pytest.raises(CommandError, match="is not a talk review"):
        import_transcript(FIXTURES / "talk.txt", review_index.pk)
