"""Every page type can have a listing image: on its card, and as the picture social networks show."""

import io

import pytest
from django.contrib.staticfiles import finders
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import get_page_models

from core.images import CARD_IMAGE_SPEC, SOCIAL_IMAGE_SPEC
from core.models import BasePage
from home.models import HomePageFeature
from tests import factories
from tests.conftest import PAGE_QUERY_BUDGET, parse

pytestmark = pytest.mark.django_db

Image = get_image_model()
Rendition = Image.get_rendition_model()


def two_colour_image(title="Red left, blue right", focal_left=False):
    """A 2400×630 picture, red on the left half and blue on the right, optionally focused on the red."""
    picture = PillowImage.new("RGB", (2400, 630), (0, 0, 255))
    picture.paste((255, 0, 0), (0, 0, 1200, 630))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    image = Image.objects.create(title=title, file=ImageFile(buffer, name="two-colours.png"))
    if focal_left:
        image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = 200, 315, 100, 100
        image.save()
    return image


def test_every_page_type_can_take_a_listing_image():
    for model in get_page_models():
        if model.__module__.startswith("wagtail."):
            continue
        assert issubclass(model, BasePage), model
        assert model._meta.get_field("listing_image").null  # optional


def test_the_card_shows_the_listing_image_with_its_alt_text(client, home_page):
    image = two_colour_image()
    topic = factories.topic(home_page, "Testing")
    factories.article(
        home_page, title="With a picture", topics=[topic], listing_image=image, listing_image_alt="A red and blue flag"
    )
    factories.article(home_page, title="Without a picture", topics=[topic])
    for url in (topic.url, "/articles/"):
        cards = {card.find(["h2", "h3"]).get_text(strip=True): card for card in parse(client.get(url)).select(".card")}
        img = cards["With a picture"].select_one("img.card__image")
        assert img["alt"] == "A red and blue flag"
        assert (img["width"], img["height"]) == ("640", "360")
        assert img["src"] == image.get_rendition(CARD_IMAGE_SPEC).url
        assert cards["Without a picture"].select_one("img") is None


def test_a_decorative_listing_image_has_empty_alt_text(client, home_page):
    factories.article(
        home_page,
        title="Decorated",
        listing_image=two_colour_image(),
        listing_image_alt="",
        listing_image_decorative=True,
    )
    assert parse(client.get("/articles/")).select_one("img.card__image")["alt"] == ""


def test_og_image_is_the_listing_image_cropped_around_its_focal_point(client, home_page):
    image = two_colour_image(focal_left=True)
    page = factories.article(home_page, title="Shared", listing_image=image, listing_image_alt="A red flag")
    html = parse(client.get(page.url))
    og_image = html.find("meta", property="og:image")["content"]
    rendition = image.get_rendition(SOCIAL_IMAGE_SPEC)
    assert og_image == f"http://localhost{rendition.url}"
    assert html.find("meta", attrs={"name": "twitter:image"})["content"] == og_image
    assert html.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    assert html.find("meta", property="og:image:alt")["content"] == "A red flag"
    assert (rendition.width, rendition.height) == (1200, 630)
    # The crop follows the focal point: red three quarters of the way across, where a centred crop is blue.
    with rendition.file.open() as file:
        red, green, blue = PillowImage.open(file).convert("RGB").getpixel((900, 315))
    assert red > 200 and blue < 50


def test_pages_without_a_listing_image_share_the_sites_own(client, home_page):
    page = factories.article(home_page, title="Plain")
    html = parse(client.get(page.url))
    assert html.find("meta", property="og:image")["content"] == "http://localhost/static/img/social-card.png"
    assert html.find("meta", property="og:image:width")["content"] == "1200"
    with PillowImage.open(finders.find("img/social-card.png")) as default:
        assert default.size == (1200, 630)


def test_listing_renditions_are_made_on_publish_not_when_a_visitor_asks(client, home_page):
    image = two_colour_image()
    page = factories.article(home_page, title="Published", listing_image=image, listing_image_alt="Two colours")
    made = set(Rendition.objects.filter(image=image).values_list("filter_spec", flat=True))
    assert {CARD_IMAGE_SPEC, SOCIAL_IMAGE_SPEC} <= made
    before = Rendition.objects.count()
    client.get(page.url)
    client.get("/articles/")
    assert Rendition.objects.count() == before


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("where", ["topic page", "section index", "home page", "article"])
def test_cards_with_images_keep_the_query_budget_whatever_the_listing_size(client, home_page, where):
    topic = factories.topic(home_page, "Budget")
    counts = []
    for size in (1, 12):
        for n in range(size):
            factories.article(
                home_page,
                title=f"{where} {size}-{n}",
                topics=[topic],
                listing_image=two_colour_image(f"{size}-{n}"),
                listing_image_alt="Two colours",
            )
        if where == "home page":
            HomePageFeature.objects.filter(home=home_page).delete()
            for n, article in enumerate(factories.article_index(home_page).get_children()[:size]):
                HomePageFeature.objects.create(home=home_page, page=article, sort_order=n)
        url = {"topic page": topic.url, "section index": "/articles/", "home page": "/"}.get(where)
        if where == "article":
            url = factories.article_index(home_page).get_children().last().url
        counts.append(queries(client, url))
    assert counts[0] == counts[1] <= PAGE_QUERY_BUDGET, counts
