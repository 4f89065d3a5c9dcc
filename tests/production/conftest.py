"""Fixtures for production behaviour: a real S3-compatible server (moto), Redis and PostgreSQL.

moto's server runs in a thread of the test session on 127.0.0.1 and stops with it. Redis and
PostgreSQL are the machine's own; tests that need them skip with the reason when they are not
reachable, unless HUBSITE_REQUIRE_SERVICES=1 (CI) turns the skip into a failure.
"""

import io
import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import boto3
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("HUBSITE_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
POSTGRES_URL = os.environ.get("HUBSITE_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
AWS_DUMMY = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_S3_REGION_NAME": "us-east-1"}


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
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
    client = boto3.client(
        "s3",
        endpoint_url=moto_server,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=name, ObjectOwnership="BucketOwnerEnforced")
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(public_images_policy(name)))
    return client, name


def public_images_policy(bucket):
    """The bucket policy the README prescribes: anyone may read images, documents stay private."""
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
