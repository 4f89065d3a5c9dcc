"""Nothing lost: `backup` then `restore` round-trips a demo site, on SQLite and on PostgreSQL
(whichever the suite runs on), with every page, revision, image, document, snippet and user."""

import hashlib
import io
import json
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


def _tar_gz(path, files, extra=()):
    """A .tar.gz of `files` (name: bytes), then the `extra` members (TarInfo, e.g. links) with no data."""
    import tarfile

    with tarfile.open(path, "w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for info in extra:
            tar.addfile(info)
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


def test_archives_are_private_from_the_moment_they_are_created(site_tree, tmp_path, monkeypatch):
    """An archive holds every password hash: no other account may read it, not even while it is written."""
    import stat
    import tarfile

    from operations import backup

    archive, directory = tmp_path / "hub.tar.gz", tmp_path / "hub"
    directory.mkdir(mode=0o755)  # an empty directory made beforehand, readable by all
    seen = []
    add, dump = tarfile.TarFile.add, backup.dump_database

    def watched_add(tar, *args, **kwargs):
        seen.append(("archive", stat.S_IMODE(archive.stat().st_mode)))
        return add(tar, *args, **kwargs)

    def watched_dump(path):
        seen.append(("directory", stat.S_IMODE(path.parent.stat().st_mode)))
        return dump(path)

    monkeypatch.setattr(tarfile.TarFile, "add", watched_add)
    monkeypatch.setattr(backup, "dump_database", watched_dump)
    umask = os.umask(0o022)  # the usual umask, under which files are made readable by all
    try:
        call_command("backup", str(archive), stdout=io.StringIO())
        call_command("backup", str(directory), stdout=io.StringIO())
    finally:
        os.umask(umask)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600 and stat.S_IMODE(directory.stat().st_mode) == 0o700
    assert {kind for kind, _ in seen} == {"archive", "directory"}
    assert all(mode == (0o600 if kind == "archive" else 0o700) for kind, mode in seen), seen


def _manifest(dump, **extra):
    return json.dumps(
        {"format": 1, "engine": connection.vendor, "media": [], "counts": {}, "sha256": {"database.dump": dump}} | extra
    ).encode()


def _restore_fails(archive, *fragments):
    before = sorted(Page.objects.values_list("pk", "path", "title"))
    with pytest.raises(CommandError) as error:
        call_command("restore", str(archive), "--force", stdout=io.StringIO())
    message = str(error.value)
    assert "\n" not in message, message
    for fragment in fragments:
        assert fragment in message, message
    assert sorted(Page.objects.values_list("pk", "path", "title")) == before
    return message


@pytest.mark.django_db
def test_archive_members_and_names_that_leave_the_archive_are_refused_alike(tmp_path):
    import tarfile

    garbage = b"not a database " * 10
    members = {"manifest.json": _manifest(hashlib.sha256(garbage).hexdigest()), "database.dump": garbage}
    (tmp_path / "outside.txt").write_text("a secret")

    def archive_with(member):
        path = tmp_path / f"crafted-{len(list(tmp_path.glob('crafted-*')))}.tar.gz"
        return _tar_gz(path, members, extra=[member])

    def member(name, kind=tarfile.REGTYPE, target=""):
        info = tarfile.TarInfo(name)
        info.type, info.linkname = kind, target
        return info

    for name in ["../escaped.txt", "/tmp/escaped.txt", "media/../../escaped.txt"]:
        _restore_fails(archive_with(member(name)), f"member {name!r} leaves the archive")
    for info in [member("media/a.jpg", tarfile.SYMTYPE, "/etc/passwd"), member("media/b.jpg", tarfile.LNKTYPE, "x")]:
        _restore_fails(archive_with(info), f"member {info.name!r} is a link")
    assert not (tmp_path / "escaped.txt").exists() and not (tmp_path.parent / "escaped.txt").exists()

    # A directory archive: names in the manifest and links in the folder may not lead out either, and
    # the answer is the same whether what they name exists or not.
    directory = tmp_path / "backup"
    directory.mkdir()
    (directory / "database.dump").write_bytes(garbage)
    messages = []
    for name in ["../outside.txt", "../missing.txt", str(tmp_path / "outside.txt"), "/nonexistent"]:
        (directory / "manifest.json").write_bytes(_manifest("0" * 64, sha256={name: "0" * 64}))
        messages.append(_restore_fails(directory, f"{name!r} leaves the archive").replace(repr(name), "NAME"))
        (directory / "manifest.json").write_bytes(_manifest("0" * 64, media=["../" + name]))
        messages.append(_restore_fails(directory, "leaves the archive").replace(repr("../" + name), "NAME"))
    assert len(set(messages)) == 1, messages
    (directory / "manifest.json").write_bytes(_manifest(hashlib.sha256(garbage).hexdigest()))
    (directory / "database.dump").unlink()
    (directory / "database.dump").symlink_to(tmp_path / "outside.txt")
    _restore_fails(directory, "'database.dump' leaves the archive")
    (directory / "manifest.json").unlink()
    (directory / "manifest.json").symlink_to(tmp_path / "outside.txt")
    _restore_fails(directory, "'manifest.json' leaves the archive")


@pytest.mark.django_db
def test_a_dump_that_is_not_a_database_of_this_site_is_refused_in_one_line(tmp_path):
    import sqlite3

    garbage = b"\x00garbage that is no database\xff" * 100
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as database:
        database.execute("CREATE TABLE notes (text)")
    dumps = {"garbage": garbage, "empty": b""}
    if connection.vendor == "sqlite":
        dumps["another application's database"] = other.read_bytes()
    for label, dump in dumps.items():
        directory = tmp_path / label
        directory.mkdir()
        (directory / "database.dump").write_bytes(dump)
        (directory / "manifest.json").write_bytes(_manifest(hashlib.sha256(dump).hexdigest()))
        _restore_fails(directory, "database.dump is not a database this site can restore")
        _tar_gz(
            tmp_path / f"{label}.tar.gz",
            {"database.dump": dump, "manifest.json": _manifest(hashlib.sha256(dump).hexdigest())},
        )
        _restore_fails(tmp_path / f"{label}.tar.gz", "database.dump is not a database this site can restore")


@pytest.mark.django_db
def test_manifests_of_the_wrong_shape_are_refused_in_one_line(tmp_path):
    dump = b"x"
    for label, manifest in {
        "media not names": _manifest("0" * 64, media=[1, None]),
        "checksums not a mapping": _manifest("0" * 64).replace(b'"sha256": {', b'"sha256": [{').replace(b"}}", b"}]}"),
    }.items():
        directory = tmp_path / label
        directory.mkdir()
        (directory / "database.dump").write_bytes(dump)
        (directory / "manifest.json").write_bytes(manifest)
        _restore_fails(directory, "not a backup")
