"""Media on S3: real uploads through the admin to moto's S3 server, and the URLs pages carry."""

import pytest
import requests
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image

from tests.conftest import parse
from tests.factories import article
from tests.services import PRODUCTION_ENV, bucket_keys, jpeg_bytes, s3_storages, settings_in_subprocess

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


def upload_image(admin_client, filename="a.jpg", title="A picture"):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": title, "file": SimpleUploadedFile(filename, jpeg_bytes(), content_type="image/jpeg")},
    )
    assert response.status_code == 302, response.content[:2000]
    return Image.objects.get(title=title)


def image_body(image, alt="A red square"):
    return [("image", {"image": image, "alt_text": alt, "decorative": False, "caption": ""})]


def test_without_a_bucket_media_stays_on_local_disk():
    storages = settings_in_subprocess("settings.STORAGES", **PRODUCTION_ENV)
    assert storages["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_bucket_settings_come_from_the_environment_and_are_safe_for_cached_pages(moto_server):
    options = s3_storages(
        "https://s3.example.net", "hub-media", AWS_S3_REGION_NAME="eu-west-1", AWS_S3_CUSTOM_DOMAIN="media.example.com"
    )["default"]["OPTIONS"]
    assert options["bucket_name"] == "hub-media"
    assert options["endpoint_url"] == "https://s3.example.net"
    assert options["region_name"] == "eu-west-1"
    assert options["custom_domain"] == "media.example.com"
    assert options["file_overwrite"] is False  # uploads never replace each other
    assert options["querystring_auth"] is False  # no expiring signatures in (cached) HTML
    assert options["default_acl"] is None  # works on buckets with ACLs disabled


def test_image_uploaded_through_the_admin_lands_in_the_bucket_with_its_rendition(
    s3_media, admin_client, client, home_page, moto_server
):
    s3, bucket = s3_media
    image = upload_image(admin_client)
    assert image.file.name in bucket_keys(s3, bucket)
    assert image.file.name.startswith("original_images/")

    page = article(home_page, title="Pictured", body=image_body(image))
    admin_client.logout()
    html = parse(client.get(page.url))
    img = html.select_one("figure.image-block img")
    src = img["src"]
    # The page points at the rendition in the bucket, by a plain URL that never expires.
    assert src.startswith(f"{moto_server}/{bucket}/images/"), src
    assert "Signature" not in src and "Expires" not in src and "?" not in src
    rendition_key = src.removeprefix(f"{moto_server}/{bucket}/")
    assert rendition_key in bucket_keys(s3, bucket)
    fetched = requests.get(src, timeout=10)
    assert fetched.status_code == 200
    assert fetched.content[:2] == b"\xff\xd8"  # a JPEG


def test_two_uploads_with_the_same_file_name_both_survive(s3_media, admin_client):
    s3, bucket = s3_media
    first = upload_image(admin_client, "a.jpg", title="First")
    second = upload_image(admin_client, "a.jpg", title="Second")
    assert first.file.name != second.file.name
    keys = bucket_keys(s3, bucket)
    assert first.file.name in keys and second.file.name in keys
    assert s3.get_object(Bucket=bucket, Key=first.file.name)["Body"].read()[:2] == b"\xff\xd8"


def test_objects_are_written_without_acls(s3_media, admin_client):
    """Buckets with ACLs disabled reject uploads that set one; ours set none."""
    s3, bucket = s3_media
    image = upload_image(admin_client)
    grants = s3.get_object_acl(Bucket=bucket, Key=image.file.name)["Grants"]
    assert all(grant["Grantee"].get("URI") is None for grant in grants)  # no public-read/all-users grant


def test_a_custom_domain_puts_cdn_urls_in_pages(s3_bucket, moto_server, settings, admin_client, client, home_page):
    s3, bucket = s3_bucket
    storages = s3_storages(moto_server, bucket, AWS_S3_CUSTOM_DOMAIN="media.example.com")
    settings.STORAGES = {**storages, "staticfiles": settings.STORAGES["staticfiles"]}
    image = upload_image(admin_client)
    page = article(home_page, title="Via the CDN", body=image_body(image))
    admin_client.logout()
    src = parse(client.get(page.url)).select_one("figure.image-block img")["src"]
    assert src.startswith("https://media.example.com/images/"), src


def test_documents_are_served_through_wagtail_not_the_bucket(s3_media, client):
    s3, bucket = s3_media
    document = Document.objects.create(
        title="Slides", file=SimpleUploadedFile("slides.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
    )
    assert document.file.name in bucket_keys(s3, bucket)
    assert document.url.startswith("/documents/")
    # The object itself is not public: only the serve view (which checks privacy) can read it.
    assert requests.get(f"{s3.meta.endpoint_url}/{bucket}/{document.file.name}", timeout=10).status_code == 403
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 demo"


def test_load_demo_content_works_with_s3_storage(s3_media, client):
    s3, bucket = s3_media
    call_command("load_demo_content")
    call_command("load_demo_content")  # idempotent on S3 too
    demo_images = list(Image.objects.all())
    assert demo_images, "the demo content includes an image"
    keys = bucket_keys(s3, bucket)
    for image in demo_images:
        assert image.file.name in keys
    # Rendering the demo pages makes renditions in the bucket too.
    for url in ("/", "/articles/"):
        assert client.get(url).status_code == 200
