"""Authors: a snippet chosen on pages, a byline linking to the About page, and a Person in the JSON-LD."""

import json

import pytest
from django.conf import settings
from wagtail.test.utils import WagtailPageTestCase

from core.models import Author
from home.models import AboutPage, HomePage
from tests import factories
from tests.conftest import parse
from tests.guides.factories import make_guide, make_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return Author.objects.create(name="Ada Writer", slug="ada", role="Editor", bio="I write the guides.")


@pytest.fixture
def about(home_page, author):
    return factories.publish(home_page, AboutPage(title="About", slug="about", body="<p>What the hub is.</p>"))


def json_ld(response):
    return json.loads(parse(response).find("script", type="application/ld+json").string)["@graph"]


def test_articles_guides_and_reviews_carry_a_byline_that_links_to_the_author_on_the_about_page(
    client, home_page, author, about
):
    pages = [
        factories.article(home_page, author=author),
        factories.review(home_page, author=author),
        make_guide(make_index(), "Testing", author=author),
    ]
    for page in pages:
        byline = parse(client.get(page.url)).select_one(".page-intro .byline a[rel=author]")
        assert (byline.get_text(), byline["href"]) == ("Ada Writer", "/about/#ada"), page.url

    introduced = parse(client.get("/about/")).find(id="ada")
    assert introduced.get_text() == "Ada Writer" and "I write the guides." in introduced.parent.get_text()


def test_the_json_ld_names_the_author_as_a_person(client, home_page, author, about):
    article = factories.article(home_page, author=author)

    item = next(node for node in json_ld(client.get(article.url)) if node["@type"] == "Article")

    # A person in place of the organisation, introduced on the About page at the public address.
    assert item["author"] == [{"@type": "Person", "name": "Ada Writer", "url": f"{settings.SITE_URL}/about/#ada"}]


def test_without_an_about_page_the_byline_still_names_the_author(client, home_page, author):
    article = factories.article(home_page, author=author)

    byline = parse(client.get(article.url)).select_one(".byline")

    assert byline.a is None and "Ada Writer" in byline.get_text()


def test_publishing_the_about_page_gives_bylines_their_link(
    client, home_page, author, django_capture_on_commit_callbacks
):
    article = factories.article(home_page, author=author)
    assert parse(client.get(article.url)).select_one(".byline a") is None

    with django_capture_on_commit_callbacks(execute=True):  # the cached address is forgotten after commit
        factories.publish(home_page, AboutPage(title="About", slug="about", body="<p>Hello.</p>"))

    assert parse(client.get(article.url)).select_one(".byline a")["href"] == "/about/#ada"


def test_a_page_without_an_author_has_no_byline(client, home_page):
    article = factories.article(home_page)

    assert parse(client.get(article.url)).select_one(".byline") is None


def test_every_author_field_an_editor_fills_has_help_text():
    for name in ("name", "slug", "role", "bio", "photo", "links"):
        assert Author._meta.get_field(name).help_text, name


class TestAboutPageTree(WagtailPageTestCase):
    def test_the_about_page_lives_under_the_home_page_alone_and_has_no_children(self):
        self.assertAllowedParentPageTypes(AboutPage, {HomePage})
        self.assertAllowedSubpageTypes(AboutPage, {})
        assert AboutPage.max_count == 1
