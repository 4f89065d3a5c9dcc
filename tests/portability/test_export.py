"""export_site → import_site into an empty site → export_site gives the same files, byte for byte."""

import difflib

import pytest
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model

from reviews.models import Event, Speaker
from tests import factories
from tests.portability.test_markdown import TRANSCRIPT

pytestmark = pytest.mark.django_db


def tree(directory):
    """Every file below `directory`, by relative path, with its bytes."""
    return {str(path.relative_to(directory)): path.read_bytes() for path in directory.rglob("*") if path.is_file()}


def empty_the_site(home):
    home.refresh_from_db()  # its child count, which treebeard reads before looking for children
    for child in home.get_children():
        child.delete()
    get_image_model().objects.all().delete()
    Speaker.objects.all().delete()
    Event.objects.all().delete()


def test_export_import_export_is_byte_identical(tmp_path, demo_site):
    home_page = demo_site
    factories.review(home_page, title="Video with transcript", slug="video-transcript", transcript=TRANSCRIPT)
    first, second = tmp_path / "first", tmp_path / "second"
    call_command("export_site", str(first), verbosity=0)
    exported = tree(first)
    assert "pages/index.md" in exported and "pages/guides/testing.md" in exported
    assert any(name.startswith("images/") and name.endswith(".png") for name in exported)
    # The files are the Markdown people read, with what it takes to rebuild the page in front.
    testing = exported["pages/guides/testing.md"].decode()
    assert testing.startswith("---\nid: ") and "\n# Testing\n" in testing

    empty_the_site(home_page)
    call_command("import_site", str(first), verbosity=0)
    call_command("export_site", str(second), verbosity=0)
    again = tree(second)
    assert sorted(again) == sorted(exported)
    for name, content in exported.items():
        if again[name] != content:
            diff = difflib.unified_diff(
                content.decode(errors="replace").splitlines(),
                again[name].decode(errors="replace").splitlines(),
                lineterm="",
            )
            pytest.fail(f"{name} changed:\n" + "\n".join(list(diff)[:40]))


def test_import_refuses_a_site_that_is_not_empty(tmp_path, home_page):
    factories.article(home_page)
    call_command("export_site", str(tmp_path), verbosity=0)
    with pytest.raises(CommandError, match="the site is not empty"):
        call_command("import_site", str(tmp_path), verbosity=0)


def test_import_of_a_directory_that_is_not_an_export_says_so(tmp_path, home_page):
    with pytest.raises(CommandError, match="not found"):
        call_command("import_site", str(tmp_path / "nothing"), verbosity=0)
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "index.md").write_text("no front matter\n")
    with pytest.raises(CommandError, match="expected YAML front matter"):
        call_command("import_site", str(tmp_path), verbosity=0)


def test_export_refuses_a_directory_with_files_in_it(tmp_path, home_page):
    (tmp_path / "old.md").write_text("left over")
    with pytest.raises(CommandError, match="is not empty"):
        call_command("export_site", str(tmp_path), verbosity=0)


def test_import_refuses_a_site_with_images_or_snippets(tmp_path, home_page):
    call_command("export_site", str(tmp_path / "out"), verbosity=0)
    Speaker.objects.create(name="Already here")
    with pytest.raises(CommandError, match="already has speakers"):
        call_command("import_site", str(tmp_path / "out"), verbosity=0)
