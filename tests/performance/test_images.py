"""Content images: responsive, modern formats, made on publish, a fixed number of queries to show."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image, Rendition
from wagtail.images.tests.utils import get_test_image_file

from core.images import CONTENT_IMAGE_SPECS
from tests import factories
from tests.conftest import parse

pytestmark = pytest.mark.django_db


def article_with_images(home, count, title):
    images = [Image.objects.create(title=f"Image {n}", file=get_test_image_file()) for n in range(count)]
    body = [("paragraph", "<h2>Pictures</h2>")] + [
        ("image", {"image": image, "alt_text": f"Chart number {n}", "decorative": False})
        for n, image in enumerate(images)
    ]
    return factories.article(home, title=title, body=body)


def test_publishing_makes_the_renditions_so_a_page_view_never_does(client, home_page):
    page = article_with_images(home_page, 2, "Pictures")
    assert Rendition.objects.count() == 2 * len(CONTENT_IMAGE_SPECS)
    client.get(page.url)
    assert Rendition.objects.count() == 2 * len(CONTENT_IMAGE_SPECS)


def test_images_are_responsive_lazy_and_in_modern_formats(client, home_page):
    page = article_with_images(home_page, 1, "One picture")
    picture = parse(client.get(page.url)).find("picture")
    assert [s["type"] for s in picture.find_all("source")] == ["image/avif", "image/webp"]
    img = picture.find("img")
    assert img["alt"] == "Chart number 0"
    assert img["loading"] == "lazy" and img["width"] and img["height"]
    assert len(img["srcset"].split(",")) == 3


def cold_queries(client, url):
    """Queries with nothing cached (Wagtail also caches renditions in the cache, hiding the database)."""
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_images_cost_the_same_queries_however_many_there_are(client, home_page):
    # Both made first, so each has the other as its neighbour at the page's end (previous/next).
    one, many = article_with_images(home_page, 1, "One"), article_with_images(home_page, 6, "Six")
    cold_queries(client, one.url)  # what the process itself keeps after a first use, outside the cache
    assert cold_queries(client, one.url) == cold_queries(client, many.url)
