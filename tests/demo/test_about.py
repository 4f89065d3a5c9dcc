"""The demo's About page and its one author, named in the bylines of the guides, reviews and articles."""

import pytest

from core.models import Author
from tests.conftest import parse


@pytest.mark.django_db
def test_the_demo_has_an_about_page_introducing_its_one_author_whom_bylines_name(client, demo_site):
    author = Author.objects.get()
    about = parse(client.get("/about/"))
    assert about.find(id=author.slug).get_text() == author.name
    assert len(author.bio.split()) >= 30
    for url in ("/guides/testing/", "/videos/of-clouds-and-crows/", "/articles/migrations-and-your-database/"):
        byline = parse(client.get(url)).select_one(".byline a")
        assert (byline.get_text(), byline["href"]) == (author.name, f"/about/#{author.slug}"), url
    assert parse(client.get("/")).select_one(".site-footer a[href='/about/']") is not None
