import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

from search.passages import RERANKED
from search.query import MAX_QUERY_LENGTH, parse_query
from tests import factories
from tests.conftest import parse
from topics.models import TopicPage

pytestmark = pytest.mark.django_db


def titles(response_or_html):
    html = response_or_html if isinstance(response_or_html, BeautifulSoup) else parse(response_or_html)
    return [h.get_text() for h in html.select(".search-results h3")]


def test_a_word_in_an_articles_body_finds_it_with_the_words_highlighted(client, home_page):
    factories.article(
        home_page, title="Plans", body=[("paragraph", "<h2>Plans</h2><p>Read the zanzibar output slowly.</p>")]
    )
    factories.article(home_page, title="Unrelated")
    response = client.get("/search/", {"q": "zanzibar"})
    assert titles(response) == ["Plans"]
    marks = parse(response).select(".search-results mark")
    assert [m.get_text() for m in marks] == ["zanzibar"]


def test_drafts_and_private_pages_are_never_found(client, home_page):
    index = factories.article_index(home_page)
    factories.draft(index, factories.ArticlePage(title="Quokka draft", summary="quokka", body=[]))
    private = factories.article(home_page, title="Quokka private", summary="quokka")
    factories.make_private(private)
    factories.article(home_page, title="Quokka public", summary="quokka")
    assert titles(client.get("/search/", {"q": "quokka"})) == ["Quokka public"]


def test_type_and_topic_filters_work_together_and_pagination_keeps_them(client, home_page, monkeypatch):
    monkeypatch.setattr("search.views.RESULTS_PER_PAGE", 2)
    testing = factories.topic(home_page, "Testing quasar")
    for n in range(3):
        factories.article(home_page, title=f"Tagged quasar {n}", topics=[testing])
    factories.article(home_page, title="Untagged quasar")

    first = client.get("/search/", {"q": "quasar", "type": "articlepage", "topic": testing.slug})
    found = titles(first)
    assert len(found) == 2 and all(t.startswith("Tagged") for t in found)
    next_link = parse(first).find("a", rel="next")["href"]
    assert "q=quasar" in next_link and "type=articlepage" in next_link and f"topic={testing.slug}" in next_link
    second = client.get("/search/" + next_link)
    assert len(titles(second)) == 1 and titles(second)[0].startswith("Tagged")
    # The topic page itself matches "quasar" too, and is found when filtering by its type.
    assert titles(client.get("/search/", {"q": "quasar", "type": "topicpage"})) == ["Testing quasar"]


def test_promoted_results_come_first_and_queries_are_recorded(client, home_page):
    factories.article(home_page, title="Ordinary walrus", summary="walrus walrus walrus")
    pinned = factories.article(home_page, title="Editors pick", summary="Nothing about it.")
    SearchPromotion.objects.create(query=Query.get("walrus"), page=pinned, sort_order=0)

    html = parse(client.get("/search/", {"q": "Walrus"}))
    promoted = html.select(".promoted h3")
    assert [h.get_text() for h in promoted] == ["Editors pick"]
    assert html.find(class_="promoted").find_parent("section")["aria-labelledby"] == "promoted-heading"
    assert QueryDailyHits.objects.get(query__query_string="walrus").hits == 1


def test_search_terms_table_is_garbage_collected():
    Query.get("old query").add_hit(date=datetime.date(2000, 1, 1))
    Query.get("recent query").add_hit()
    call_command("searchpromotions_garbage_collect", stdout=io.StringIO())
    assert list(Query.objects.values_list("query_string", flat=True)) == ["recent query"]


def test_search_form_is_accessible_and_results_are_noindex(client):
    response = client.get("/search/", {"q": "anything"})
    html = parse(response)
    form = html.find("form", role="search")
    field = form.find("input", attrs={"name": "q"})
    assert form.find("label", attrs={"for": field["id"]}).get_text() == "Search for"
    assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert response["X-Robots-Tag"] == "noindex"
    assert len(html.find_all("h1")) == 1


def test_empty_search_suggests_pages_and_topics(client, home_page):
    factories.article(home_page, title="Suggested reading")
    factories.topic(home_page, "Suggested topic")
    html = parse(client.get("/search/"))
    assert "Suggested reading" in html.find(id="suggestions-heading").find_parent("section").get_text()
    assert html.find("a", string="Suggested topic") is not None


BAD_QUERIES = [
    "",
    "   ",
    "x" * 10_000,
    " ".join(["word"] * 600),
    '"',
    "\\",
    "-Data",
    "Data-X.2",
    "ice & fire",
    "*",
    "OR",
    "AND NOT",
    "'; DROP TABLE wagtailcore_page; --",
    "1' OR '1'='1",
    "nul\x00byte",
    "🦄 emoji 🐍",
    "(unbalanced",
    "NEAR(a b)",
    "title:foo",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_awkward_queries_get_a_page_not_an_error(client, home_page, query):
    factories.article(home_page, title="Data pipelines")
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "params", [{"page": "abc"}, {"page": "-1"}, {"page": str(10**20)}, {"type": "nonsense"}, {"topic": "nope"}]
)
def test_bad_paging_and_filter_values_get_a_page_not_an_error(client, home_page, params):
    factories.article(home_page, title="Data pipelines")
    assert client.get("/search/", {"q": "data", **params}).status_code == 200


def test_invalid_utf8_in_the_query_string_is_handled(client):
    assert client.get("/search/?q=%ff%fe%fd&page=%c3%28").status_code == 200


def test_long_queries_are_cut_to_the_documented_maximum():
    assert len(" ".join(parse_query("a" * 10_000).words)) == MAX_QUERY_LENGTH


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=300))
def test_any_query_string_gets_a_page(client, home_page, query):
    assert client.get("/search/", {"q": query}).status_code == 200


def test_a_questions_words_find_its_guide_linked_to_the_question(client):
    from tests.guides.factories import make_guide, make_index, question, section

    index = make_index()
    make_guide(
        index,
        "Code Review",
        [
            section("Check yourself", [question("Are you leaving nitpicky comments?")]),
            section("Recheck the basics", [question("Are the migrations condensed?", "Squash the migrations.")]),
        ],
    )
    html = parse(client.get("/search/", {"q": "migrations condensed"}))
    link = html.select_one(".search-results h3 a")
    assert link.get_text() == "Code Review"
    assert link["href"] == "/guides/code-review/"
    passages = html.select(".search-passage__link")
    assert [(p.get_text(), p["href"]) for p in passages] == [
        ("Are the migrations condensed?", "/guides/code-review/#are-the-migrations-condensed")
    ]


def test_a_word_only_in_a_transcript_finds_its_review(client, home_page):
    segments = [("segment", {"start": "00:01:05", "text": "We rewrote the flamingo scheduler twice."})]
    factories.review(home_page, title="Scheduling talk", transcript=segments)
    factories.review(home_page, title="Another talk", slug="another")
    assert titles(client.get("/search/", {"q": "flamingo"})) == ["Scheduling talk"]


def test_the_type_filter_offers_what_a_visitor_reads(client):
    html = parse(client.get("/search/"))
    options = [(o["value"], o.get_text()) for o in html.select("#search-type option")]
    assert options == [
        ("", "Anything"),
        ("guidepage", "Guides"),
        ("talkreviewpage", "Talk reviews"),
        ("eventnotespage", "Event notes"),
        ("articlepage", "Articles"),
        ("topicpage", "Topics"),
        # The test app's type (tests/testapp/), in the place it declares: after the hub's own.
        ("cheatsheetpage", "Cheat sheets"),
    ]
    # An index or the home page is no longer a type to pick: the filter is ignored, not an error.
    assert client.get("/search/", {"q": "x", "type": "homepage"}).status_code == 200


def test_stop_words_are_neither_required_nor_highlighted(client, home_page):
    factories.article(home_page, title="Releases", summary="Write the rollback process down first.")
    html = parse(client.get("/search/", {"q": "What's the rollback process?"}))
    assert titles(html) == ["Releases"]
    assert [m.get_text() for m in html.select(".search-results mark")] == ["rollback", "process"]
    html = parse(client.get("/search/", {"q": "the OR a"}))
    assert "too common to search for" in html.select_one(".search-notice").get_text()


def test_singular_plural_and_other_forms_find_the_same_pages(client, home_page):
    factories.article(home_page, title="Squash them", summary="Condense your migrations.")
    factories.article(home_page, title="Release day", summary="The deployment needs a plan.")
    assert titles(client.get("/search/", {"q": "migration"})) == ["Squash them"]
    assert titles(client.get("/search/", {"q": "migrations"})) == ["Squash them"]
    assert titles(client.get("/search/", {"q": "deploy"})) == ["Release day"]
    assert titles(client.get("/search/", {"q": "deployed"})) == ["Release day"]


def test_when_no_page_has_every_word_pages_with_some_are_shown(client, home_page):
    factories.article(home_page, title="Rollbacks", summary="Plan the rollback.")
    html = parse(client.get("/search/", {"q": "rollback zanzibar"}))
    assert titles(html) == ["Rollbacks"]
    assert "No page has all of these words" in html.select(".search-notice")[-1].get_text()


def test_the_few_pages_with_every_word_come_before_the_many_with_some(client, home_page):
    # Each word is said loudly (title and summary) by more pages than are ranked again by passage; one
    # page holds both, once each, quietly. Searched as "any of the words", PostgreSQL's ts_rank (which
    # has no weight for a word's rarity) put it below them all, off the first results pages.
    for n in range(RERANKED // 2 + 3):
        for word in ("Zanzibar", "Quokka"):
            factories.article(home_page, title=f"{word} {word} {n}", summary=f"{word}, {word} and {word}.")
    factories.article(home_page, title="Field trip", body=[("paragraph", "<p>A zanzibar met a quokka.</p>")])
    html = parse(client.get("/search/", {"q": "zanzibar quokka"}))
    assert titles(html)[0] == "Field trip"
    assert html.select_one("#results-heading").get_text() == f"{2 * (RERANKED // 2 + 3) + 1} results"


def test_highlighting_never_splits_an_entity_on_the_results_page(client, home_page):
    factories.article(home_page, title="Operators", summary='Compare a < b and c > d with "care" & lt, gt, amp, quot.')
    for word in ("lt", "gt", "amp", "quot"):
        content = client.get("/search/", {"q": word}).content.decode()
        assert "&<mark>" not in content and f"<mark>{word}</mark>" in content


def test_topic_excerpts_do_not_repeat_their_description(client, home_page):
    factories.topic(home_page, "Quokkas")  # summary empty, description "All about quokkas."
    topic = TopicPage.objects.get(title="Quokkas")
    topic.summary = topic.description
    topic.save_revision().publish()
    excerpt = parse(client.get("/search/", {"q": "quokkas"})).select_one(".search-result > p:not(.meta)")
    assert excerpt.get_text() == "All about quokkas."


@pytest.mark.parametrize("backend", ["modelsearch.backends.database.fallback"])
def test_passages_and_highlights_do_not_depend_on_the_database_backend(client, settings, backend):
    # With SEARCH_URL, OpenSearch/Elasticsearch finds the pages; passages and highlights are computed
    # from the pages found, as here with another of Wagtail's backends.
    from tests.guides.factories import make_guide, make_index, question, section

    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": backend}}
    # (The fallback backend matches Page fields only: here, the title.)
    make_guide(make_index(), "Rollback", [section("Preparation", [question("What's the rollback process?")])])
    html = parse(client.get("/search/", {"q": "rollback"}))
    assert titles(html) == ["Rollback"]
    link = html.select_one(".search-passage__link")
    assert link["href"] == "/guides/rollback/#whats-the-rollback-process"
    assert link.mark.get_text() == "rollback"


def test_repeated_parameters_and_head_requests_get_a_page(client, home_page):
    factories.article(home_page, title="Data pipelines")
    assert client.get("/search/?q=data&q=%ff&type=articlepage&type=x&topic=a&topic=b&page=1&page=2").status_code == 200
    assert client.head("/search/?q=data").status_code == 200
    assert client.head("/search/suggest/?q=da").status_code == 200


def test_the_search_page_stays_within_the_css_and_js_budget(client):
    from tests.performance.test_budgets import ASSET_BUDGET_BYTES, asset_bytes

    html = parse(client.get("/search/", {"q": "anything"}))
    loaded = {tag.get("href") or tag.get("src") for tag in html.select("link[rel=stylesheet], script[src]")}
    assert any("search.css" in url for url in loaded) and any("search-suggest.js" in url for url in loaded)
    assert asset_bytes(html) <= ASSET_BUDGET_BYTES
