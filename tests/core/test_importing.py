"""What the three importers share (core/importing.py): who they act as, draft, --submit or --publish, their words."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command, get_commands, load_command_class
from django.urls import reverse
from wagtail.models import Page, Revision, WorkflowPage

from articles.models import ArticlePage
from operations.moderation import EDITORS, MODERATORS
from reviews.models import EventNotesPage, TalkReviewPage
from tests import factories
from tests.editors.conftest import member_of
from tests.reviews.conftest import FIXTURES

COMMANDS = ["import_event_notes", "import_transcript", "import_articles"]
POST = "---\ntitle: A post\n---\n\nSome words.\n"


def prepare(command, home):
    """The index `command` imports into."""
    if command == "import_event_notes":
        return factories.notes_index(home)
    if command == "import_transcript":
        return factories.review_index(home)
    return factories.article_index(home)


def run(command, home, tmp_path, *options):
    """Import a small file with `command` (as `options` say): (its page, what it printed)."""
    out, index = StringIO(), prepare(command, home)
    if command == "import_event_notes":
        call_command(command, str(FIXTURES / "conference.md"), "--parent", str(index.pk), *options, stdout=out)
        page = EventNotesPage.objects.get()
    elif command == "import_transcript":
        episode = [
            "--create",
            "--parent",
            str(index.pk),
            "--title",
            "Episode 1",
            "--episode-url",
            "https://podcast.test/1",
        ]
        call_command(command, str(FIXTURES / "talk.txt"), *episode, *options, stdout=out)
        page = TalkReviewPage.objects.get(slug="episode-1")
    else:
        (tmp_path / "2024-01-02-a-post.md").write_text(POST)
        call_command(command, str(tmp_path / "2024-01-02-a-post.md"), *options, stdout=out, stderr=StringIO())
        page = ArticlePage.objects.get()
    return page, out.getvalue()


def counts():
    return Page.objects.count(), Revision.objects.count()


def options_of(command):
    """{option: (help, default, metavar)} of the options the importers share."""
    parser = load_command_class(get_commands()[command], command).create_parser("manage.py", command)
    return {
        option: (action.help, action.default, action.metavar)
        for action in parser._actions
        for option in action.option_strings
        if option in ("--user", "--submit", "--publish", "--create-topics")
    }


def test_the_three_importers_take_the_same_options_with_the_same_help():
    notes, transcript, articles = (options_of(command) for command in COMMANDS)
    assert set(notes) == {"--user", "--submit", "--publish", "--create-topics"}
    assert notes == articles
    assert transcript == {option: notes[option] for option in ("--user", "--submit", "--publish")}


@pytest.mark.django_db
@pytest.mark.parametrize("command", COMMANDS)
def test_a_page_is_a_draft_by_default_owned_and_authored_by_the_first_superuser(
    command, home_page, tmp_path, django_user_model
):
    first = django_user_model.objects.create_superuser("zed", password="x")
    django_user_model.objects.create_superuser("ada", password="x")  # a later superuser is not the default
    page, out = run(command, home_page, tmp_path)
    assert not page.live and page.owner == first and page.latest_revision.user == first
    assert f": created (draft) {page.get_full_url()}, edit at http" in out
    assert f"/admin/pages/{page.pk}/edit/" in out


@pytest.mark.django_db
@pytest.mark.parametrize("command", COMMANDS)
def test_without_a_superuser_or_with_an_unknown_user_nothing_is_written(command, home_page, tmp_path):
    prepare(command, home_page)
    before = counts()
    with pytest.raises(CommandError) as error:
        run(command, home_page, tmp_path)
    assert str(error.value) == (
        "no superuser to import as: create one (manage.py ensure_admin), or name a user with --user USERNAME"
    )
    with pytest.raises(CommandError, match=r"^--user nobody: no active user with that name$"):
        run(command, home_page, tmp_path, "--user", "nobody")
    assert counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize("command", COMMANDS)
def test_an_editor_submits_to_the_moderation_workflow_and_a_moderator_publishes(
    command, client, home_page, tmp_path, django_user_model
):
    editor = member_of(django_user_model, EDITORS, "edna")
    page, out = run(command, home_page, tmp_path, "--submit", "--user", "edna")
    assert ": created (submitted) " in out
    state = page.current_workflow_state
    assert state.status == "in_progress" and state.requested_by == editor and not page.live
    assert page.get_workflow().name == "Moderators approval"  # the site's own workflow (operations/moderation.py)
    revisions = Revision.objects.count()
    _page, out = run(command, home_page, tmp_path, "--submit", "--user", "edna")
    assert ": unchanged (submitted) " in out and Revision.objects.count() == revisions

    client.force_login(member_of(django_user_model, MODERATORS, "moe"))
    task_state = page.current_workflow_task_state
    client.post(reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]))
    page.refresh_from_db()
    assert page.live and page.live_revision.user == editor
    _page, out = run(command, home_page, tmp_path, "--submit", "--user", "edna")
    assert ": unchanged (published) " in out


@pytest.mark.django_db
def test_while_a_page_awaits_moderation_only_a_moderator_imports_changes_to_it(home_page, tmp_path, django_user_model):
    member_of(django_user_model, EDITORS, "edna")
    member_of(django_user_model, MODERATORS, "moe")
    index = factories.notes_index(home_page)
    path = tmp_path / "notes.md"
    path.write_text((FIXTURES / "conference.md").read_text())
    call_command("import_event_notes", str(path), "--parent", str(index.pk), "--submit", "--user", "edna")
    path.write_text(path.read_text().replace("opened at nine", "opened at ten"))
    before = counts()
    with pytest.raises(CommandError) as error:
        call_command("import_event_notes", str(path), "--parent", str(index.pk), "--submit", "--user", "edna")
    assert str(error.value) == (
        "--user edna may not change 'Fixture Conf 2024': This page is currently awaiting moderation. "
        "Only reviewers for this task can edit the page."
    )
    assert counts() == before
    out = StringIO()
    call_command("import_event_notes", str(path), "--parent", str(index.pk), "--submit", "--user", "moe", stdout=out)
    assert ": updated (submitted) " in out.getvalue() and counts()[1] == before[1] + 1


@pytest.mark.django_db
@pytest.mark.parametrize("command", COMMANDS)
def test_an_editor_cannot_publish_by_importing(command, home_page, tmp_path, django_user_model):
    member_of(django_user_model, EDITORS, "edna")
    prepare(command, home_page)
    before = counts()
    with pytest.raises(CommandError, match=r"^--user edna may not publish under '.*': use --submit, for a moderator"):
        run(command, home_page, tmp_path, "--publish", "--user", "edna")
    assert counts() == before


@pytest.mark.django_db
def test_submit_needs_a_workflow_to_submit_to(home_page, tmp_path, admin_user):
    WorkflowPage.objects.all().delete()
    with pytest.raises(CommandError, match=r"^--submit: no moderation workflow covers 'Event notes'; save drafts"):
        run("import_event_notes", home_page, tmp_path, "--submit")
    assert not EventNotesPage.objects.exists()


@pytest.mark.django_db
def test_submit_and_publish_cannot_be_asked_together(home_page, tmp_path, admin_user):
    with pytest.raises(CommandError, match="not allowed with argument"):
        run("import_event_notes", home_page, tmp_path, "--submit", "--publish")
