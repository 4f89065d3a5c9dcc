"""Settings come from the environment: checked in a fresh interpreter, as a deployment would."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRINT_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings; "
    "db = settings.DATABASES['default']; "
    "print(json.dumps({'engine': db['ENGINE'], 'name': str(db['NAME']), 'host': db.get('HOST'), "
    "'options': db.get('OPTIONS', {}), 'debug': settings.DEBUG, 'hosts': settings.ALLOWED_HOSTS, "
    "'cache': settings.CACHES['default']['BACKEND']}))"
)


def settings_with(module="hubsite.settings.dev", **environ):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DB_POOL", "REDIS_URL", "DEBUG"}}
    env.update(environ, DJANGO_SETTINGS_MODULE=module)
    out = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_no_environment_means_sqlite_file_and_local_memory_cache():
    result = settings_with()
    assert result["engine"] == "django.db.backends.sqlite3"
    assert result["name"].endswith("db.sqlite3")
    assert result["cache"].endswith("LocMemCache")


def test_database_url_selects_postgresql_through_psycopg():
    result = settings_with(DATABASE_URL="postgres://hub:secret@db.example:5433/hubdb")
    assert result["engine"] == "django.db.backends.postgresql"
    assert (result["name"], result["host"]) == ("hubdb", "db.example")
    assert "pool" not in result["options"]


def test_db_pool_turns_on_djangos_native_psycopg_pool():
    result = settings_with(DATABASE_URL="postgres://hub@127.0.0.1/hubdb", DB_POOL="true", DB_POOL_MAX_SIZE="7")
    assert result["options"]["pool"]["max_size"] == 7


def test_redis_url_selects_the_redis_cache():
    assert settings_with(REDIS_URL="redis://127.0.0.1:6379/1")["cache"].endswith("RedisCache")


def test_production_reads_hosts_and_debug_from_the_environment():
    result = settings_with(
        "hubsite.settings.production", SECRET_KEY="x" * 50, ALLOWED_HOSTS="hub.example.com", DEBUG="false"
    )
    assert result["hosts"] == ["hub.example.com"]
    assert result["debug"] is False


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(DJANGO_SETTINGS_MODULE="hubsite.settings.production", ALLOWED_HOSTS="x")
    proc = subprocess.run([sys.executable, "-c", PRINT_SETTINGS], cwd=ROOT, env=env, capture_output=True, text=True)
    assert proc.returncode != 0
    assert "SECRET_KEY" in proc.stderr
