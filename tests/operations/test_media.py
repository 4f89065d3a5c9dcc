"""Production with local media (no S3 bucket) serves /media/ itself, but never documents' files."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tests.services import AWS_DUMMY, PRODUCTION_ENV, jpeg_bytes, settings_in_subprocess

pytestmark = pytest.mark.django_db


def test_production_serves_local_media_unless_a_bucket_is_named():
    assert settings_in_subprocess("settings.SERVE_MEDIA", **PRODUCTION_ENV) is True
    with_bucket = {**PRODUCTION_ENV, **AWS_DUMMY, "AWS_STORAGE_BUCKET_NAME": "hub-media"}
    assert settings_in_subprocess("settings.SERVE_MEDIA", **with_bucket) is False
    # A proxy that serves /media/ itself can turn it off.
    assert settings_in_subprocess("settings.SERVE_MEDIA", **PRODUCTION_ENV, SERVE_MEDIA="false") is False


def test_media_files_are_served_with_serve_media_and_documents_never(client, settings):
    settings.DEBUG = False  # as in production
    settings.SERVE_MEDIA = True
    image = default_storage.save("original_images/photo.jpg", ContentFile(jpeg_bytes()))
    document = default_storage.save("documents/private-notes.txt", ContentFile(b"private"))

    response = client.get(f"/media/{image}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    assert response["Content-Type"] == "image/jpeg"
    assert "max-age" in response["Cache-Control"]
    assert client.head(f"/media/{image}").status_code == 200

    # Documents go through Wagtail's view, which checks their collection's privacy.
    assert client.get(f"/media/{document}").status_code == 404
    escapes = [
        "/media/%2e%2e/manage.py",
        "/media/images/%2e%2e/%2e%2e/manage.py",
        "/media/images/%2e%2e/documents/private-notes.txt",
    ]
    for escape in escapes:
        assert client.get(escape).status_code == 404, escape
    assert client.get("/media/original_images/missing.jpg").status_code == 404

    settings.SERVE_MEDIA = False
    assert client.get(f"/media/{image}").status_code == 404
