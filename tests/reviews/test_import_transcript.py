import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from reviews.importers.transcripts import parse_transcript, transcript_value
from reviews.models import TalkReviewPage
from tests.conftest import parse
from tests.reviews.conftest import FIXTURES, make_review, seed


def import_transcript(path, page, *extra):
    call_command("import_transcript", str(path), "--page", str(page), *extra)


def draft_transcript(page):
    """(start, words) per paragraph of the latest draft: the words without the times of later lines."""
    draft = TalkReviewPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    return [(row.start.label, " ".join(c.text for c in row.cues)) for row in draft.transcript_segments()]


def draft_moments(page):
    draft = TalkReviewPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    return [cue.label for row in draft.transcript_segments() for cue in row.cues]


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
    # …and no line loses its own time.
    assert [[seconds for seconds, _words in s.lines] for s in segments] == [[0, 3, 9, 20, 31], [40], [90], [3723]]
    assert transcript_value(segments)[0]["value"]["text"].split("\n\n")[0] == (
        "00:00:00 Welcome to the show.\n00:00:03 Today we talk about testing."
        "\n00:00:09 It matters because bugs are expensive.\n00:00:20 Let's begin with a story"
        "\n00:00:31 about a failing build."
    )


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
def test_import_saves_a_draft_and_running_again_replaces_it(review, admin_user):
    import_transcript(FIXTURES / "talk.txt", review.url_path.removeprefix("/home"))
    first = draft_transcript(review)
    assert len(first) == 4
    assert not TalkReviewPage.objects.get(pk=review.pk).transcript  # the live page waits for an editor
    revisions = Revision.objects.count()
    out = StringIO()
    call_command("import_transcript", str(FIXTURES / "talk.txt"), "--page", str(review.pk), stdout=out)
    assert draft_transcript(review) == first and Revision.objects.count() == revisions  # nothing changed
    assert out.getvalue().startswith(f"{FIXTURES / 'talk.txt'} (4 paragraphs, 8 timed lines): unchanged (draft) ")
    import_transcript(FIXTURES / "talk.vtt", review.pk, "--publish")
    live = TalkReviewPage.objects.get(pk=review.pk)
    assert [row.start.label for row in live.transcript_segments()] == ["00:00:01", "00:00:40"]


@pytest.mark.django_db
def test_published_transcript_is_collapsible_with_every_time_linking_into_the_video(client, review, admin_user):
    import_transcript(FIXTURES / "talk.txt", review.pk, "--publish")
    html = parse(client.get(review.url))
    details = html.find("details", class_="transcript")
    assert details.summary.get_text(strip=True) == "Transcript"
    paragraphs = details.select("ol.transcript__segments > li")
    assert [p.time["datetime"] for p in paragraphs] == ["PT0S", "PT40S", "PT90S", "PT3723S"]
    # One link per paragraph, its start; the later lines keep their moments as ids, not as links.
    times = details.find_all("time")
    assert [t["datetime"] for t in times] == ["PT0S", "PT40S", "PT90S", "PT3723S"]
    assert [t.find_parent("a")["href"] for t in times[:2]] == [
        "https://www.youtube.com/watch?v=abcdefghijk&t=0s",
        "https://www.youtube.com/watch?v=abcdefghijk&t=40s",
    ]
    assert times[-1].get_text() == "01:02:03"
    assert times[-1].find_parent("a")["href"] == "https://www.youtube.com/watch?v=abcdefghijk&t=3723s"
    assert [tag["id"] for tag in paragraphs[0].select("[id]")] == ["t-3", "t-9", "t-20", "t-31"]
    first = " ".join(paragraphs[0].get_text(" ").split())
    assert first == (
        "Play from 00:00:00 Welcome to the show. Today we talk about testing. It matters because "
        "bugs are expensive. Let's begin with a story about a failing build."
    )
    assert "And that is the end." in details.get_text()
    # A video's times open the video: the audio player's script is not on the page.
    assert html.find("script", src=lambda src: src and "audio-player" in src) is None


@pytest.mark.django_db
def test_transcript_text_is_found_by_search_but_not_its_times(review, admin_user):
    import_transcript(FIXTURES / "talk.txt", review.pk, "--publish")
    results = TalkReviewPage.objects.live().search("failing build")
    assert review.pk in [page.pk for page in results]
    searchable = TalkReviewPage.transcript.field.stream_block.get_searchable_content(
        TalkReviewPage.objects.get(pk=review.pk).transcript
    )
    assert "about a failing build." in " ".join(searchable) and "00:00:31" not in " ".join(searchable)


@pytest.mark.django_db
def test_seed_transcript_keeps_first_and_last_timestamps_and_every_word(review, admin_user):
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
    assert draft_moments(review) == stamps  # and every line keeps its own time


@pytest.mark.django_db
def test_every_seed_paragraph_links_to_its_moment_and_every_timestamp_keeps_an_id(client, review_index, admin_user):
    path = seed("002_2ac355835e1b95cf.txt")
    stamps = re.findall(r"^(\d\d:\d\d:\d\d) ", path.read_text(), flags=re.M)
    assert len(stamps) == 982
    episode = make_review(
        review_index, "episode-451", kind="episode", video_url="", audio_url="http://localhost/media/episode-451.mp3"
    )
    import_transcript(path, episode.pk, "--publish")
    html = parse(client.get(episode.url))
    links = html.select("details.transcript a[href]")
    rows = html.select("ol.transcript__segments > li")
    assert len(links) == len(rows) < len(stamps) / 3  # one tab stop per paragraph, not one per line
    for link in links:
        seconds = int(link.time["datetime"].removeprefix("PT").removesuffix("S"))
        assert link["href"] == f"http://localhost/media/episode-451.mp3#t={seconds}"
    ids = [tag["id"] for tag in html.select("ol.transcript__segments [id]")]
    assert [int(anchor.removeprefix("t-").split("-")[0]) for anchor in ids] == [
        int(h) * 3600 + int(m) * 60 + int(s) for h, m, s in (stamp.split(":") for stamp in stamps)
    ]


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
def test_bad_input_names_file_and_line_and_writes_nothing(review, admin_user, name, where, message):
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
def test_page_must_be_a_review(review_index, admin_user):
    with pytest.raises(CommandError, match="is not a talk review"):
        import_transcript(FIXTURES / "talk.txt", review_index.pk)


def create_episode(path, *extra):
    call_command("import_transcript", str(path), "--create", *extra)
    return TalkReviewPage.objects.latest("pk")


@pytest.mark.django_db
def test_create_makes_a_draft_review_of_an_episode_that_had_none(client, review_index, admin_user, capsys):
    review = create_episode(
        FIXTURES / "talk.txt",
        "--parent",
        "/videos/",
        "--title",
        "Episode 12: Failing builds",
        "--audio-url",
        "http://localhost/media/episode-12.mp3",
        "--episode-url",
        "https://podcast.test/12",
        "--podcast",
        "The Testing Show",
    )
    assert review.get_parent().pk == review_index.pk and not review.live
    draft = review.get_latest_revision_as_object()
    assert (draft.kind, draft.title, draft.talk_title, draft.podcast) == (
        "episode",
        "Episode 12: Failing builds",
        "Episode 12: Failing builds",
        "The Testing Show",
    )
    assert (draft.audio_url, draft.details_url, draft.video_url) == (
        "http://localhost/media/episode-12.mp3",
        "https://podcast.test/12",
        "",
    )
    assert draft_moments(review)[:3] == ["00:00:00", "00:00:03", "00:00:09"]
    out = capsys.readouterr().out
    assert "http://localhost/videos/episode-12-failing-builds/" in out and "8 timed lines" in out

    draft.save_revision().publish()
    html = parse(client.get(review.url))
    assert html.find("dt", string="Episode").find_next("dd").get_text() == "Episode 12: Failing builds"
    assert html.find("dt", string="Podcast").find_next("dd").get_text() == "The Testing Show"
    assert html.find("audio")["src"] == "http://localhost/media/episode-12.mp3"
    assert html.find("a", href="https://podcast.test/12").get_text() == "The episode on The Testing Show’s site"
    assert html.select_one("details.transcript a")["href"] == "http://localhost/media/episode-12.mp3#t=0"


EPISODE = ["--parent", "/videos/", "--title", "Episode 12: Failing builds", "--episode-url", "https://podcast.test/12"]


@pytest.mark.django_db
def test_create_again_updates_the_episode_made_before(review_index, admin_user, tmp_path):
    path = tmp_path / "episode.txt"
    path.write_text((FIXTURES / "talk.txt").read_text())
    review = create_episode(path, *EPISODE, "--publish")
    before = counts()
    out = StringIO()
    call_command("import_transcript", str(path), "--create", *EPISODE, "--publish", stdout=out)
    assert counts() == before and TalkReviewPage.objects.latest("pk").pk == review.pk
    assert "unchanged (published) http://localhost/videos/episode-12-failing-builds/" in out.getvalue()

    path.write_text(path.read_text() + "01:02:10 One more thing.\n")
    again = create_episode(path, *EPISODE, "--podcast", "The Testing Show", "--publish")
    assert again.pk == review.pk and counts() == (before[0], before[1] + 1)
    assert again.podcast == "The Testing Show" and draft_transcript(again)[-1][1].endswith("One more thing.")


@pytest.mark.django_db
def test_create_refuses_to_turn_a_talk_review_into_an_episode(review_index, admin_user):
    make_review(review_index, "episode-12-failing-builds", title="Episode 12: Failing builds")
    before = counts()
    with pytest.raises(CommandError, match="/videos/episode-12-failing-builds/ reviews a talk, not an episode"):
        create_episode(FIXTURES / "talk.txt", *EPISODE)
    assert counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--parent", "/videos/", "--audio-url", "http://localhost/a.mp3"], "--create needs --title"),
        (["--title", "T", "--audio-url", "http://localhost/a.mp3"], "--create needs --parent"),
        (["--parent", "/videos/", "--title", "T"], "--create needs --audio-url or --episode-url"),
        (["--parent", "/", "--title", "T", "--episode-url", "https://podcast.test/1"], "is not the index of reviews"),
        (
            ["--parent", "/videos/", "--title", "T", "--audio-url", "https://cdn.elsewhere.test/1.mp3"],
            "--audio-url: Browsers will not play audio from https://cdn.elsewhere.test",
        ),
        (["--parent", "/videos/", "--title", "T" * 300, "--episode-url", "https://podcast.test/1"], "--title:"),
        (["--page", "/videos/", "--parent", "/videos/", "--title", "T"], "not allowed with argument"),
    ],
)
def test_create_refuses_incomplete_or_wrong_options_and_writes_nothing(review_index, admin_user, options, message):
    before = counts()
    with pytest.raises(CommandError, match=re.escape(message)):
        create_episode(FIXTURES / "talk.txt", *options)
    assert counts() == before


@pytest.mark.django_db
def test_create_with_a_bad_transcript_reports_the_line_and_writes_nothing(review_index, admin_user):
    before = counts()
    with pytest.raises(CommandError, match=r"bad_timestamp\.txt:3: expected 'HH:MM:SS text'"):
        create_episode(
            FIXTURES / "bad_timestamp.txt",
            "--parent",
            "/videos/",
            "--title",
            "T",
            "--episode-url",
            "https://podcast.test/1",
        )
    assert counts() == before


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("00:00:01 a\n00:00:02 10:30:00 is when doors open\n", 2, "looks like a time (10:30:00)"),
        ("WEBVTT\n\n00:00:09.000 --> 00:00:10.000\nlate\n\n00:00:02.000 --> 00:00:03.000\nearly\n", None, "earlier"),
    ],
)
def test_words_that_would_be_misread_as_times_are_refused(text, line, message):
    from reviews.importers import SourceError

    with pytest.raises(SourceError, match=re.escape(message)) as error:
        parse_transcript(text, "t.txt")
    assert error.value.line == line


def test_speaker_prefixes_name_who_speaks_and_a_new_speaker_starts_a_paragraph():
    text = (
        "00:00:01 Sarah Boyce: Welcome to the show.\n00:00:04 It is good to be here.\n"
        "00:00:06 Speaker 2: Thanks for having me.\n00:00:09 So here's the thing: tests.\n"
    )
    segments = parse_transcript(text)
    assert [(s.timestamp, s.speaker, s.text) for s in segments] == [
        ("00:00:01", "Sarah Boyce", "Welcome to the show. It is good to be here."),
        # "So here's the thing:" is not a name: words, in the same paragraph.
        ("00:00:06", "Speaker 2", "Thanks for having me. So here's the thing: tests."),
    ]
    assert transcript_value(segments)[0]["value"]["text"].startswith("00:00:01 Sarah Boyce: Welcome to the show.")


def test_webvtt_voice_tags_name_who_speaks():
    text = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ana>Hello.</v>\n\n00:00:03.500 --> 00:00:05.000\nStill me.\n\n"
        "00:00:05.000 --> 00:00:07.000\n<v.loud Tushar Gupta>Hi Ana.</v>\n"
    )
    assert [(s.speaker, s.text) for s in parse_transcript(text)] == [
        ("Ana", "Hello. Still me."),
        ("Tushar Gupta", "Hi Ana."),
    ]


@pytest.mark.parametrize("line", ["## Getting started", "Chapter: Getting started", "chapter:Getting started"])
def test_a_chapter_line_opens_a_chapter_and_each_chapter_is_a_part(line):
    text = f"00:00:01 Intro words.\n\n{line}\n00:00:20 First words of the chapter.\n00:00:24 More."
    segments = parse_transcript(text)
    assert [(s.timestamp, s.chapter) for s in segments] == [("00:00:01", ""), ("00:00:20", "Getting started")]
    assert transcript_value(segments) == [
        {"type": "part", "value": {"chapter": "", "text": "00:00:01 Intro words."}},
        {
            "type": "part",
            "value": {"chapter": "Getting started", "text": "00:00:20 First words of the chapter.\n00:00:24 More."},
        },
    ]
