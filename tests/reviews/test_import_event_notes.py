import datetime
import json
import re
import shutil

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from markdown_it import MarkdownIt
from wagtail.models import Page, Revision

from operations.moderation import EDITORS
from reviews.models import Event, EventNotesPage
from tests import factories
from tests.conftest import parse
from tests.editors.conftest import member_of
from tests.reviews.conftest import FIXTURES, block_form_data, seed
from topics.models import TopicPage

CONFERENCE = FIXTURES / "conference.md"


def import_notes(path, parent="/notes/", *extra):
    call_command("import_event_notes", str(path), "--parent", str(parent), *extra)
    return EventNotesPage.objects.latest("pk")


def published_html(client, path, notes_index):
    page = import_notes(path, notes_index.pk, "--publish")
    response = client.get(page.url)
    assert response.status_code == 200
    return page, parse(response)


def list_depth(tag):
    return len(tag.find_parents(["ul", "ol"])) - 1


@pytest.mark.django_db
def test_import_saves_a_draft_revision_under_the_parent_given_by_url_path(client, notes_index, admin_user):
    page = import_notes(CONFERENCE, "/notes/")
    assert page.get_parent().pk == notes_index.pk
    assert (page.title, page.slug, str(page.start_date), str(page.end_date)) == (
        "Fixture Conf 2024",
        "fixture-conf-2024",
        "2024-05-14",
        "2024-05-15",
    )
    assert page.summary == "Two days of fixture talks."
    assert not page.live and page.latest_revision is not None
    assert client.get("/notes/fixture-conf-2024/").status_code == 404  # an editor publishes it
    # The page history says who imported it (the first superuser, unless --user names someone).
    assert page.owner == admin_user and page.latest_revision.user == admin_user


@pytest.mark.django_db
def test_importing_again_updates_the_same_page_with_a_revision_only_when_something_changed(
    client, notes_index, admin_user, tmp_path, capsys
):
    path = tmp_path / "conference.md"
    shutil.copy(CONFERENCE, path)
    page = import_notes(path, notes_index.pk, "--publish")
    assert page.live and client.get(page.url).status_code == 200
    out = capsys.readouterr().out
    assert f"{path} (2 days, 4 talks, 0 topics): created (published) http://localhost/notes/fixture-conf-2024/\n" in out
    revisions = Revision.objects.count()

    assert import_notes(path, notes_index.pk, "--publish").pk == page.pk
    assert EventNotesPage.objects.count() == 1 and Revision.objects.count() == revisions
    assert "unchanged (published) http://localhost/notes/fixture-conf-2024/" in capsys.readouterr().out

    path.write_text(path.read_text().replace("Registration opened at nine.", "Registration opened at ten."))
    import_notes(path, notes_index.pk)
    assert EventNotesPage.objects.count() == 1 and Revision.objects.count() == revisions + 1
    edit = f"/admin/pages/{page.pk}/edit/"
    out = capsys.readouterr().out
    assert "updated (draft) http://localhost/notes/fixture-conf-2024/, edit at http" in out and edit in out
    assert "opened at nine" in client.get(page.url).content.decode()  # the live page waits for an editor
    # Publishing the draft just saved needs no new revision: it is the one published.
    import_notes(path, notes_index.pk, "--publish")
    assert Revision.objects.count() == revisions + 1
    assert "updated (published)" in capsys.readouterr().out
    assert "opened at ten" in client.get(page.url).content.decode()


@pytest.mark.django_db
def test_days_talks_and_a_table_of_contents_with_stable_anchors(client, notes_index, admin_user):
    page, html = published_html(client, CONFERENCE, notes_index)
    assert [h.get_text(" ", strip=True).removesuffix(" #") for h in html.select("main h2")] == ["Day 1", "Day 2"]
    talks = [h["id"] for h in html.select("main h3")]
    assert talks == [
        "opening-keynote",
        "caching-everything-some-things",
        "panel-running-conferences",
        "tools-compared",
    ]
    for heading in html.select("main h2, main h3"):
        assert heading.find("a", class_="self-link")["href"] == f"#{heading['id']}"
    toc = html.find("nav", attrs={"aria-label": "Contents"})
    assert [a["href"] for a in toc.find_all("a")] == ["#day-1", f"#{talks[0]}", f"#{talks[1]}", "#day-2"] + [
        f"#{t}" for t in talks[2:]
    ]
    assert "{{<" not in html.get_text()
    assert len(html.find_all("h1")) == 1
    # Anchors come from the content alone, so a second render gives the same ids.
    again = parse(client.get(page.url))
    assert [h["id"] for h in again.select("main h3")] == talks


@pytest.mark.django_db
def test_nothing_is_lost_lists_keep_their_depth_quotes_code_tables_emoji(client, notes_index, admin_user):
    _page, html = published_html(client, CONFERENCE, notes_index)
    main = html.find("main")
    text = main.get_text(" ", strip=True)
    for words in ["Written on the train home 🚆", "Registration opened at nine.", "Done ✅", "A minor heading"]:
        assert words in text
    items = {}
    for li in main.find_all("li"):
        own = li.find(string=True, recursive=False)
        if own and own.strip():
            items[own.strip()] = li
    assert list_depth(items["Why cache?"]) == 0
    assert list_depth(items["Latency"]) == 1
    assert items["Reads dominate"].parent.name == "ol"
    assert list_depth(items["Measure first"]) == 3
    assert list_depth(items["Level four detail"]) == 4
    assert main.find("s", string="Everything") is None  # the heading is plain text…
    assert "Caching ~~Everything~~ Some Things" not in text and "Caching Everything Some Things" in text
    assert main.find("i", string="expensive") is not None
    assert main.find("b", string="bold") is not None
    assert main.find("code", string="inline code") is not None
    assert main.find("a", href="https://docs.example.com/caching/?a=1&b=2").get_text() == "the caching guide"

    quotes = main.select("figure.quote")
    assert [[p.get_text(strip=True) for p in q.blockquote.find_all("p")] for q in quotes] == [
        ['"Small steps, often, beat big leaps, rarely"'],
        # A dialogue stays one quote; each paragraph keeps the name it ends with.
        ['"Start planning a year ahead." — Alex', '"Budget for the unexpected." — Sam'],
        ["A quote with nobody named."],
    ]
    assert quotes[0].figcaption.a["href"] == "https://social.example/@keynoter"
    assert " ".join(quotes[0].figcaption.get_text().split()) == "— @keynoter"
    assert quotes[1].figcaption is None and quotes[2].figcaption is None

    codes = {
        figure.pre.get_text().rstrip("\n"): figure.figcaption.get_text() for figure in main.select("figure.code-block")
    }
    assert codes == {
        "def cached(key):\n    return store.get(key)": "Python",
        "no language here": "Plain text",
        "++++[>++++<-]": "Plain text",
    }
    # Code written inside a list item stays inside it, indentation and all, and the list goes on.
    item = items["Example config:"]
    assert item.select_one("pre").get_text() == "cache:\n  ttl: 300"
    assert items["Tune"].find_parent("li") is item and list_depth(items["Tune"]) == 1
    assert items["Done ✅"].parent is item.parent

    table = main.find("table")
    assert [th.get_text(strip=True) for th in table.select("thead th[scope=col]")] == ["Tool", "Speed", "Link"]
    assert [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in table.select("tbody tr")] == [
        ["Alpha", "Fast", "site (https://alpha.example/)"],
        ["Beta", "Slow 🐢", "n/a"],
    ]
    assert table.find("a", href="https://alpha.example/") is not None


@pytest.mark.django_db
def test_imported_page_opens_in_the_editor_and_survives_a_save_unchanged(admin_client, notes_index):
    page = import_notes(CONFERENCE, notes_index.pk)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert admin_client.get(edit_url).status_code == 200

    draft = page.get_latest_revision_as_object()
    body_block, intro_block = EventNotesPage.body.field.stream_block, EventNotesPage.intro.field.stream_block
    before = (json.dumps(body_block.get_prep_value(draft.body)), json.dumps(intro_block.get_prep_value(draft.intro)))
    data = {
        "title": draft.title,
        "slug": draft.slug,
        "start_date": str(draft.start_date),
        "end_date": str(draft.end_date),
        "event": "",
        "summary": draft.summary,
        "seo_title": "",
        "search_description": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        **block_form_data(body_block, draft.body, "body"),
        **block_form_data(intro_block, draft.intro, "intro"),
    }
    response = admin_client.post(edit_url, data)
    assert response.status_code == 302, parse(response).select(".error-message, .help-critical")
    saved = EventNotesPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert saved.get_latest_revision().pk != draft.latest_revision.pk  # a new revision was written…
    after = (json.dumps(body_block.get_prep_value(saved.body)), json.dumps(intro_block.get_prep_value(saved.intro)))
    assert after == before  # …with exactly the same content
    body_block.clean(saved.body)


@pytest.mark.django_db
def test_summary_and_topics_come_from_the_front_matter_and_the_output_names_the_url(
    client, notes_index, admin_user, capsys
):
    home = notes_index.get_parent()
    testing, databases = factories.topic(home, "Testing"), factories.topic(home, "Django databases")
    page = import_notes(FIXTURES / "tagged.md", notes_index.pk)
    draft = page.get_latest_revision_as_object()
    assert draft.summary == "Notes on tests and databases from one day of talks."
    assert list(draft.topics.all()) == [testing, databases]  # by title or slug, any case, each once
    out = capsys.readouterr().out
    assert "http://localhost/notes/tagged-conf-2024/" in out and f"/admin/pages/{page.pk}/edit/" in out
    assert "/home/" not in out

    draft.save_revision().publish()
    html = parse(client.get(page.url))
    assert html.select_one(".lede").get_text() == draft.summary
    assert [a.get_text(strip=True) for a in html.select("header a[href^='/topics/']")] == [
        "Testing",
        "Django databases",
    ]


SEED_NOTES = "001_f92644eb82a98da5.txt"


@pytest.mark.django_db
def test_seed_conference_notes_keep_every_talk_link_and_code_block(client, notes_index, admin_user):
    path = seed(SEED_NOTES)
    source = path.read_text()
    page, html = published_html(client, path, notes_index)
    main = html.find("main")

    titles = [line[4:].strip() for line in source.splitlines() if line.startswith("### ")]
    rendered_titles = [h.find(string=True, recursive=False).strip() for h in main.select("h3")]
    assert len(titles) == 29 and rendered_titles == titles

    md = MarkdownIt("commonmark").enable("table")
    targets = {t.attrs["href"] for tok in md.parse(source) for t in tok.children or [] if t.type == "link_open"}
    targets |= set(re.findall(r"\]\((https?://[^)\s]+)\)", source))
    hrefs = {a["href"] for a in main.find_all("a")} | {
        q.blockquote.get("cite") for q in main.select("figure.quote") if q.blockquote.get("cite")
    }
    assert len(targets) >= 10
    assert targets <= hrefs, targets - hrefs

    fences = [t.content.strip("\n").rstrip() for t in md.parse(source) if t.type == "fence"]
    rendered_code = [pre.get_text().rstrip("\n") for pre in main.select("figure.code-block pre, div.rich-code pre")]
    assert len(fences) == 2 and rendered_code == fences

    text = main.get_text(" ", strip=True)
    for fragment in ["🦄", "✅ These tools provide", "-- Carlton Gibson", "Cache all the things!", "Selenium"]:
        assert fragment in text
    assert "{{< toc >}}" not in text


@pytest.mark.django_db
def test_seed_notes_open_in_the_editor(admin_client, notes_index):
    page = import_notes(seed(SEED_NOTES), notes_index.pk)
    assert admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    EventNotesPage.body.field.stream_block.clean(page.get_latest_revision_as_object().body)


def counts():
    return Page.objects.count(), Revision.objects.count()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "where", "message"),
    [
        ("bad_front_matter.md", ":3:", "malformed front matter"),
        ("unclosed_front_matter.md", ":1:", "never closed"),
        ("no_headings.md", ":5:", "no '## ' day headings"),
        ("talk_before_day.md", ":8:", "comes before the first day"),
        ("bad_date.md", ":3:", "is not a date"),
        # YAML that parses to an impossible date (found by the Hypothesis test): not a traceback.
        ("impossible_date.md", ":2:", "malformed front matter"),
        ("binary.txt", ":2:", "binary data"),
        ("list_title.md", ":2:", "'title' must be text, not a list"),
        ("mapping_categories.md", ":5:", "'categories' must be a list of names"),
    ],
)
def test_bad_input_names_file_and_line_and_writes_nothing(notes_index, admin_user, name, where, message):
    factories.topic(notes_index.get_parent(), "Testing")
    before = counts()
    with pytest.raises(CommandError) as error:
        import_notes(FIXTURES / name, notes_index.pk)
    text = str(error.value)
    assert f"{name}{where}" in text and message in text and "\n" not in text
    assert counts() == before


@pytest.mark.django_db
def test_code_in_a_list_item_keeps_its_language_on_the_page_and_in_its_markdown(client, notes_index, admin_user):
    page, html = published_html(client, CONFERENCE, notes_index)
    item = html.find(string=re.compile("Example config:")).find_parent("li")
    assert item.select_one("div.rich-code pre")["class"] == ["language-yaml"]
    markdown = client.get(page.url.rstrip("/") + ".md").content.decode()
    assert "- Example config:\n\n  ```yaml\n  cache:\n    ttl: 300\n  ```" in markdown


@pytest.mark.django_db
def test_unknown_tags_are_all_named_once_before_anything_is_written(notes_index, admin_user):
    factories.topic(notes_index.get_parent(), "Testing")
    path = FIXTURES / "unknown_topic.md"
    before = counts()
    with pytest.raises(CommandError) as error:
        import_notes(path, notes_index.pk)
    assert str(error.value) == (
        f"{path}: unknown topics: Gardening, Testng (did you mean Testing?), Birdwatching — "
        "add them under Topics, or re-run with --create-topics"
    )
    assert counts() == before


@pytest.mark.django_db
def test_create_topics_makes_each_unknown_tag_a_published_topic_once(client, notes_index, admin_user, capsys):
    testing = factories.topic(notes_index.get_parent(), "Testing")
    page = import_notes(FIXTURES / "unknown_topic.md", notes_index.pk, "--create-topics")
    assert "created topics: Gardening, Testng, Birdwatching" in capsys.readouterr().out
    topics = {topic.slug: topic for topic in TopicPage.objects.all()}
    assert set(topics) == {"testing", "gardening", "testng", "birdwatching"}
    gardening = topics["gardening"]
    assert gardening.title == "Gardening" and gardening.get_parent().pk == testing.get_parent().pk
    assert gardening.live and gardening.owner == admin_user and gardening.live_revision.user == admin_user
    assert client.get("/topics/gardening/").status_code == 200
    draft = page.get_latest_revision_as_object()
    assert {topic.slug for topic in draft.topics.all()} == {"testing", "gardening", "testng", "birdwatching"}

    before = counts()
    import_notes(FIXTURES / "unknown_topic.md", notes_index.pk, "--create-topics")
    assert counts() == before and TopicPage.objects.count() == 4
    assert "created topics" not in capsys.readouterr().out


@pytest.mark.django_db
def test_only_a_user_who_may_publish_topics_creates_them(notes_index, django_user_model):
    member_of(django_user_model, EDITORS, "edna")
    factories.topic_index(notes_index.get_parent())
    before = counts()
    with pytest.raises(CommandError) as error:
        import_notes(FIXTURES / "unknown_topic.md", notes_index.pk, "--create-topics", "--submit", "--user", "edna")
    assert (
        str(error.value) == "--create-topics: --user edna may not publish topics; a moderator can add them under Topics"
    )
    assert counts() == before


NAMED_EVENT = "---\ntitle: Fixture Conf notes\nevent: {event}\n{dates}---\n\n## Day 1\n\n### A talk\n\nWords.\n"


def notes_naming(tmp_path, event, dates=""):
    path = tmp_path / "notes.md"
    path.write_text(NAMED_EVENT.format(event=event, dates=dates))
    return path


@pytest.mark.django_db
def test_notes_name_their_event_by_name_or_slug_and_take_its_dates(notes_index, admin_user, tmp_path, capsys):
    event = Event.objects.create(
        name="Fixture Conf 2024", start_date=datetime.date(2024, 5, 14), end_date=datetime.date(2024, 5, 16)
    )
    page = import_notes(notes_naming(tmp_path, "Fixture Conf 2024"), notes_index.pk, "--publish")
    assert (page.event, page.start_date, page.end_date) == (event, event.start_date, event.end_date)
    revisions = Revision.objects.count()
    import_notes(notes_naming(tmp_path, "fixture-conf-2024"), notes_index.pk, "--publish")
    assert Revision.objects.count() == revisions and Event.objects.count() == 1
    assert "unchanged (published)" in capsys.readouterr().out


@pytest.mark.django_db
def test_an_event_chosen_by_an_editor_is_kept_when_the_notes_name_none(notes_index, admin_user):
    page = import_notes(CONFERENCE, notes_index.pk)
    event = Event.objects.create(name="Fixture Conf 2024", start_date=datetime.date(2024, 5, 13))
    draft = page.get_latest_revision_as_object()
    draft.event = event
    draft.save_revision()
    revisions = Revision.objects.count()
    import_notes(CONFERENCE, notes_index.pk)
    assert Revision.objects.count() == revisions
    assert EventNotesPage.objects.get(pk=page.pk).get_latest_revision_as_object().event == event


@pytest.mark.django_db
def test_an_unknown_event_is_an_error_at_its_line_or_created_from_the_dates(notes_index, admin_user, tmp_path, capsys):
    path = notes_naming(tmp_path, "Nowhere Conf", "date: 2024-09-02\nend_date: 2024-09-03\n")
    before = counts()
    with pytest.raises(CommandError) as error:
        import_notes(path, notes_index.pk)
    assert str(error.value) == (
        f"{path}:3: unknown event 'Nowhere Conf': add it under Talks › Events, or re-run with --create-events"
    )
    assert counts() == before and not Event.objects.exists()

    page = import_notes(path, notes_index.pk, "--create-events")
    event = Event.objects.get()
    assert (event.name, event.start_date, event.end_date) == (
        "Nowhere Conf",
        datetime.date(2024, 9, 2),
        datetime.date(2024, 9, 3),
    )
    assert page.event == event and "created event: Nowhere Conf (2024)" in capsys.readouterr().out
    import_notes(path, notes_index.pk, "--create-events")
    assert Event.objects.count() == 1

    with pytest.raises(CommandError, match=r"notes\.md:3: to create event 'Elsewhere Conf', give its first day"):
        import_notes(notes_naming(tmp_path, "Elsewhere Conf"), notes_index.pk, "--create-events")


@pytest.mark.django_db
def test_missing_file_and_wrong_parent_are_reported(notes_index, admin_user, review_index):
    before = counts()
    with pytest.raises(CommandError, match=r"nope\.md: no such file"):
        import_notes(FIXTURES / "nope.md", notes_index.pk)
    with pytest.raises(CommandError, match="no page with that id or URL path"):
        import_notes(CONFERENCE, "/no-such-section/")
    with pytest.raises(CommandError, match="event notes go under the event notes index"):
        import_notes(CONFERENCE, "/videos/")
    assert counts() == before


@pytest.mark.django_db
def test_a_failure_while_saving_rolls_everything_back(notes_index, admin_user, monkeypatch):
    before = counts()

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(EventNotesPage, "save_revision", fail)
    with pytest.raises(RuntimeError):
        import_notes(CONFERENCE, notes_index.pk)
    assert counts() == before


def test_command_line_error_is_one_line_and_exits_non_zero(tmp_path):
    import subprocess
    import sys

    from tests.reviews.conftest import ROOT

    bad = tmp_path / "broken.md"
    bad.write_text("---\ntitle: x\n")
    proc = subprocess.run(
        [sys.executable, "manage.py", "import_event_notes", str(bad), "--parent", "/notes/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode != 0
    assert proc.stderr.strip() == f"CommandError: {bad}:1: the front matter that starts here is never closed with '---'"
