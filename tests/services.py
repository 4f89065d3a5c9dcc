"""Real services for the tests of production behaviour: an S3-compatible server (moto), Redis, PostgreSQL, and
the demo site deployed with production settings (gunicorn). A plugin of the root conftest (`pytest_plugins`).

moto's server runs in a thread of the test session on 127.0.0.1 and stops with it. Redis and
PostgreSQL are the machine's own; tests that need them skip with the reason when they are not
reachable, unless HUBSITE_REQUIRE_SERVICES=1 (CI) turns the skip into a failure.
"""

import io
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import boto3
import psycopg
import pytest
import requests
from bs4 import BeautifulSoup
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]


def worker_redis_url(url):
    """`url` with a Redis database of this pytest-xdist worker's own: tests flush the database they use.

    The first worker (or a run without workers) keeps the database `url` names; the next ones take the
    databases three and six above it, so CI's runs (databases 5 and 6, and 7 for its deployment check)
    never meet.
    """
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    if worker > 2:
        raise pytest.UsageError("at most three pytest-xdist workers: each needs a Redis database of its own")
    base, database = url.rsplit("/", 1)
    return f"{base}/{(int(database) + 3 * worker) % 16}"


REDIS_URL = worker_redis_url(os.environ.get("HUBSITE_TEST_REDIS_URL", "redis://127.0.0.1:6379/5"))
POSTGRES_URL = os.environ.get("HUBSITE_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
AWS_DUMMY = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_S3_REGION_NAME": "us-east-1"}
S3_CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}


def require_service(name, reachable):
    if reachable:
        return
    reason = f"{name} is not reachable"
    if os.environ.get("HUBSITE_REQUIRE_SERVICES") == "1":
        pytest.fail(f"HUBSITE_REQUIRE_SERVICES=1 and {reason}", pytrace=False)
    pytest.skip(reason)


def port_open(host, port):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def free_port():
    """A port nothing listens on, for a server the test starts next.

    Taken below the kernel's ephemeral range: a port the kernel handed out (bind to port 0) is free only
    until the server binds it, and in the meantime any outgoing connection on the machine (a database
    client, another suite's HTTP request) can be given it as its local port. Below the range only another
    server picking the same port at the same moment could take it.
    """
    first_ephemeral = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    ports = random.SystemRandom()
    for _ in range(100):
        port = ports.randrange(max(1024, first_ephemeral - 12000), first_ephemeral)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise OSError("no free port below the ephemeral range")


def jpeg_bytes(size=(64, 48), color=(200, 80, 40)):
    """A real, small JPEG made by Pillow."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG")
    return buffer.getvalue()


def settings_in_subprocess(expression, module="hubsite.settings.production", **environ):
    """Evaluate `expression` (JSON-serialisable) against settings loaded in a fresh interpreter."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "DATABASE_URL", "REDIS_URL"))}
    env.update(environ, DJANGO_SETTINGS_MODULE=module)
    code = f"import django, json; django.setup(); from django.conf import settings; print(json.dumps({expression}))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


PRODUCTION_ENV = {
    "SECRET_KEY": "a" * 20 + "-realistic-production-secret-key-" + "z" * 20,
    "ALLOWED_HOSTS": "hub.example.com",
    "CSRF_TRUSTED_ORIGINS": "https://hub.example.com",
    "SITE_URL": "https://hub.example.com",
}


@pytest.fixture(scope="session")
def moto_server():
    """moto's S3-compatible HTTP server on a free port of 127.0.0.1, for the whole session."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3_bucket(moto_server):
    """A new, empty bucket with ACLs disabled (Object Ownership: bucket owner enforced)."""
    name = f"hub-media-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=moto_server, **S3_CREDENTIALS)
    client.create_bucket(Bucket=name, ObjectOwnership="BucketOwnerEnforced")
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(public_images_policy(name)))
    return client, name


def public_images_policy(bucket):
    """The bucket policy docs/deployment.md prescribes: anyone may read images, documents stay private."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicReadImages",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": [f"arn:aws:s3:::{bucket}/images/*", f"arn:aws:s3:::{bucket}/original_images/*"],
            }
        ],
    }


def s3_storages(endpoint, bucket, **extra):
    """STORAGES exactly as production settings build them from the environment."""
    environ = {**PRODUCTION_ENV, **AWS_DUMMY, "AWS_STORAGE_BUCKET_NAME": bucket, "AWS_S3_ENDPOINT_URL": endpoint}
    return settings_in_subprocess("settings.STORAGES", **{**environ, **extra})


@pytest.fixture
def s3_media(s3_bucket, moto_server, settings):
    """Switch the default storage (and so Wagtail's images and documents) to the S3 bucket.

    Setting STORAGES fires Django's setting_changed handler, which drops the cached default storage.
    """
    client, bucket = s3_bucket
    storages = s3_storages(moto_server, bucket)
    settings.STORAGES = {
        **storages,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    yield client, bucket


def bucket_keys(client, bucket):
    return sorted(obj["Key"] for obj in client.list_objects_v2(Bucket=bucket).get("Contents", []))


@pytest.fixture
def redis_cache(settings):
    """Django's Redis cache on db 5 (flushed before and after), as the page cache and /healthz/ use it."""
    require_service("Redis at 127.0.0.1:6379", port_open("127.0.0.1", 6379))
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    yield client
    client.flushdb()
    client.close()


# A production deployment on this machine: the demo site built once with production settings, then
# copied for each test that runs real servers (gunicorn) against it.

ADMIN_PASSWORD = "two-instance-admin-passphrase"
BIN = os.path.dirname(sys.executable)


# A bound on a command that hangs, not a timing: a 2-core machine shared with other suites took over
# 180 s to migrate a new database.
COMMAND_BOUND_SECONDS = 600


def manage_in(env, *args, timeout=COMMAND_BOUND_SECONDS):
    """Run `manage.py *args` in a fresh process with `env`; its output, or the test fails with it."""
    proc = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def postgres_url(name):
    return POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"


def drop_postgres_database(name):
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class ProductionSite:
    """The demo site under production settings, built once per session and copied for each deployment.

    Building it (migrate, load_demo_content, ensure_admin, collectstatic) takes half a minute; a copy of
    the SQLite file, or a PostgreSQL database created with the built one as its template, takes well
    under a second. Each kind of database is built the first time a test asks for it.
    """

    def __init__(self, tmp):
        self.tmp = tmp
        self.media_root = tmp / "media"
        # CI collects the static files once with production settings and lends them to every run (.ci/run).
        self._static = os.environ.get("HUBSITE_COLLECTED_STATIC") or None
        self._sqlite = None
        self._postgres = None

    def env(self, **extra):
        """The environment of a production process over plain HTTP on 127.0.0.1, with local media."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "DJANGO_", "DATABASE_", "REDIS_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="hubsite.settings.production",
            SECRET_KEY="production-site-template-" + "k" * 40,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            # The default Site as Wagtail's first migration made it, so `migrate` leaves it as it is.
            SITE_URL="http://localhost",
            STATIC_ROOT=self._static or str(self.tmp / "static"),
            MEDIA_ROOT=str(self.media_root),
            # Plain HTTP on localhost: no TLS redirect, cookies without the Secure flag, no proxy.
            SECURE_SSL_REDIRECT="false",
            SECURE_COOKIES="false",
            PAGE_CACHE_SECONDS="600",
            HUBSITE_ADMIN_PASSWORD=ADMIN_PASSWORD,
            LOG_LEVEL="WARNING",
            CACHE_DIR=str(self.tmp / "build-cache"),
        )
        env.update(extra)
        return env

    def _build(self, database_url):
        env = self.env(DATABASE_URL=database_url)
        collectstatic = None
        if self._static is None:
            collectstatic = subprocess.Popen(
                [sys.executable, "manage.py", "collectstatic", "--noinput"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
        try:
            manage_in(env, "migrate", "--noinput")
            manage_in(env, "load_demo_content")
            manage_in(env, "ensure_admin")
            if collectstatic is not None:
                assert collectstatic.wait(timeout=COMMAND_BOUND_SECONDS) == 0, collectstatic.stderr.read()
                self._static = env["STATIC_ROOT"]
        finally:
            if collectstatic is not None and collectstatic.poll() is None:
                collectstatic.kill()
                collectstatic.wait()

    def sqlite_copy(self, label):
        """A copy of the SQLite site for one test: its DATABASE_URL."""
        if self._sqlite is None:
            path = self.tmp / "template.sqlite3"
            self._build(f"sqlite:///{path}")
            self._sqlite = path
        copy = self.tmp / f"{label}-{uuid.uuid4().hex[:8]}.sqlite3"
        shutil.copyfile(self._sqlite, copy)
        return f"sqlite:///{copy}"

    def postgres_copy(self):
        """A new PostgreSQL database copied from the built one (the caller drops it): (name, DATABASE_URL)."""
        require_service("PostgreSQL at 127.0.0.1:5432", port_open("127.0.0.1", 5432))
        if self._postgres is None:
            name = f"hub_template_{uuid.uuid4().hex[:10]}"
            with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            self._postgres = name
            self._build(postgres_url(name))
        name = f"hub_site_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self._postgres}"')
        return name, postgres_url(name)

    def media_files(self):
        """(storage name, path) of every media file the build wrote."""
        return [
            (path.relative_to(self.media_root).as_posix(), path)
            for path in sorted(self.media_root.rglob("*"))
            if path.is_file()
        ]

    def remove(self):
        if self._postgres is not None:
            drop_postgres_database(self._postgres)


@pytest.fixture(scope="session")
def production_site(tmp_path_factory):
    site = ProductionSite(tmp_path_factory.mktemp("production-site"))
    yield site
    site.remove()


@pytest.fixture(scope="session")
def deployment_bucket(moto_server, production_site):
    """One bucket for the session's deployments, holding the built site's media (the demo's picture)."""
    client = boto3.client("s3", endpoint_url=moto_server, **S3_CREDENTIALS)
    name = f"hub-site-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=name, ObjectOwnership="BucketOwnerEnforced")
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(public_images_policy(name)))
    return client, name


@pytest.fixture
def deployment(production_site, deployment_bucket, moto_server, tmp_path):
    """Production settings over plain HTTP on 127.0.0.1: a PostgreSQL copy of the demo site with an admin,
    Redis under a key prefix of its own and S3 media (moto)."""
    require_service("Redis at 127.0.0.1:6379", port_open("127.0.0.1", 6379))
    name, database_url = production_site.postgres_copy()
    client, bucket = deployment_bucket
    for key, path in production_site.media_files():
        client.upload_file(str(path), bucket, key)
    env = production_site.env(
        **AWS_DUMMY,
        DATABASE_URL=database_url,
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=f"scaleout-{uuid.uuid4().hex[:8]}",
        AWS_STORAGE_BUCKET_NAME=bucket,
        AWS_S3_ENDPOINT_URL=moto_server,
        WEB_CONCURRENCY="2",
    )
    try:
        yield env, lambda *args: manage_in(env, *args)
    finally:
        drop_postgres_database(name)
        import redis

        redis_client = redis.Redis.from_url(REDIS_URL)
        redis_client.flushdb()
        redis_client.close()


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


# Servers a test starts, stops, pauses and restarts itself: Redis (never the machine's own on 6379) and
# Varnish with the configuration the repository ships (deploy/varnish/).

VARNISHD = shutil.which("varnishd", path=f"{os.environ.get('PATH', '')}:/usr/sbin")
VARNISH_CONFIG = ROOT / "deploy" / "varnish"


def wait_for_port(process, port, log_path, deadline=30):
    stop = time.monotonic() + deadline
    while time.monotonic() < stop:
        assert process.poll() is None, log_path.read_text()
        if port_open("127.0.0.1", port):
            return
        time.sleep(0.1)
    pytest.fail(f"nothing listens on port {port}:\n{log_path.read_text()}")


class OwnServer:
    """A server process of the test's own on a free port of 127.0.0.1: started, stopped, paused (SIGSTOP)."""

    name = "server"

    def __init__(self, tmp):
        self.tmp = tmp
        self.port = free_port()
        self.log = tmp / f"{self.name}.log"
        self.process = None

    def command(self):
        raise NotImplementedError

    def start(self):
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                self.command(), cwd=self.tmp, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        return self

    def wait(self):
        wait_for_port(self.process, self.port, self.log)
        return self

    # The whole process group: varnishd's cache is a child process of the one started here.
    def pause(self):
        os.killpg(self.process.pid, signal.SIGSTOP)

    def resume(self):
        os.killpg(self.process.pid, signal.SIGCONT)

    def stop(self, sig=signal.SIGTERM):
        if self.process is not None and self.process.poll() is None:
            self.resume()  # a paused process cannot handle SIGTERM
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class RedisServer(OwnServer):
    """redis-server in a directory of its own; `save()` writes its data there, which `start()` loads again."""

    name = "redis"

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def command(self):
        return ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.tmp),
                "--save", "", "--appendonly", "no"]  # fmt: skip

    def save(self):
        import redis

        client = redis.Redis.from_url(self.url)
        client.save()
        client.close()


class Varnish(OwnServer):
    """varnishd with deploy/varnish/hub.vcl unchanged, and hub-site.vcl's backend at `backend_port`, on localhost.

    Its cache is in memory, so stopping it and starting it again (same port) empties it.
    """

    name = "varnish"

    def __init__(self, tmp, backend_port):
        super().__init__(tmp)
        site = (VARNISH_CONFIG / "hub-site.vcl").read_text()
        assert '"8000"' in site and "Host: hub.example.com" in site and ".timeout = 2s;" in site
        site = site.replace('"8000"', f'"{backend_port}"').replace("Host: hub.example.com", "Host: localhost")
        # The probe's interval stays (the journal tests rely on it), but a machine shared with other suites
        # can take over 2 s to answer robots.txt, and a backend Varnish marks sick answers every test 503.
        site = site.replace(".timeout = 2s;", ".timeout = 20s;")
        (tmp / "hub-site.vcl").write_text(site)

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def wait(self, deadline=60):
        """Until Varnish answers through a backend it holds healthy.

        Its probe runs from the moment it starts: three probes missed while the app was still starting
        (seconds, on a loaded machine) leave the backend sick, and every request 503, until three pass.
        """
        super().wait()
        stop = time.monotonic() + deadline
        while time.monotonic() < stop:
            try:
                if requests.get(f"{self.base}/robots.txt", timeout=20).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.5)
        pytest.fail(f"Varnish never found its backend healthy:\n{self.log.read_text()}")

    def command(self):
        return [
            VARNISHD, "-F", "-j", "none", "-T", "none", "-a", f"127.0.0.1:{self.port}", "-n", str(self.tmp / "work"),
            "-f", str(VARNISH_CONFIG / "hub.vcl"), "-p", f"vcl_path={self.tmp}:{VARNISH_CONFIG}", "-s", "malloc,64m",
        ]  # fmt: skip


class FrontCacheDeployment:
    """Varnish in front of a production gunicorn (2 workers) with a Redis of its own, and a manage() runner."""

    def __init__(self, env, app, varnish, redis):
        self.env, self.app, self.varnish, self.redis = env, app, varnish, redis

    def manage(self, *args):
        return manage_in(self.env, *args)


# How often the deployment's app processes read the purge journal (PURGE_JOURNAL_CHECK_SECONDS).
FRONT_CACHE_CHECK_SECONDS = 0.5


@pytest.fixture(scope="module")
def front_cache_deployment(production_site, tmp_path_factory):
    """The demo site under production settings behind Varnish: one gunicorn and one varnishd for the module.

    The app's page cache is a redis-server of the module's own (tests may pause or kill it), the front
    cache purged is the Varnish, and the database a copy of the demo site (PostgreSQL when the run is).
    """
    require_service("varnishd", VARNISHD is not None)
    require_service("redis-server", shutil.which("redis-server") is not None)
    tmp = tmp_path_factory.mktemp("front-cache")
    database = None
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        database, database_url = production_site.postgres_copy()
    else:
        database_url = production_site.sqlite_copy("front-cache")
    redis_server = RedisServer(tmp / "redis")
    redis_server.tmp.mkdir()
    redis_server.start()
    app_port = free_port()
    (tmp / "varnish").mkdir()
    varnish = Varnish(tmp / "varnish", app_port).start()
    env = production_site.env(
        DATABASE_URL=database_url,
        REDIS_URL=redis_server.url,
        FRONTEND_CACHE_PURGE_URL=varnish.base,
        # A breaker that closes soon after an outage, and the journal read often: the tests wait for neither.
        REDIS_DOWN_SECONDS="1",
        PURGE_JOURNAL_CHECK_SECONDS=str(FRONT_CACHE_CHECK_SECONDS),
        WEB_CONCURRENCY="2",
    )
    app_log = tmp / "gunicorn.log"
    app = start_server(env, app_port, app_log)
    try:
        redis_server.wait()
        wait_until_healthy(f"http://127.0.0.1:{app_port}", app, app_log)
        varnish.wait()
        yield FrontCacheDeployment(env, f"http://127.0.0.1:{app_port}", varnish, redis_server)
    finally:
        stop_server(app)
        varnish.stop()
        redis_server.stop()
        if database is not None:
            drop_postgres_database(database)
