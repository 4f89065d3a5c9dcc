"""Backing up and restoring the whole site: the database and the media files.

An archive is a directory (or the same as a .tar.gz) holding:

- `database.dump`: `pg_dump --format=custom` on PostgreSQL, or a SQLite database file made with
  SQLite's online backup API;
- `media/…`: every file of the default storage (local disk or S3), read and written through Django's
  storage API, so a backup taken from S3 restores to local disk and the reverse;
- `manifest.json`: what it holds, with a SHA-256 of every file, to check before anything is overwritten.

An archive holds the whole database (password hashes, drafts, private pages), so it is made private
from the start: a .tar.gz is created 0600, a directory 0700, before anything is written into them.

`restore` reads and checks the whole archive first (it unpacks, every name it holds stays inside it,
the manifest is this program's, every file is there with its checksum, the dump is a database of
this site); a truncated, corrupt, foreign or crafted archive stops with one line and changes nothing.
`restore_site` is what the `restore` command does around it: it will not replace a site with content
unless asked, and afterwards purges the page cache and checks what was restored.
"""

import gzip
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from django.contrib.auth import get_user_model
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail.snippets.models import get_snippet_models

from operations.page_cache import purge

FORMAT = 1
DUMP = "database.dump"
MEDIA = "media"
MANIFEST = "manifest.json"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message is one line for the operator."""


class SiteNotEmpty(BackupError):
    """A restore that would replace a site holding content, without being asked to."""

    def __init__(self, counts):
        self.counts = counts
        super().__init__(f"the database is not empty ({counts['pages']} pages, {counts['users']} users)")


# A migrated, empty site has Wagtail's root page and the home page the migrations make.
EMPTY_SITE_PAGES = 2


def site_counts():
    """What a site holds, recorded in the manifest and compared by `restore`.

    Snippets are counted whatever apps define them, so this module knows no app of the hub.
    """
    models = {
        "pages": Page,
        "revisions": Revision,
        "images": get_image_model(),
        "documents": get_document_model(),
        "users": get_user_model(),
    }
    models.update({model._meta.label_lower: model for model in get_snippet_models()})
    return {name: model.objects.count() for name, model in models.items()}


def has_content(counts):
    """Whether a site holds anything beyond what migrations create (revisions follow from pages)."""
    return counts["pages"] > EMPTY_SITE_PAGES or any(
        count for name, count in counts.items() if name not in ("pages", "revisions")
    )


def engine():
    vendor = connection.vendor
    if vendor not in {"postgresql", "sqlite"}:
        raise BackupError(f"backups support PostgreSQL and SQLite, not {vendor}")
    return vendor


def _pg_args_and_env():
    """Connection options for pg_dump/pg_restore from Django's settings; the password only in the environment."""
    settings = connection.settings_dict
    args = ["--dbname", settings["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            args += [flag, str(settings[key])]
    env = {**os.environ}
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    return args, env


def _run(command, connect=True):
    """Run a PostgreSQL client program (connected to the site's database unless `connect` is false); its output."""
    executable = shutil.which(command[0])
    if executable is None:
        raise BackupError(f"{command[0]} is not installed (on Debian: apt-get install postgresql-client)")
    args, env = _pg_args_and_env() if connect else ([], None)
    # Arguments from settings, no shell; the password travels in PGPASSWORD, never on the command line.
    done = subprocess.run(  # noqa: S603
        [executable, *command[1:], *args], env=env, capture_output=True, text=True, timeout=3600
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["failed"])[-1]
        raise BackupError(f"{command[0]}: {last}")
    return done.stdout


def dump_database(path):
    if engine() == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={path}"])
    else:
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()


# Tables every database of this site has: a dump without them is not one.
SITE_TABLES = ("django_migrations", "wagtailcore_page")


def check_dump(path):
    """Why this site cannot load the dump at `path`, or None: asked before anything is replaced."""
    if engine() == "postgresql":
        try:  # --list reads the archive's table of contents without connecting
            contents = _run(["pg_restore", "--list", str(path)], connect=False)
        except BackupError as error:
            return str(error)
        tables = {line.split()[-2] for line in contents.splitlines() if " TABLE public " in line}
    else:
        try:
            # Read-only: a damaged file must not be "repaired" or a journal left beside it.
            source = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
            try:
                if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                    return "it fails SQLite's integrity check"
                tables = {row[0] for row in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            finally:
                source.close()
        except sqlite3.Error as error:
            return str(error)
    missing = [table for table in SITE_TABLES if table not in tables]
    return f"it has no {missing[0]} table" if missing else None


def load_database(path):
    if engine() == "postgresql":
        connection.close()  # pg_restore drops and recreates tables: hold no lock on them
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", str(path)])
    else:
        connection.ensure_connection()
        source = sqlite3.connect(path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    connection.close()


def media_files(directory=""):
    """Every file name in the default storage, recursively."""
    try:
        subdirectories, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return []
    names = [str(PurePosixPath(directory, name)) if directory else name for name in files]
    for sub in subdirectories:
        names += media_files(str(PurePosixPath(directory, sub)) if directory else sub)
    return sorted(names)


def copy_media_out(target):
    names = media_files()
    for name in names:
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, open(destination, "wb") as out:
            shutil.copyfileobj(source, out)
    return names


def copy_media_in(source, names):
    for name in names:
        if default_storage.exists(name):
            default_storage.delete(name)
        with open(source / name, "rb") as handle:
            saved = default_storage.save(name, File(handle, name=name))
        if saved != name:
            raise BackupError(f"media file {name} was stored as {saved}")


@contextmanager
def archive_directory(path, mode):
    """Yield a directory to write to or read from; a .tar.gz path is packed or unpacked around it."""
    path = Path(path)
    if not path.name.endswith((".tar.gz", ".tgz")):
        if mode == "read" and not (path.is_dir() and _inside(path, path, MANIFEST).exists()):
            raise BackupError(f"{path}: not a backup (no {MANIFEST})")
        if mode == "write":
            if path.exists() and any(path.iterdir()):
                raise BackupError(f"{path}: already exists and is not empty")
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
            path.chmod(0o700)  # an empty directory that was there: private before anything goes in
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="hub-backup-") as temporary:
        work = Path(temporary)
        if mode == "read":
            try:
                # The whole gzip stream first, so its checksum is checked: tarfile stops quietly at
                # the first damaged header, which would look like a backup with files missing.
                with gzip.open(path) as stream:
                    while stream.read(1 << 20):
                        pass
                with tarfile.open(path, "r:gz") as tar:
                    _check_members(path, tar.getmembers())
                    tar.extractall(work, filter="data")
            except (OSError, EOFError, zlib.error, tarfile.TarError) as error:
                # A truncated gzip stream ends in EOFError, a damaged one in zlib.error.
                reason = str(error).splitlines()[0] if str(error) else type(error).__name__
                raise BackupError(f"{path}: cannot be read as a .tar.gz, truncated or corrupt ({reason})") from None
            if not (work / MANIFEST).exists():
                raise BackupError(f"{path}: not a backup (no {MANIFEST})")
        elif path.exists():
            raise BackupError(f"{path}: already exists")
        yield work
        if mode == "write":
            _pack(path, work)


def _pack(path, work):
    """`work` as the .tar.gz `path`, created 0600 (never readable by others, even while being written)."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise BackupError(f"{path}: already exists") from None
    try:
        with os.fdopen(descriptor, "wb") as out, tarfile.open(fileobj=out, mode="w:gz") as tar:
            for item in sorted(work.iterdir()):
                tar.add(item, arcname=item.name)
    except BaseException:
        path.unlink()  # no half-written archive that looks like a backup
        raise


def _check_members(path, members):
    """Every member a plain file or folder whose name stays inside the archive (no `..`, absolute path or link)."""
    for member in members:
        name = PurePosixPath(member.name)
        if name.is_absolute() or ".." in name.parts:
            raise BackupError(f"{path}: not a backup (member {member.name!r} leaves the archive)")
        if not (member.isfile() or member.isdir()):
            raise BackupError(f"{path}: not a backup (member {member.name!r} is a link or a device, not a file)")


def _inside(path, directory, name):
    """`directory / name`, resolved, refused unless it stays inside `directory` (by `..`, absolute path or link)."""
    if not isinstance(name, str):
        raise BackupError(f"{path}: not a backup ({MANIFEST} names {name!r:.40}, not a file)")
    target = (directory / name).resolve()
    if not target.is_relative_to(directory.resolve()):
        raise BackupError(f"{path}: not a backup ({name!r} leaves the archive)")
    return target


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def backup(path, counts):
    with archive_directory(path, "write") as directory:
        dump_database(directory / DUMP)
        names = copy_media_out(directory / MEDIA)
        checksums = {DUMP: _sha256(directory / DUMP)}
        checksums.update({f"{MEDIA}/{name}": _sha256(directory / MEDIA / name) for name in names})
        manifest = {"format": FORMAT, "engine": engine(), "media": names, "counts": counts, "sha256": checksums}
        (directory / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return manifest


def read_manifest(path, directory):
    """The archive's manifest, checked to be this program's, or a one-line BackupError."""
    try:
        manifest = json.loads(_inside(path, directory, MANIFEST).read_text())
    except (UnicodeDecodeError, ValueError):
        raise BackupError(f"{path}: not a backup ({MANIFEST} is not JSON)") from None
    if not isinstance(manifest, dict) or "format" not in manifest:
        raise BackupError(f"{path}: not a backup ({MANIFEST} is not one this site wrote)")
    if manifest["format"] != FORMAT:
        raise BackupError(f"{path}: backup format {manifest['format']} is not {FORMAT}")
    if not (
        isinstance(manifest.get("engine"), str)
        and isinstance(manifest.get("media"), list)
        and isinstance(manifest.get("counts"), dict)
        and isinstance(manifest.get("sha256") or {}, dict)
    ):
        raise BackupError(f"{path}: not a backup ({MANIFEST} lacks engine, media or counts)")
    return manifest


def verify(path, directory, manifest):
    """Every file the manifest lists is inside the archive, present and, when it records checksums, unchanged.

    Every name is checked before any file is opened, so a crafted manifest learns nothing of the
    files outside the archive (not even whether they exist).
    """
    dump = _inside(path, directory, DUMP)
    media = [_inside(path, directory / MEDIA, name) for name in manifest["media"]]
    checksums = {
        name: (_inside(path, directory, name), expected) for name, expected in (manifest.get("sha256") or {}).items()
    }
    missing = [name for name, target in zip(manifest["media"], media, strict=True) if not target.is_file()]
    if missing or not dump.is_file():
        raise BackupError(f"{path}: incomplete backup (missing {(missing or [DUMP])[0]})")
    for name, (target, expected) in checksums.items():
        if not target.is_file() or _sha256(target) != expected:
            raise BackupError(f"{path}: corrupt backup ({name} does not match its checksum)")


def restore(path):
    with archive_directory(path, "read") as directory:
        manifest = read_manifest(path, directory)
        if manifest["engine"] != engine():
            raise BackupError(f"{path}: a {manifest['engine']} backup cannot be restored into {engine()}")
        verify(path, directory, manifest)
        problem = check_dump(directory / DUMP)
        if problem:
            raise BackupError(f"{path}: {DUMP} is not a database this site can restore ({problem})")
        load_database(directory / DUMP)
        copy_media_in(directory / MEDIA, manifest["media"])
    return manifest


def restore_site(path, replace=False):
    """Restore the backup at `path` into this site; returns (its manifest, the counts now restored).

    Raises `SiteNotEmpty` when the site holds content and `replace` is false, and `BackupError` when
    the archive cannot be restored or what was restored is not what the backup recorded.
    """
    try:
        current = site_counts()
    except DatabaseError:  # no tables yet: nothing to lose
        current = None
    if current and has_content(current) and not replace:
        raise SiteNotEmpty(current)
    manifest = restore(path)
    purge(tree_paths=["/"])  # every cached page is of the site that was replaced
    restored = site_counts()
    if restored != manifest["counts"]:
        raise BackupError(f"restored {restored}, but the backup recorded {manifest['counts']}")
    return manifest, restored
