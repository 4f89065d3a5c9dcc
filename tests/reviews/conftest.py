"""Fixtures for talk reviews and event notes: the two index pages, a review, helpers to render."""

import datetime
from pathlib import Path

import pytest
from wagtail import blocks

from reviews.models import EventNotesIndexPage, TalkReviewIndexPage, TalkReviewPage

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"


def seed(name):
    """A seed file from ../shared/seeds, or skip the test when the seeds are not checked out."""
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"seed {name} not present at {SEEDS}")
    return path


@pytest.fixture
def review_index(home_page):
    index = TalkReviewIndexPage(title="Videos to Watch", slug="videos", intro="Talks worth your time.")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def notes_index(home_page):
    index = EventNotesIndexPage(title="Event notes", slug="notes")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_review(index, slug="a-talk", transcript=(), **fields):
    fields = {
        "title": "A talk worth watching",
        "talk_title": "A Talk",
        "review_date": datetime.date(2025, 1, 1),
        "video_url": "https://www.youtube.com/watch?v=abcdefghijk",
        "summary": "Why to watch it.",
        **fields,
    }
    page = TalkReviewPage(slug=slug, transcript=list(transcript), **fields)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def review(review_index):
    return make_review(review_index)


def block_form_data(block, value, prefix):
    """The POST data the page editor sends for `value` of `block` (what the browser would submit)."""
    if isinstance(block, blocks.StreamBlock):
        data = {f"{prefix}-count": str(len(value))}
        for i, child in enumerate(value):
            data.update({f"{prefix}-{i}-type": child.block_type, f"{prefix}-{i}-deleted": ""})
            data.update({f"{prefix}-{i}-order": str(i), f"{prefix}-{i}-id": child.id or ""})
            data.update(block_form_data(child.block, child.value, f"{prefix}-{i}-value"))
        return data
    if isinstance(block, blocks.ListBlock):
        data = {f"{prefix}-count": str(len(value))}
        for i, child in enumerate(value.bound_blocks):
            data.update({f"{prefix}-{i}-deleted": "", f"{prefix}-{i}-order": str(i), f"{prefix}-{i}-id": child.id})
            data.update(block_form_data(block.child_block, child.value, f"{prefix}-{i}-value"))
        return data
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child in block.child_blocks.items():
            data.update(block_form_data(child, value.get(name), f"{prefix}-{name}"))
        return data
    if isinstance(block, blocks.BooleanBlock):
        return {prefix: "on"} if value else {}
    form_value = block.value_for_form(value)
    if isinstance(block, blocks.RichTextBlock):
        form_value = block.field.widget.format_value(form_value)
    return {prefix: "" if form_value is None else str(form_value)}
