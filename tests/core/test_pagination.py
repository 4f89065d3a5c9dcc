"""Paginated listings: every page of a listing is its own page, with its own address and title."""

import pytest
from django.conf import settings

from tests import factories
from tests.conftest import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(home_page, monkeypatch):
    """/articles/ and a topic with one item a page, three items: pages 1 to 3."""
    from articles.models import ArticleIndexPage
    from topics.models import TopicPage

    monkeypatch.setattr(ArticleIndexPage, "per_page", 1)
    monkeypatch.setattr(TopicPage, "per_page", 1)
    topic = factories.topic(home_page, "Testing")
    for title in ("First", "Second", "Third"):
        factories.article(home_page, title=title, topics=[topic])
    return {"articles": "/articles/", "topic": topic.url}


@pytest.mark.parametrize("which", ["articles", "topic"])
def test_each_page_of_a_listing_is_canonical_to_itself_with_its_number_in_the_title(client, listing, which):
    path = listing[which]
    first, second = parse(client.get(path)), parse(client.get(f"{path}?page=2"))
    assert first.find("link", rel="canonical")["href"] == f"{settings.SITE_URL}{path}"
    assert second.find("link", rel="canonical")["href"] == f"{settings.SITE_URL}{path}?page=2"
    assert second.find("meta", property="og:url")["content"] == f"{settings.SITE_URL}{path}?page=2"
    assert "Page" not in first.title.get_text()
    assert second.title.get_text().endswith(" · Page 2 · Learning Hub")
    assert second.find("h1").get_text().endswith(", page 2")
    # ?page=1 is page 1: its canonical is the listing's own address.
    assert parse(client.get(f"{path}?page=1")).find("link", rel="canonical")["href"] == f"{settings.SITE_URL}{path}"


@pytest.mark.parametrize("which", ["articles", "topic"])
@pytest.mark.parametrize("query", ["?page=4", "?page=99", "?page=0", "?page=abc", "?page=2.5", "?page="])
def test_a_page_the_listing_does_not_have_is_a_404(client, listing, which, query):
    assert client.get(listing[which] + query).status_code == 404
