"""Nothing lost: `backup` then `restore` round-trips a demo site, on SQLite and on PostgreSQL
(whichever the suite runs on), with every page, revision, image, document, snippet and user."""

import hashlib
import io
import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, Revision

from operations.backup import media_files
from reviews.models import Event, Speaker
from tests.services import ROOT, jpeg_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def snapshot():
    """Everything an editor or visitor would notice, in comparable form."""
    return {
        "pages": sorted(Page.objects.values_list("pk", "path", "title", "slug", "live", "has_unpublished_changes")),
        "revisions": sorted((r.pk, r.object_id, r.content_type_id, r.content) for r in Revision.objects.all()),
        "images": sorted(Image.objects.values_list("pk", "title", "file", "width", "height", "file_hash")),
        "documents": sorted(Document.objects.values_list("pk", "title", "file")),
        "users": sorted(get_user_model().objects.values_list("pk", "username", "password", "is_superuser")),
        "speakers": sorted(Speaker.objects.values_list("pk", "name")),
        "events": sorted(Event.objects.values_list("pk", "name", "start_date")),
        "media": {name: hashlib.sha256(default_storage.open(name).read()).hexdigest() for name in media_files()},
    }


@pytest.fixture
def demo_site(site_tree, django_user_model):
    call_command("load_demo_content", stdout=io.StringIO())
    django_user_model.objects.create_superuser("admin", "admin@example.com", "a-long-passphrase")
    django_user_model.objects.create_user("editor", "editor@example.com", "another-passphrase")
    Image.objects.create(title="A photo", file=SimpleUploadedFile("photo.jpg", jpeg_bytes()), width=64, height=48)
    Document.objects.create(title="Handout", file=SimpleUploadedFile("handout.txt", b"Read me."))
    Speaker.objects.get_or_create(name="Ada Lovelace")
    page = Page.objects.filter(depth=3).first().specific
    page.title = page.title + " (draft change)"
    page.save_revision()  # an unpublished draft must survive too
    return snapshot()


def wipe():
    """Lose everything: an empty database (as after migrate on a new server) and no media."""
    call_command("flush", interactive=False)
    for name in media_files():
        default_storage.delete(name)


def test_backup_and_restore_round_trip_every_page_revision_image_snippet_and_user(demo_site, tmp_path):
    assert len(demo_site["pages"]) > 10 and len(demo_site["media"]) >= 2 and demo_site["revisions"]
    archive = tmp_path / "hub.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    assert archive.stat().st_size > 0

    wipe()
    assert Page.objects.count() == 0 and not media_files()

    call_command("restore", str(archive), stdout=io.StringIO())
    assert snapshot() == demo_site


def test_restore_refuses_to_overwrite_a_site_with_content_without_force(demo_site, tmp_path):
    call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    Speaker.objects.create(name="Added after the backup")
    with pytest.raises(CommandError, match="not empty.*--force"):
        call_command("restore", str(tmp_path / "backup"), stdout=io.StringIO())
    assert Speaker.objects.filter(name="Added after the backup").exists()

    call_command("restore", str(tmp_path / "backup"), "--force", stdout=io.StringIO())
    assert snapshot() == demo_site


def test_bad_archives_get_one_line_errors(site_tree, tmp_path):
    (tmp_path / "exists").mkdir()
    (tmp_path / "exists" / "file").write_text("x")
    (tmp_path / "junk.tar.gz").write_bytes(b"not a tarball")
    cases = [
        (["backup", str(tmp_path / "exists")], "already exists and is not empty"),
        (["restore", str(tmp_path / "nothing-here")], "not a backup"),
        (["restore", str(tmp_path / "junk.tar.gz")], "cannot be read as a .tar.gz"),
    ]
    for args, message in cases:
        with pytest.raises(CommandError, match=message) as error:
            call_command(*args, stdout=io.StringIO())
        assert "\n" not in str(error.value)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump is used on PostgreSQL only")
def test_pg_dump_matches_the_server_and_the_password_never_reaches_the_command_line(monkeypatch, tmp_path):
    from operations import backup

    server = connection.cursor().connection.info.server_version // 10000
    client = subprocess.run(["pg_dump", "--version"], capture_output=True, text=True, check=True).stdout
    assert f" {server}." in client, (server, client)
    monkeypatch.setitem(connection.settings_dict, "PASSWORD", "s3cret-pass")
    args, env = backup._pg_args_and_env()
    assert "s3cret-pass" not in " ".join(args) and env["PGPASSWORD"] == "s3cret-pass"


def test_command_line_failure_exits_non_zero_with_one_line(tmp_path):
    proc = subprocess.run(
        [sys.executable, "manage.py", "restore", str(tmp_path / "missing")],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode != 0
    assert proc.stderr.strip() == f"CommandError: {tmp_path / 'missing'}: not a backup (no manifest.json)"


def _tar_gz(path, files):
    import tarfile

    with tarfile.open(path, "w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_truncated_corrupt_and_foreign_archives_are_refused_in_one_line_before_anything_changes(site_tree, tmp_path):
    import tarfile

    good = tmp_path / "site.tar.gz"
    call_command("backup", str(good), stdout=io.StringIO())
    data = good.read_bytes()
    with tarfile.open(good) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}

    (tmp_path / "truncated.tar.gz").write_bytes(data[: len(data) // 2])
    flipped = bytearray(data)
    for position in range(len(data) // 3, len(data) // 3 + 64):
        flipped[position] ^= 0xFF
    (tmp_path / "corrupt.tar.gz").write_bytes(bytes(flipped))
    _tar_gz(tmp_path / "tampered.tar.gz", {**members, "database.dump": members["database.dump"][:-100] + b"x" * 100})
    _tar_gz(tmp_path / "foreign.tar.gz", {"README.md": b"# someone else's project\n"})
    _tar_gz(tmp_path / "foreign-manifest.tar.gz", {"manifest.json": b'{"name": "app", "version": "1.0"}'})
    _tar_gz(tmp_path / "not-json.tar.gz", {"manifest.json": b"\x89PNG\r\n"})
    cases = {
        "truncated.tar.gz": "cannot be read as a .tar.gz, truncated or corrupt",
        "corrupt.tar.gz": "cannot be read as a .tar.gz, truncated or corrupt",
        "tampered.tar.gz": "corrupt backup \\(database.dump does not match its checksum\\)",
        "foreign.tar.gz": "not a backup \\(no manifest.json\\)",
        "foreign-manifest.tar.gz": "not a backup \\(manifest.json is not one this site wrote\\)",
        "not-json.tar.gz": "not a backup \\(manifest.json is not JSON\\)",
    }
    before = sorted(Page.objects.values_list("pk", "path", "title"))
    for name, message in cases.items():
        with pytest.raises(CommandError, match=message) as error:
            call_command("restore", str(tmp_path / name), "--force", stdout=io.StringIO())
        assert "\n" not in str(error.value), name
    assert sorted(Page.objects.values_list("pk", "path", "title")) == before

    # From the shell: one line on stderr, a non-zero exit, no traceback.
    proc = subprocess.run(
        [sys.executable, "manage.py", "restore", str(tmp_path / "truncated.tar.gz")],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode != 0
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "truncated or corrupt" in proc.stderr
