"""Reliability tests reuse the production fixtures: moto's S3 server, Redis, a PostgreSQL deployment."""

from tests.operations.conftest import database, deployment, moto_server, redis_cache, s3_bucket, s3_media  # noqa: F401
