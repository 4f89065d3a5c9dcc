"""The five section indexes share one shape: intro, help, one page size, one template."""

import datetime

import pytest
from wagtail.admin.panels import HelpPanel
from wagtail.models import get_page_models

from core.models import IndexPage
from core.pagination import PER_PAGE
from guides.models import GuideIndexPage
from tests import factories
from tests.conftest import parse
from tests.guides.factories import make_guide, make_index
from tests.testapp import without_test_app

pytestmark = pytest.mark.django_db


def index_models():
    return [m for m in get_page_models() if issubclass(m, IndexPage) and not m._meta.abstract]


def test_every_section_index_is_an_index_page_with_its_own_help():
    # The hub's own (the test app's index, tests/testapp/, is held to the same shape below).
    names = {m._meta.label for m in without_test_app(index_models())}
    assert names == {
        "articles.ArticleIndexPage",
        "guides.GuideIndexPage",
        "reviews.EventNotesIndexPage",
        "reviews.TalkReviewIndexPage",
        "topics.TopicIndexPage",
    }
    for model in index_models():
        assert model.max_count == 1 and model.parent_page_types == ["home.HomePage"], model
        assert model.per_page == PER_PAGE, model
        help_panel = next(p for p in model.content_panels if isinstance(p, HelpPanel)).bind_to_model(model)
        assert model.index_help in help_panel.content and model.index_help != IndexPage.index_help, model


# (make one listed item, the CSS selector of one item on the index page)
def _article(home, n):
    factories.article(home, title=f"Article {n}", date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n))


def _review(home, n):
    factories.review(home, title=f"Review {n}", slug=f"review-{n}")


def _notes(home, n):
    factories.event_notes(home, title=f"Conference {n}", start_date=datetime.date(2024, 1, 1) + datetime.timedelta(n))


def _topic(home, n):
    factories.topic(home, f"Topic {n:02}")


def _guide(home, n):
    make_guide(GuideIndexPage.objects.first() or make_index(), f"Guide {n:02}", [])


LISTINGS = {
    "articles": (_article, factories.article_index, "article.card"),
    "reviews": (_review, factories.review_index, "article.card"),
    "notes": (_notes, factories.notes_index, "article.card"),
    "topics": (_topic, factories.topic_index, ".topic-list li"),
    "guides": (_guide, lambda home: GuideIndexPage.objects.get(), ".guide-outline__guide"),
}


@pytest.mark.parametrize("section", sorted(LISTINGS))
def test_every_index_shows_one_page_size_and_pages_on_from_there(client, home_page, section):
    make_item, index_of, selector = LISTINGS[section]
    for n in range(PER_PAGE + 1):
        make_item(home_page, n)
    index = index_of(home_page)
    first = parse(client.get(index.url))
    assert len(first.find_all("h1")) == 1
    assert len(first.select(f"main {selector}")) == PER_PAGE
    assert first.find("a", rel="next")["href"] == "?page=2"
    assert len(parse(client.get(index.url, {"page": 2})).select(f"main {selector}")) == 1
