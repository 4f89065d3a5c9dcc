"""Upload limits: what editors may upload, and how big, is bounded."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from tests.factories import article
from tests.services import jpeg_bytes

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "editor@example.com", "pw"))
    return client


def add_image(client, name, content, content_type="image/jpeg"):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": name, "file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


def add_document(client, name, content, content_type="application/octet-stream"):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


def form_errors(response):
    return str(response.context["form"].errors)


def test_limits_are_set(settings):
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * MB
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 10 * MB
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS


def test_a_normal_image_is_accepted(admin_client):
    assert add_image(admin_client, "small.jpg", jpeg_bytes()).status_code == 302
    assert Image.objects.filter(title="small.jpg").exists()


def test_an_image_over_the_size_limit_is_refused(admin_client):
    oversized = jpeg_bytes() + b"\0" * (10 * MB)
    response = add_image(admin_client, "huge.jpg", oversized)
    assert response.status_code == 200
    assert "too big" in form_errors(response)
    assert not Image.objects.exists()


def test_an_image_with_too_many_pixels_is_refused(admin_client):
    # 7000 × 7000 = 49 million pixels, but one colour: a tiny file that would decompress into ~150 MB.
    buffer = io.BytesIO()
    PillowImage.new("L", (7000, 7000), 0).save(buffer, "PNG")
    assert len(buffer.getvalue()) < MB
    response = add_image(admin_client, "bomb.png", buffer.getvalue(), "image/png")
    assert response.status_code == 200
    assert "pixels" in form_errors(response)
    assert not Image.objects.exists()


def test_svg_images_are_refused(admin_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = add_image(admin_client, "logo.svg", svg, "image/svg+xml")
    assert response.status_code == 200
    assert not Image.objects.exists()


@pytest.mark.parametrize("name", ["page.html", "drawing.svg", "tool.exe", "script.js"])
def test_documents_outside_the_allow_list_are_refused(admin_client, name):
    response = add_document(admin_client, name, b"<script>alert(1)</script>")
    assert response.status_code == 200
    assert "extension" in form_errors(response).lower()
    assert not Document.objects.exists()


def test_allowed_documents_are_accepted_up_to_the_size_limit(admin_client):
    assert add_document(admin_client, "notes.pdf", b"%PDF-1.4 notes", "application/pdf").status_code == 302
    response = add_document(admin_client, "big.pdf", b"%PDF-1.4" + b"\0" * (10 * MB), "application/pdf")
    assert response.status_code == 200
    assert "too big" in form_errors(response)
    assert Document.objects.count() == 1


def test_private_pages_offer_accounts_only_never_a_shared_password(admin_client, home_page):
    page = article(home_page, title="Members only")
    response = admin_client.get(reverse("wagtailadmin_pages:set_privacy", args=[page.pk]))
    assert response.status_code == 200
    html = response.json()["html"]
    assert 'value="login"' in html
    assert 'value="password"' not in html


def test_private_collections_offer_accounts_only_never_a_shared_password(admin_client):
    from wagtail.models import Collection

    collection = Collection.get_first_root_node().add_child(name="Handouts")
    response = admin_client.get(reverse("wagtailadmin_collections:set_privacy", args=[collection.pk]))
    assert response.status_code == 200
    html = response.json()["html"]
    assert 'value="login"' in html
    assert 'value="password"' not in html
