import pytest
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from articles.blocks import ArticleBodyBlock
from articles.models import ArticleIndexPage, ArticlePage
from home.models import HomePage
from tests import factories
from tests.conftest import parse


class TestArticleEditing(WagtailPageTestCase):
    def setUp(self):
        self.user = self.login()
        self.home = HomePage.objects.get()
        self.index = factories.article_index(self.home)

    def test_page_tree_rules(self):
        self.assertAllowedParentPageTypes(ArticlePage, {ArticleIndexPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertAllowedParentPageTypes(ArticleIndexPage, {HomePage})

    def test_editor_creates_an_article_with_the_admin_form(self):
        self.assertCanCreate(
            self.index,
            ArticlePage,
            nested_form_data(
                {
                    "title": "Reading query plans",
                    "slug": "reading-query-plans",
                    "summary": "EXPLAIN, line by line.",
                    "date": "2025-03-01",
                    "body": streamfield(
                        [
                            ("paragraph", rich_text("<h2>Start</h2><p>Run EXPLAIN.</p><h3>Costs</h3>")),
                            ("code", {"language": "sql", "code": "EXPLAIN SELECT 1;"}),
                        ]
                    ),
                }
            ),
        )


def test_headings_that_skip_a_level_are_rejected_with_an_explanation():
    block = ArticleBodyBlock()
    value = block.to_python([{"type": "paragraph", "value": "<h2>One</h2><h4>Too deep</h4>"}])
    with pytest.raises(Exception) as caught:
        block.clean(value)
    message = str(caught.value.block_errors[0].messages)
    assert "level 4 heading straight after a level 2" in message


def test_a_body_may_not_start_below_h2():
    block = ArticleBodyBlock()
    value = block.to_python([{"type": "paragraph", "value": "<h3>Starts too deep</h3>"}])
    with pytest.raises(Exception, match="Validation error"):
        block.clean(value)


def test_headings_in_order_across_blocks_are_accepted():
    block = ArticleBodyBlock()
    value = block.to_python(
        [
            {"type": "paragraph", "value": "<h2>One</h2><h3>Inner</h3>"},
            {"type": "code", "value": {"language": "python", "code": "x = 1"}},
            {"type": "paragraph", "value": "<h4>Deeper</h4><h2>Two</h2>"},
        ]
    )
    assert block.clean(value)


@pytest.mark.django_db
def test_article_page_shows_date_reading_time_topics_and_highlighted_code(client, home_page):
    testing = factories.topic(home_page, "Testing")
    page = factories.article(
        home_page,
        title="Fast tests",
        topics=[testing],
        body=[
            ("paragraph", "<h2>Why</h2><p>" + "word " * 500 + "</p>"),
            ("code", {"language": "python", "code": "def test_it():\n    assert True"}),
        ],
    )
    html = parse(client.get(page.url))
    assert html.find("h1").get_text() == "Fast tests"
    assert html.find("time")["datetime"] == "2025-01-01"
    assert "3 min read" in html.get_text()  # 500+ words at 230 a minute
    assert html.find("a", string="Testing")["href"] == testing.url
    code = html.find("pre", class_="highlight")
    assert code.find("span", class_="k").get_text() == "def"  # highlighted on the server


@pytest.mark.django_db
def test_article_index_lists_newest_first_and_answers_bad_page_numbers_with_a_404(client, home_page):
    import datetime

    factories.article(home_page, title="Older", date=datetime.date(2020, 1, 1))
    factories.article(home_page, title="Newer", date=datetime.date(2024, 1, 1))
    index = factories.article_index(home_page)
    for page_param in ("", "?page=1"):
        response = client.get(index.url + page_param)
        assert response.status_code == 200
        titles = [h.get_text() for h in parse(response).select(".card h2")]
        assert titles == ["Newer", "Older"]
    for page_param in ("?page=abc", "?page=-1", "?page=2", "?page=" + "9" * 30):
        response = client.get(index.url + page_param)
        assert response.status_code == 404, page_param
        assert parse(response).find("h1").get_text() == "Page not found"


def test_article_headings_get_unique_ids_that_the_outline_links_to(client, home_page):
    body = [
        ("paragraph", "<h2>Main</h2><p>Intro.</p><h3>Why <i>this</i> &amp; that</h3><p>Text.</p>"),
        ("code", {"language": "python", "code": "print(1)"}),
        ("paragraph", "<h2>Why this &amp; that</h2><p>More.</p>"),
    ]
    page = factories.article(home_page, title="Anchored", body=body)
    html = parse(client.get(page.url))
    headings = html.select("article h2[id], article h3[id]")
    assert [(h.name, h["id"], h.get_text()) for h in headings] == [
        ("h2", "main-2", "Main"),
        ("h3", "why-this-that", "Why this & that"),
        ("h2", "why-this-that-2", "Why this & that"),
    ]
    ids = [tag["id"] for tag in html.find_all(id=True)]
    assert len(ids) == len(set(ids))
    outline = page.outline()
    assert [(s.heading, s.anchor, [e.anchor for e in s.entries]) for s in outline] == [
        ("Main", "main-2", ["why-this-that"]),
        ("Why this & that", "why-this-that-2", []),
    ]
    assert html.find("pre") is not None  # the other blocks still render through their templates
