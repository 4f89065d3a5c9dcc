"""Scale-out, proven: two gunicorn instances sharing one PostgreSQL, one Redis and one S3 server.

The test makes its own PostgreSQL database (dropped afterwards), so it runs in every phase of
CI; it uses Redis db 5 under a key prefix of its own and a fresh bucket on moto's server.
"""

import os
import re
import signal
import subprocess
import sys
import time
import uuid

import psycopg
import pytest
import requests
from bs4 import BeautifulSoup

from .conftest import AWS_DUMMY, POSTGRES_URL, REDIS_URL, ROOT, free_port, jpeg_bytes, port_open, require_service

ARTICLE = "/articles/meeting-django-contributors/"
ADMIN_PASSWORD = "two-instance-admin-passphrase"
BIN = os.path.dirname(sys.executable)


@pytest.fixture
def database():
    """A throwaway PostgreSQL database on 127.0.0.1, dropped afterwards."""
    require_service("PostgreSQL at 127.0.0.1:5432", port_open("127.0.0.1", 5432))
    require_service("Redis at 127.0.0.1:6379", port_open("127.0.0.1", 6379))
    name = f"hub_scaleout_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def deployment(database, s3_bucket, moto_server, tmp_path):
    """Production settings over plain HTTP on 127.0.0.1, migrated, with demo content and an admin."""
    _client, bucket = s3_bucket
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "DJANGO_", "DATABASE_", "REDIS_"))}
    env.update(
        AWS_DUMMY,
        DJANGO_SETTINGS_MODULE="hubsite.settings.production",
        SECRET_KEY=uuid.uuid4().hex * 2,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database,
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=f"scaleout-{uuid.uuid4().hex[:8]}",
        AWS_STORAGE_BUCKET_NAME=bucket,
        AWS_S3_ENDPOINT_URL=moto_server,
        STATIC_ROOT=str(tmp_path / "static"),
        # Plain HTTP on localhost: no TLS redirect, cookies without the Secure flag, no proxy.
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        TRUSTED_PROXY_COUNT="0",
        PAGE_CACHE_SECONDS="600",
        HUBSITE_ADMIN_PASSWORD=ADMIN_PASSWORD,
        WEB_CONCURRENCY="2",
        LOG_LEVEL="WARNING",
    )

    def manage(*args):
        proc = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
        return proc.stdout

    collectstatic = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        manage("migrate", "--noinput")
        manage("load_demo_content")
        manage("ensure_admin")
        assert collectstatic.wait(timeout=120) == 0, collectstatic.stderr.read()
    finally:
        if collectstatic.poll() is None:
            collectstatic.kill()
            collectstatic.wait()
    yield env, manage
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    client.close()


def start_server(env, port, log_path):
    server_env = {**env, "HOST": "127.0.0.1", "PORT": str(port)}
    with open(log_path, "wb") as log:
        return subprocess.Popen(
            [os.path.join(BIN, "gunicorn"), "hubsite.wsgi", "--config", "python:hubsite.gunicorn"],
            cwd=ROOT,
            env=server_env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop_server(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_until_healthy(base, process, log_path, deadline=45):
    stop = time.monotonic() + deadline
    while time.monotonic() < stop:
        assert process.poll() is None, log_path.read_text()
        try:
            if requests.get(f"{base}/healthz/", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    pytest.fail(f"{base} did not become healthy:\n{log_path.read_text()}")


@pytest.fixture
def two_servers(deployment, tmp_path):
    env, manage = deployment
    servers = []
    try:
        for name in ("a", "b"):
            port = free_port()
            log = tmp_path / f"{name}.log"
            servers.append((f"http://127.0.0.1:{port}", start_server(env, port, log), log))
        for base, process, log in servers:
            wait_until_healthy(base, process, log)
        yield servers[0][0], servers[1][0], manage, env["DATABASE_URL"]
    finally:
        for _base, process, _log in servers:
            stop_server(process)


def form_fields(html, form_selector="form"):
    form = BeautifulSoup(html, "html.parser").select_one(form_selector)
    return {field["name"]: field.get("value", "") for field in form.find_all("input") if field.get("name")}


def admin_session(base):
    session = requests.Session()
    login = session.get(f"{base}/admin/login/", timeout=10)
    fields = form_fields(login.text)
    fields.update(username="admin", password=ADMIN_PASSWORD)
    response = session.post(f"{base}/admin/login/", data=fields, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text[:1000]
    return session


def test_two_app_servers_share_database_cache_and_media(two_servers):
    a, b, manage, database_url = two_servers
    deadline = time.monotonic() + 60

    # B serves the article and caches it (in the shared Redis).
    assert requests.get(f"{b}{ARTICLE}", timeout=10).status_code == 200
    cached = requests.get(f"{b}{ARTICLE}", timeout=10)
    assert cached.headers["X-Page-Cache"] == "hit"
    assert "Meeting Django contributors" in cached.text

    # An editor uploads an image through A's admin; it goes to the shared bucket.
    editor = admin_session(a)
    add = editor.get(f"{a}/admin/images/add/", timeout=10)
    csrf = form_fields(add.text, "form[enctype='multipart/form-data']")["csrfmiddlewaretoken"]
    upload = editor.post(
        f"{a}/admin/images/add/",
        data={"csrfmiddlewaretoken": csrf, "title": "Uploaded through A"},
        files={"file": ("a.jpg", jpeg_bytes(), "image/jpeg")},
        allow_redirects=False,
        timeout=20,
    )
    assert upload.status_code == 302, upload.text[:2000]

    # A change is published by another process on the same database and Redis (a command run
    # on A's machine); it adds the uploaded image to the article.
    manage(
        "shell",
        "-c",
        "from wagtail.images import get_image_model; from articles.models import ArticlePage; "
        f"page = ArticlePage.objects.get(url_path='/home{ARTICLE}'); "
        "image = get_image_model().objects.get(title='Uploaded through A'); "
        "page.title = 'Meeting contributors, updated'; "
        "page.body.append(('image', {'image': image, 'alt_text': 'Uploaded through A', 'decorative': False, "
        "'caption': ''})); page.save_revision().publish()",
    )

    # B serves the new version at once: the purge reached the shared cache.
    fresh = requests.get(f"{b}{ARTICLE}", timeout=10)
    assert fresh.headers["X-Page-Cache"] == "miss"
    assert "Meeting contributors, updated" in fresh.text
    img = BeautifulSoup(fresh.text, "html.parser").find("img", alt="Uploaded through A")
    assert img is not None
    picture = requests.get(img["src"], timeout=10)  # a rendition B made from A's upload, in S3
    assert picture.status_code == 200
    assert picture.content[:2] == b"\xff\xd8"

    # Unpublishing through A's admin takes the page off B too.
    with psycopg.connect(database_url) as conn:
        page_id = conn.execute("SELECT id FROM wagtailcore_page WHERE url_path = %s", [f"/home{ARTICLE}"]).fetchone()[0]
    confirm = editor.get(f"{a}/admin/pages/{page_id}/unpublish/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', confirm.text).group(1)
    done = editor.post(
        f"{a}/admin/pages/{page_id}/unpublish/", data={"csrfmiddlewaretoken": token}, allow_redirects=False, timeout=10
    )
    assert done.status_code == 302, done.text[:1000]
    assert requests.get(f"{b}{ARTICLE}", timeout=10).status_code == 404
    assert ARTICLE not in requests.get(f"{b}/articles/", timeout=10).text

    assert time.monotonic() < deadline, "the scale-out flow should take well under a minute"
