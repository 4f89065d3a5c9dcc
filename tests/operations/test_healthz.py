"""/healthz/: what a load balancer asks before sending traffic, never cached; logs as JSON lines."""

import json
import logging

import pytest
from django.db import connection
from django.urls import reverse

from operations.log import JsonFormatter
from tests.services import PRODUCTION_ENV, free_port, settings_in_subprocess

pytestmark = pytest.mark.django_db


def test_healthy_when_database_and_cache_answer(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert client.head(reverse("healthz")).status_code == 200
    assert client.post(reverse("healthz")).status_code == 405


def test_healthy_with_redis(client, redis_cache):
    assert client.get(reverse("healthz")).json()["cache"] == "ok"


def test_503_when_the_cache_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
        }
    }
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "error"}


def test_503_when_the_database_is_down(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "error"


def test_never_served_from_the_page_cache(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    for _ in range(2):
        assert "X-Page-Cache" not in client.get(reverse("healthz"))


def test_logs_are_one_json_object_per_line_in_production():
    formatter = settings_in_subprocess("settings.LOGGING['formatters']['json']['()']", **PRODUCTION_ENV)
    handler = settings_in_subprocess("settings.LOGGING['handlers']['stdout']", **PRODUCTION_ENV)
    assert formatter == "operations.log.JsonFormatter"
    assert handler["stream"] == "ext://sys.stdout"
    record = logging.LogRecord("hub", logging.WARNING, __file__, 1, "slow page %s", ("/x/",), None)
    record.status_code = 200
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "WARNING"
    assert entry["message"] == "slow page /x/"
    assert entry["status_code"] == 200
