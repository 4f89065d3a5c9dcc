"""Property-based tests: whatever a visitor or a file throws at the search view and the importers,
the answer is a page, the importer's own SourceError or a CommandError, never another exception."""

import tempfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from wagtail.models import Page, Revision

from reviews.importers import SourceError
from reviews.importers.markdown_notes import parse_event_notes
from reviews.importers.transcripts import parse_transcript
from tests import factories
from tests.reviews.conftest import make_review

pytestmark = pytest.mark.django_db

FIXTURE = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
PURE = settings(max_examples=300, deadline=None)

# Text that looks like the importers' formats, so examples reach deep into the parsers.
NOTES_PIECES = st.sampled_from(
    ["---\n", "title: T\n", "date: 2024-01-02\n", "end_date: x\n", "## Day 1\n", "### Talk\n", "- item\n",
     "  - nested\n", "> quote\n", "```python\n", "```\n", "| a | b |\n|---|---|\n", "[link](javascript:x)\n",
     "<script>alert(1)</script>\n", "\n", "text\n", "summary: [1, 2]\n", "title:\n", "date: 2024-02-30\n"]
)  # fmt: skip
TRANSCRIPT_PIECES = st.sampled_from(
    ["WEBVTT\n\n", "00:00:01.000 --> 00:00:02.000\n", "00:00:01 hello.\n", "1:02:03 words\n", "[00:05] x\n",
     "99:99 bad\n", "\n", "NOTE x\n", "text without time\n", "00:00:0x.000 --> 1\n", "00:00:00,5 y\n"]
)  # fmt: skip
structured_notes = st.lists(NOTES_PIECES, max_size=25).map("".join)
structured_transcripts = st.lists(TRANSCRIPT_PIECES, max_size=25).map("".join)


@pytest.fixture
def search_site(home_page):
    testing = factories.topic(home_page, "Testing")
    factories.article(home_page, title="Data pipelines", topics=[testing])
    factories.review(home_page, title="A talk on data")
    return testing


@FIXTURE
@given(
    q=st.text(max_size=250),
    page=st.one_of(st.text(max_size=30), st.integers().map(str)),
    type_=st.one_of(st.text(max_size=30), st.sampled_from(["articlepage", "talkreviewpage", "topicpage", "page"])),
    topic=st.one_of(st.text(max_size=30), st.just("testing")),
)
@example(q="data", page="2", type_="articlepage", topic="testing")
@example(q="\x00<script>", page="-1", type_="\x00", topic="\ud800")
def test_search_with_any_query_page_type_and_topic_answers_200(client, search_site, q, page, type_, topic):
    params = {"q": q, "page": page, "type": type_, "topic": topic}
    params = {key: value.encode("utf-8", "surrogatepass").decode("utf-8", "replace") for key, value in params.items()}
    assert client.get("/search/", params).status_code == 200


@PURE
@given(text=st.one_of(st.text(max_size=2000), structured_notes))
def test_event_notes_parser_raises_only_source_error(text):
    try:
        parse_event_notes(text, "notes.md")
    except SourceError as error:
        assert str(error).startswith("notes.md")


@PURE
@given(text=st.one_of(st.text(max_size=2000), structured_transcripts))
def test_transcript_parser_raises_only_source_error(text):
    try:
        segments = parse_transcript(text, "talk.txt")
    except SourceError as error:
        assert str(error).startswith("talk.txt")
    else:
        assert segments and all(segment.start >= 0 for segment in segments)


def counts():
    return Page.objects.count(), Revision.objects.count()


def write(data):
    handle = tempfile.NamedTemporaryFile(delete=False, suffix=".txt")  # noqa: SIM115
    with handle:
        handle.write(data)
    return Path(handle.name)


def run_command(name, data, *args):
    """call_command on a file holding `data`: success, or a CommandError with nothing written."""
    path = write(data)
    before = counts()
    try:
        call_command(name, str(path), *args, stdout=open("/dev/null", "w"))  # noqa: SIM115
    except CommandError:
        assert counts() == before
    finally:
        path.unlink()


raw_files = st.one_of(
    st.binary(max_size=600),
    st.text(max_size=600).map(lambda t: t.encode("utf-8", "surrogatepass")),
    structured_notes.map(str.encode),
    structured_transcripts.map(str.encode),
)


@FIXTURE
@given(data=raw_files)
def test_import_event_notes_command_with_any_file_succeeds_or_fails_cleanly(home_page, admin_user, data):
    index = factories.notes_index(home_page)
    run_command("import_event_notes", data, "--parent", str(index.pk))


@FIXTURE
@given(data=raw_files)
def test_import_transcript_command_with_any_file_succeeds_or_fails_cleanly(home_page, admin_user, data):
    index = factories.review_index(home_page)
    review = Page.objects.child_of(index).first() or make_review(index)
    run_command("import_transcript", data, "--page", str(review.pk))
