"""Editing a transcript: parts of paragraphs as text, checked with the line of any mistake; older data converted."""

import importlib

import pytest
from django.urls import reverse
from wagtail import blocks

from reviews.blocks import TranscriptPartBlock, parse_paragraphs, seconds_to_timestamp
from reviews.importers.transcripts import parse_transcript, transcript_value
from tests.reviews.conftest import make_review

PART = TranscriptPartBlock()


def clean(text, chapter=""):
    return PART.clean(PART.to_python({"chapter": chapter, "text": text}))


def test_a_part_reads_paragraphs_speakers_and_later_moments_from_its_text():
    value = clean("00:01:05 Ada: First words\ncontinue here.\n00:01:09 Later words.\n\n1:30 Plain paragraph.")
    [first, second] = value.paragraphs
    assert (first.speaker, [(c.seconds, c.text) for c in first.cues]) == (
        "Ada",
        [(65, "First words continue here."), (69, "Later words.")],
    )
    assert (second.speaker, second.seconds, second.cues[0].text) == ("", 90, "Plain paragraph.")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "00:00:05 Hello.\n\nWords without a time.",
            "line 3: a paragraph starts with its time (e.g. 01:02:03), not 'Words'",
        ),
        ("00:00:05 Hello.\n00:00:01 Before.", "line 2: 00:00:01 is earlier than the moment before it"),
        ("00:00:05 Hello.\n\n00:00:04 Earlier paragraph.", "line 3: 00:00:04 is earlier than the moment before it"),
        ("00:00:05 Hello.\n1:2:3 odd time", "line 2: '1:2:3' is not a time; write it as HH:MM:SS"),
        ("00:00:05", "line 1: 00:00:05 has no words after it"),
    ],
)
def test_a_mistake_in_the_text_is_refused_with_its_line(text, message):
    with pytest.raises(blocks.StructBlockValidationError) as error:
        clean(text)
    assert error.value.block_errors["text"].messages == [message]


def test_imported_paragraphs_read_back_unchanged_from_the_text_they_are_stored_as():
    source = "\n".join(
        f"{seconds_to_timestamp(s)} Line {s // 4}{'.' if s % 32 == 28 else ''}" for s in range(0, 600, 4)
    )
    source = "00:00:00 Ada: Hello.\n## Part two\n" + source.split("\n", 1)[1]
    segments = parse_transcript(source)
    parts = transcript_value(segments)
    read_back = [p for part in parts for p in parse_paragraphs(part["value"]["text"])]
    assert read_back == [segment.paragraph for segment in segments]


def test_the_migration_turns_one_block_per_paragraph_into_parts_of_text():
    migration = importlib.import_module("reviews.migrations.0012_transcripts_edited_as_text_parts")
    stream = [
        {"type": "segment", "value": {"start": "00:00:01", "text": "Hello.\n00:00:04 More."}, "id": "a"},
        {"type": "segment", "value": {"start": "2:03", "text": "Second\n\nwith a blank line."}, "id": "b"},
        # Earlier than the moment before (the old form did not check): a part of its own, so it reads in order.
        {"type": "segment", "value": {"start": "00:00:30", "text": "Out of order."}, "id": "c"},
        {"type": "segment", "value": {"start": "", "text": "   "}, "id": "d"},
    ]
    parts = migration.as_parts(stream)
    assert [(p["type"], p["value"]) for p in parts] == [
        ("part", {"chapter": "", "text": "00:00:01 Hello.\n00:00:04 More.\n\n2:03 Second\nwith a blank line."}),
        ("part", {"chapter": "", "text": "00:00:30 Out of order."}),
    ]
    for part in parts:
        clean(part["value"]["text"])  # each converted part is valid as the editor checks it


@pytest.mark.django_db
def test_the_editor_opens_a_two_thousand_line_transcript_as_one_field(admin_client, review_index):
    text = "\n".join(f"{seconds_to_timestamp(s * 2)} Words of line {s}." for s in range(2000))
    review = make_review(review_index, transcript=transcript_value(parse_transcript(text)))
    assert len(review.transcript) == 1 and len(review.transcript_segments()) > 100
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[review.pk]))
    assert response.status_code == 200
    # The whole transcript travels as one text value, not as a block per paragraph.
    assert response.content.decode().count("Starts at") <= 1


@pytest.mark.django_db
def test_the_migration_converts_live_reviews_and_their_latest_drafts(review_index):
    from django.apps import apps

    from reviews.models import TalkReviewPage

    migration = importlib.import_module("reviews.migrations.0012_transcripts_edited_as_text_parts")
    old = [
        ("segment", {"start": "00:00:01", "text": "Hello.\n00:00:04 More."}),
        ("segment", {"start": "00:00:20", "text": "Next."}),
    ]
    review = make_review(review_index, transcript=old)
    review.title = "A draft title"
    review.save_revision()
    migration.convert(apps, None)
    live = TalkReviewPage.objects.get(pk=review.pk)
    draft = live.get_latest_revision_as_object()
    for page in (live, draft):
        assert [block.block_type for block in page.transcript] == ["part"]
        assert page.transcript[0].value["text"] == "00:00:01 Hello.\n00:00:04 More.\n\n00:00:20 Next."
    assert draft.title == "A draft title"
    assert [row.start.label for row in draft.transcript_segments()] == ["00:00:01", "00:00:20"]
