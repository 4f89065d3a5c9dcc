"""Backing up and restoring the whole site: the database and the media files.

An archive is a directory (or the same as a .tar.gz) holding:

- `database.dump`: `pg_dump --format=custom` on PostgreSQL, or a SQLite database file made with
  SQLite's online backup API;
- `media/…`: every file of the default storage (local disk or S3), read and written through Django's
  storage API, so a backup taken from S3 restores to local disk and the reverse;
- `manifest.json`: what it holds, to check before anything is overwritten.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from django.contrib.auth import get_user_model
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail.snippets.models import get_snippet_models

FORMAT = 1
DUMP = "database.dump"
MEDIA = "media"
MANIFEST = "manifest.json"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message is one line for the operator."""


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


def _run(command):
    executable = shutil.which(command[0])
    if executable is None:
        raise BackupError(f"{command[0]} is not installed (on Debian: apt-get install postgresql-client)")
    args, env = _pg_args_and_env()
    # Arguments from settings, no shell; the password travels in PGPASSWORD, never on the command line.
    done = subprocess.run(  # noqa: S603
        [executable, *command[1:], *args], env=env, capture_output=True, text=True, timeout=3600
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["failed"])[-1]
        raise BackupError(f"{command[0]}: {last}")


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
        if mode == "read" and not (path / MANIFEST).exists():
            raise BackupError(f"{path}: not a backup (no {MANIFEST})")
        if mode == "write":
            if path.exists() and any(path.iterdir()):
                raise BackupError(f"{path}: already exists and is not empty")
            path.mkdir(parents=True, exist_ok=True)
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="hub-backup-") as temporary:
        work = Path(temporary)
        if mode == "read":
            try:
                with tarfile.open(path, "r:gz") as tar:
                    tar.extractall(work, filter="data")
            except (OSError, tarfile.TarError) as error:
                raise BackupError(f"{path}: cannot be read as a .tar.gz ({error})") from None
            if not (work / MANIFEST).exists():
                raise BackupError(f"{path}: not a backup (no {MANIFEST})")
        elif path.exists():
            raise BackupError(f"{path}: already exists")
        yield work
        if mode == "write":
            with tarfile.open(path, "w:gz") as tar:
                for item in sorted(work.iterdir()):
                    tar.add(item, arcname=item.name)


def backup(path, counts):
    with archive_directory(path, "write") as directory:
        dump_database(directory / DUMP)
        names = copy_media_out(directory / MEDIA)
        manifest = {"format": FORMAT, "engine": engine(), "media": names, "counts": counts}
        (directory / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return manifest


def restore(path):
    with archive_directory(path, "read") as directory:
        manifest = json.loads((directory / MANIFEST).read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError(f"{path}: backup format {manifest.get('format')} is not {FORMAT}")
        if manifest["engine"] != engine():
            raise BackupError(f"{path}: a {manifest['engine']} backup cannot be restored into {engine()}")
        missing = [name for name in manifest["media"] if not (directory / MEDIA / name).is_file()]
        if missing or not (directory / DUMP).is_file():
            raise BackupError(f"{path}: incomplete backup (missing {(missing or [DUMP])[0]})")
        load_database(directory / DUMP)
        copy_media_in(directory / MEDIA, manifest["media"])
    return manifest
