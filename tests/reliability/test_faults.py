"""Faults while serving: the database, Redis or S3 going away, and a worker dying mid-burst.

The database and worker tests run the production server (gunicorn, PostgreSQL, Redis, moto's S3)
as tests/operations/test_two_instances.py does; the database is reached through a TCP proxy the
test cuts and restores (the real PostgreSQL is never stopped).
"""

import logging
import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from wagtail.images.models import Image

from operations import cache_backend
from operations.middleware import STORAGE_DOWN_MESSAGE
from tests.factories import article
from tests.services import (
    PRODUCTION_ENV,
    REDIS_URL,
    free_port,
    jpeg_bytes,
    s3_storages,
    settings_in_subprocess,
    start_server,
    stop_server,
    wait_until_healthy,
)

from .proxy import TcpProxy

ARTICLE = "/articles/meeting-django-contributors/"
UNCACHED = ["/videos/", "/search/?q=django"]


def get(base, path, **kwargs):
    return requests.get(f"{base}{path}", timeout=15, allow_redirects=False, **kwargs)


@pytest.fixture
def server_via_db_proxy(deployment, tmp_path):
    """A 2-worker production server whose only way to PostgreSQL is a proxy the test controls."""
    env, _manage = deployment
    database = urlsplit(env["DATABASE_URL"])
    proxy = TcpProxy(database.hostname, database.port or 5432).start()
    netloc = f"{database.username}@127.0.0.1:{proxy.port}"
    server_env = {**env, "DATABASE_URL": database._replace(netloc=netloc).geturl(), "WEB_CONCURRENCY": "2"}
    port, log = free_port(), tmp_path / "server.log"
    base = f"http://127.0.0.1:{port}"
    process = start_server(server_env, port, log)
    try:
        wait_until_healthy(base, process, log)
        yield base, proxy, process, log
    finally:
        stop_server(process)
        proxy.stop()


def test_database_outage_serves_cached_pages_a_friendly_503_elsewhere_and_recovers(server_via_db_proxy):
    base, proxy, process, log = server_via_db_proxy
    assert get(base, ARTICLE).status_code == 200
    assert get(base, ARTICLE).headers["X-Page-Cache"] == "hit"

    proxy.stop()  # PostgreSQL unreachable from here on

    cached = get(base, ARTICLE)
    assert cached.status_code == 200 and cached.headers["X-Page-Cache"] == "hit"
    assert "Connecting with Django contributors" in cached.text
    for path in UNCACHED:
        response = get(base, path)
        assert response.status_code == 503, (path, response.text[:500])
        assert response.headers["Retry-After"] == "30"
        assert "<h1>Back in a moment</h1>" in response.text
        assert "Traceback" not in response.text and "OperationalError" not in response.text
    health = get(base, "/healthz/")
    assert health.status_code == 503 and health.json()["database"] == "error"

    proxy.start()  # the database is back, on the same address; the app is not restarted
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if all(get(base, path).status_code == 200 for path in ["/healthz/", *UNCACHED]):
            break
        time.sleep(0.5)
    else:
        pytest.fail("the site did not recover after the database returned:\n" + log.read_text()[-3000:])
    assert process.poll() is None


def worker_pids(master_pid):
    """The gunicorn master's child processes (its workers), from /proc."""
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master_pid and fields[0] != "Z":
                children.append(int(entry.name))
    return sorted(children)


def test_a_worker_killed_during_a_burst_leaves_other_requests_unaffected(deployment, tmp_path):
    env, _manage = deployment
    port, log = free_port(), tmp_path / "server.log"
    base = f"http://127.0.0.1:{port}"
    process = start_server({**env, "WEB_CONCURRENCY": "2"}, port, log)
    try:
        wait_until_healthy(base, process, log)
        deadline = time.monotonic() + 20
        while len(worker_pids(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        workers = worker_pids(process.pid)
        assert len(workers) == 2, workers

        paths = [UNCACHED[i % 2] for i in range(120)]  # uncached: every request works the database
        with ThreadPoolExecutor(max_workers=8) as pool:
            futures = [pool.submit(get, base, path) for path in paths]
            time.sleep(0.3)
            os.kill(workers[0], signal.SIGKILL)
            outcomes = []
            for future in futures:
                try:
                    outcomes.append(future.result().status_code)
                except requests.RequestException:
                    outcomes.append("connection lost")
        # A sync worker handles one request at a time: at most the request it was serving is lost.
        assert outcomes.count(200) >= len(paths) - 1, outcomes
        assert set(outcomes) <= {200, "connection lost"}, outcomes

        # The master replaces the worker and keeps serving.
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            current = worker_pids(process.pid)
            if len(current) == 2 and workers[0] not in current:
                break
            time.sleep(0.2)
        else:
            pytest.fail(f"no replacement worker: {worker_pids(process.pid)}\n{log.read_text()[-2000:]}")
        assert workers[1] in current
        assert all(get(base, path).status_code == 200 for path in UNCACHED)
        assert process.poll() is None
    finally:
        stop_server(process)


# Redis and S3 outages, in process with the production cache and storage settings.


@pytest.fixture
def unreachable_redis_cache(settings):
    """The cache exactly as production settings build it, pointed at a port nothing listens on."""
    caches = settings_in_subprocess("settings.CACHES", REDIS_URL=f"redis://127.0.0.1:{free_port()}/6", **PRODUCTION_ENV)
    settings.CACHES = caches
    settings.PAGE_CACHE_SECONDS = 300
    return caches


@pytest.mark.django_db
def test_redis_outage_keeps_the_site_serving_and_is_logged(
    client, home_page, unreachable_redis_cache, caplog, monkeypatch
):
    monkeypatch.setattr(cache_backend, "_down_until", {})  # no earlier test's outage window
    page = article(home_page, title="Still here without Redis")
    with caplog.at_level(logging.WARNING, logger="operations.cache_backend"):
        for path in ["/", page.url, page.url, "/search/?q=redis", "/feeds/rss.xml", "/sitemap.xml"]:
            response = client.get(path)
            assert response.status_code == 200, path
            assert response.get("X-Page-Cache") != "hit"
    assert "Still here without Redis" in client.get(page.url).content.decode()
    assert any("cache unavailable" in record.getMessage() for record in caplog.records)
    # The health check still tells the load balancer the cache is down.
    health = client.get(reverse("healthz"))
    assert health.status_code == 503 and health.json()["cache"] == "error"


def test_the_redis_cache_reuses_one_client_and_reconnects_after_a_disconnect(redis_cache):
    backend = cache_backend.ResilientRedisCache(REDIS_URL, {})
    # Django builds a redis.Redis per operation; ours keeps one per connection pool.
    assert backend._cache.get_client() is backend._cache.get_client()
    backend.set("reused", 1)
    backend._cache.get_client().connection_pool.disconnect()  # as when Redis restarts
    assert backend.get("reused") == 1


def test_redis_outage_costs_a_request_at_most_the_short_socket_timeout():
    options = settings_in_subprocess(
        "settings.CACHES['default']['OPTIONS']", REDIS_URL="redis://r:6379/0", **PRODUCTION_ENV
    )
    assert options["socket_connect_timeout"] <= 1 and options["socket_timeout"] <= 1


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "editor@example.com", "pw"))
    return client


def upload(client, title, **extra):
    file = SimpleUploadedFile(f"{title}.jpg", jpeg_bytes(), content_type="image/jpeg")
    return client.post(reverse("wagtailimages:add"), {"title": title, "file": file}, **extra)


def with_image(home_page, title, image):
    body = [("image", {"image": image, "alt_text": "A red square", "decorative": False, "caption": ""})]
    return article(home_page, title=title, body=body)


@pytest.mark.django_db
def test_s3_outage_pages_still_render_and_uploads_get_a_clear_error_saving_nothing(
    s3_media, admin_client, client, home_page, settings
):
    _s3, bucket = s3_media
    assert upload(admin_client, "seen").status_code == 302
    assert upload(admin_client, "unseen").status_code == 302
    shown = with_image(home_page, "Rendered before the outage", Image.objects.get(title="seen"))
    assert client.get(shown.url).status_code == 200  # its rendition is made now
    never_shown = with_image(home_page, "First shown during the outage", Image.objects.get(title="unseen"))

    # The bucket's endpoint stops answering (production storage settings, a port nothing listens on).
    storages = s3_storages(f"http://127.0.0.1:{free_port()}", bucket)
    settings.STORAGES = {**storages, "staticfiles": settings.STORAGES["staticfiles"]}

    response = client.get(shown.url)
    assert response.status_code == 200
    assert 'alt="A red square"' in response.content.decode()
    # A rendition that cannot be made (its original is unreachable) leaves the page without it.
    assert client.get(never_shown.url).status_code == 200

    images = Image.objects.count()
    response = upload(admin_client, "during the outage")
    assert response.status_code == 302 and response["Location"] == reverse("wagtailimages:add")
    assert STORAGE_DOWN_MESSAGE in admin_client.get(response["Location"]).content.decode()
    file = SimpleUploadedFile("multi.jpg", jpeg_bytes(), content_type="image/jpeg")
    # The multi-file view saves without a transaction of its own (a request runs in autocommit); in
    # this test's transaction, give it a savepoint so the failed save does not poison the test's.
    with transaction.atomic():
        response = admin_client.post(
            reverse("wagtailimages:add_multiple"), {"files[]": file}, headers={"x-requested-with": "XMLHttpRequest"}
        )
    assert response.status_code == 200
    assert response.json() == {"success": False, "error_message": STORAGE_DOWN_MESSAGE}
    assert Image.objects.count() == images


@pytest.mark.django_db
def test_a_database_error_anywhere_in_a_request_gets_the_friendly_503_page(home_page, monkeypatch):
    """The same handler as in the gunicorn test above, in process: a view and a middleware raising."""
    from django.db.utils import InterfaceError, OperationalError
    from django.test import Client
    from wagtail.models import Site

    client = Client(raise_request_exception=False)

    def unreachable(*args, **kwargs):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    monkeypatch.setattr(Site, "find_for_request", unreachable)
    response = client.get("/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert b"Back in a moment" in response.content and b"5432" not in response.content

    def closed(*args, **kwargs):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr("django.contrib.sessions.backends.db.SessionStore.load", closed)
    client.cookies["sessionid"] = "x" * 32
    assert client.get("/").status_code == 503

    monkeypatch.setattr(Site, "find_for_request", lambda *a, **k: 1 / 0)
    other = Client(raise_request_exception=False).get("/")
    assert other.status_code == 500 and b"Something went wrong" in other.content
