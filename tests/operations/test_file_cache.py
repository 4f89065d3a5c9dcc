"""The shared file cache (production without Redis) is refused when users other than the app's could write to it.

Django's file cache unpickles what it reads: a directory others can write to lets them run code as the app.
"""

import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from operations.checks import check_file_cache_directory
from tests.services import PRODUCTION_ENV, ROOT


def file_cache_at(settings, directory):
    settings.CACHES = {
        "default": {"BACKEND": "operations.cache_backend.SharedFileCache", "LOCATION": str(directory)},
    }


def errors(settings, directory):
    file_cache_at(settings, directory)
    return [(error.id, error.msg, error.hint) for error in check_file_cache_directory()]


def test_a_directory_only_the_apps_user_can_write_to_passes(settings, tmp_path):
    (tmp_path / "cache").mkdir(mode=0o700)
    assert errors(settings, tmp_path / "cache") == []
    # Not there yet: Django creates it, mode 700, on first use.
    assert errors(settings, tmp_path / "not-yet") == []


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o707])
def test_a_group_or_world_writable_directory_is_an_error_that_says_how_to_fix_it(settings, tmp_path, mode):
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(mode)
    [(error_id, message, hint)] = errors(settings, cache)
    assert error_id == "operations.E001"
    assert f"{cache} is writable by other users (mode {mode:o})" in message
    assert f"chmod 700 {cache}" in hint


def test_a_directory_owned_by_another_user_is_an_error(settings, tmp_path):
    if os.geteuid() != 0:
        pytest.skip("only root can give a directory away")
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    os.chown(cache, 65534, 65534)
    [(_, message, hint)] = errors(settings, cache)
    assert "belongs to nobody" in message
    assert f"chown root {cache}" in hint


def test_a_directory_inside_a_world_writable_one_is_an_error(settings, tmp_path):
    """Anyone may rename the cache directory away and put their own in its place (no sticky bit)."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    (shared / "cache").mkdir(mode=0o700)
    [(_, message, hint)] = errors(settings, shared / "cache")
    assert f"inside {shared}, which any user can write to" in message
    assert f"chmod o-w {shared}" in hint
    # With the sticky bit (as /tmp has), only the owner may rename what is in it.
    shared.chmod(0o1777)
    assert errors(settings, shared / "cache") == []


def test_manage_py_check_and_the_wsgi_application_refuse_a_world_writable_cache_directory(settings, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o777)
    file_cache_at(settings, cache)
    with pytest.raises(SystemCheckError, match="operations.E001"):
        call_command("check")

    # gunicorn loads hubsite.wsgi (and runs no checks itself): with production's own settings,
    # CACHE_DIR from the environment, it must stop with the one message, not serve.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "DATABASE_URL", "REDIS_URL", "DJANGO_"))}
    env.update(PRODUCTION_ENV, CACHE_DIR=str(cache), DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    proc = subprocess.run(
        [sys.executable, "-c", "import hubsite.wsgi"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 3, proc.stderr
    assert f"{cache} is writable by other users (mode 777)" in proc.stderr
    assert "Traceback" not in proc.stderr
