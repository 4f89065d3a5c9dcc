"""Suggestions while typing (a JSON endpoint) and "Did you mean …?" from the site's own words."""

import re
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search import suggestions
from search.models import Suggestion
from search.ranking import RankOnce
from tests import factories
from tests.conftest import parse
from tests.guides.factories import make_guide, make_index, question, section

from .test_search import BAD_QUERIES

pytestmark = pytest.mark.django_db


def suggest(client, typed):
    response = client.get("/search/suggest/", {"q": typed})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return [(s["text"], s["url"], s["page"]) for s in response.json()["suggestions"]]


@pytest.fixture
def deployment_guide():
    return make_guide(
        make_index(),
        "Deployment",
        [
            section(
                "Organization and preparation",
                [question("What's the rollback process?"), question("Should the deployment occur after hours?")],
            )
        ],
    )


def test_titles_and_questions_are_suggested_with_their_links(client, deployment_guide):
    assert suggest(client, "depl") == [
        ("Deployment", "/guides/deployment/", ""),
        (
            "Should the deployment occur after hours?",
            "/guides/deployment/#should-the-deployment-occur-after-hours",
            "Deployment",
        ),
    ]
    # Every word typed must start a word of the suggestion; the last may be half typed.
    assert suggest(client, "the rollb") == [
        ("What's the rollback process?", "/guides/deployment/#whats-the-rollback-process", "Deployment")
    ]
    assert suggest(client, "rollback zebra") == []


def test_suggestions_follow_publishing_and_privacy(client, deployment_guide, home_page):
    draft = make_guide(deployment_guide.get_parent(), "Deploying drafts", publish=False)
    assert "Deploying drafts" not in [s[0] for s in suggest(client, "depl")]
    draft.save_revision().publish()
    assert "Deploying drafts" in [s[0] for s in suggest(client, "depl")]
    factories.make_private(draft)
    assert "Deploying drafts" not in [s[0] for s in suggest(client, "depl")]
    deployment_guide.unpublish()
    assert suggest(client, "depl") == []
    assert not Suggestion.objects.filter(page=deployment_guide).exists()


def test_rebuild_suggestions_indexes_every_live_page(client, deployment_guide):
    Suggestion.objects.all().delete()
    assert suggest(client, "rollback") == []
    call_command("rebuild_suggestions", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [s[0] for s in suggest(client, "rollback")] == ["What's the rollback process?"]


@pytest.mark.parametrize("typed", [*BAD_QUERIES, "a", "%", "_", "de\x00p"])
def test_awkward_input_gets_a_json_answer(client, deployment_guide, typed):
    suggest(client, typed)


def test_invalid_utf8_and_repeated_parameters_get_a_json_answer(client, deployment_guide):
    assert client.get("/search/suggest/?q=%ff%fe&q=depl").status_code == 200
    assert client.get("/search/suggest/?q=dep&q=%c3%28").status_code == 200


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=st.text(max_size=300))
def test_any_input_gets_a_json_answer(client, typed):
    assert client.get("/search/suggest/", {"q": typed}).status_code == 200


def test_a_typo_gets_did_you_mean_from_the_sites_own_words(client, deployment_guide, home_page):
    factories.article(home_page, title="Django migrations and your database")
    html = parse(client.get("/search/", {"q": "djnago", "type": "articlepage"}))
    assert html.select_one("#results-heading").get_text() == "1 result"
    link = html.select_one(".search-notice a")
    assert link.get_text() == "django"
    assert link["href"] == "/search/?q=django&type=articlepage"
    # A misspelt word beside a right one: the corrected query is searched.
    html = parse(client.get("/search/", {"q": "rolback process"}))
    assert html.select_one(".search-notice a").get_text() == "rollback process"


def test_no_did_you_mean_for_a_word_the_site_has_or_a_private_pages_word(client, home_page):
    factories.article(home_page, title="Flamingo scheduling", summary="Birds.")
    secret = factories.article(home_page, title="Layoffs planned", summary="Private.")
    factories.make_private(secret)
    # "flamingo" is on a page: no correction even though it finds little.
    assert parse(client.get("/search/", {"q": "flamingo"})).select_one(".search-notice") is None
    # "layoffs" is only on a private page: suggesting it would reveal that page.
    assert parse(client.get("/search/", {"q": "layofs"})).select_one(".search-notice") is None


def test_no_results_and_a_confident_correction_shows_the_corrected_querys_results(client, deployment_guide):
    html = parse(client.get("/search/", {"q": "rolback process"}))
    assert [a.get_text() for a in html.select(".search-results h3 a")] == ["Deployment"]
    notice = html.select_one(".search-notice")
    expected = "Showing results for rollback process. Search instead for rolback process."
    assert " ".join(notice.get_text().split()) == expected
    corrected, original = notice.select("a")
    assert corrected["href"] == "/search/?q=rollback+process"
    # "Search instead for" searches what was typed, uncorrected.
    assert original["href"] == "/search/?q=rolback+process&exact=1"
    html = parse(client.get(original["href"]))
    assert "Showing results for" not in html.get_text()
    assert html.select_one(".search-notice").get_text() == "Did you mean rollback process?"


def test_a_corrected_query_is_searched_once_to_offer_it_and_to_show_it(client, deployment_guide):
    # Every search ranks every page it matches (thousands at 10,000 pages): the correction was
    # searched once to decide whether to offer it and again to show its results.
    original, searched = RankOnce.ranked_rows, []

    def ranked_rows(compiler, config):
        searched.append(repr(compiler.query))
        return original(compiler, config)

    with mock.patch.object(RankOnce, "ranked_rows", ranked_rows):
        html = parse(client.get("/search/", {"q": "rolback process"}))
    assert [a.get_text() for a in html.select(".search-results h3 a")] == ["Deployment"]
    assert searched and len(searched) == len(set(searched))


def test_words_run_together_or_written_apart_are_corrected(client, home_page):
    make_guide(make_index(), "Code Review", [section("Check", [question("Is the rollback tested?", "Try it.")])])
    html = parse(client.get("/search/", {"q": "codereview"}))
    assert html.select_one(".search-notice a").get_text() == "code review"
    assert [a.get_text() for a in html.select(".search-results h3 a")] == ["Code Review"]
    html = parse(client.get("/search/", {"q": "roll back"}))
    assert html.select_one(".search-notice a").get_text() == "rollback"
    assert [a.get_text() for a in html.select(".search-results h3 a")] == ["Code Review"]


def test_suggestions_for_several_words_and_slips_of_the_keyboard(client, deployment_guide):
    after_hours = ("Should the deployment occur after hours?", "Deployment")
    assert [(s[0], s[2]) for s in suggest(client, "deployment hou")] == [after_hours]
    # A slip in a word already typed, and in the one being typed.
    assert [(s[0], s[2]) for s in suggest(client, "deplyment hou")] == [after_hours]
    assert [s[0] for s in suggest(client, "rolbac")] == ["What's the rollback process?"]
    assert suggest(client, "rollback zebra") == []


def test_suggestions_read_the_words_of_the_longest_word_typed_first(client, deployment_guide):
    # SQLite reads the first table's rows and looks the other words up for each: from "revi" (4,000
    # words at 10,000 pages) rather than "deployment" (11) took 20 ms instead of 1.
    with CaptureQueriesContext(connection) as queries:
        found = suggest(client, "deployment hou")
    sql = next(query["sql"] for query in queries if "search_suggestionword" in query["sql"])
    assert re.search(r"\"search_suggestionword\"\.\"word\"(::text)? LIKE 'deployment%'", sql)
    assert re.search(r"T\d\.\"word\"(::text)? LIKE 'hou%'", sql)
    assert [text for text, _, _ in found] == ["Should the deployment occur after hours?"]


def test_the_sites_words_are_read_once_for_every_slip_until_a_page_changes(client, deployment_guide):
    # Typo help compares what was typed with every word of the site's titles and headings (thousands
    # at 10,000 pages): reading them and cutting them to the typed length cost 10 ms a request.
    with mock.patch.object(suggestions, "SiteWords", wraps=suggestions.SiteWords) as read:
        for _ in range(3):
            assert [s[0] for s in suggest(client, "rolbac")] == ["What's the rollback process?"]
        assert read.call_count == 1
        make_guide(deployment_guide.get_parent().specific, "Rollout", [section("Plans", [question("Who rolls out?")])])
        assert [s[0] for s in suggest(client, "rolout")] == ["Rollout"]
        assert read.call_count == 2


def test_every_pages_header_search_offers_suggestions(client, deployment_guide):
    html = parse(client.get(deployment_guide.url))
    form = html.select_one("header form.site-search")
    assert form["data-suggest-url"] == "/search/suggest/"
    assert form.select_one("input[name=q]")["autocomplete"] == "off"
    assert html.select_one('script[src$="js/search-suggest.js"]').has_attr("defer")
