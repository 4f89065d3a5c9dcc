"""Prefix matching on the last word typed, and the editors' synonyms (issue 29), on both databases."""

import pytest
from django.urls import reverse

from search.models import Synonym
from tests import factories
from tests.conftest import parse
from tests.editors.conftest import PASSWORD, member_of
from tests.guides.factories import make_guide, make_index, question, section

from .test_passages import results

pytestmark = pytest.mark.django_db


def test_the_last_word_typed_finds_the_words_it_starts(client, home_page):
    factories.article(
        home_page, title="Front ends", summary="", body=[("paragraph", "<h2>HTMX and AlpineJS</h2><p>Small.</p>")]
    )
    [(title, href, passages)] = results(client, "alpine")
    assert title == "Front ends"
    assert passages[0][1] == f"{href}#htmx-and-alpinejs"
    assert [r[0] for r in results(client, "htmx alp")] == ["Front ends"]


def test_an_earlier_word_is_not_a_prefix(client, home_page):
    factories.article(home_page, title="Front ends", summary="", body=[("paragraph", "<p>HTMX and AlpineJS.</p>")])
    partial = "No page has all of these words"
    # "alpine" then "htmx": the page has only one of the words (it is shown, and the page says so).
    assert partial in parse(client.get("/search/", {"q": "alpine htmx"})).get_text()
    html = parse(client.get("/search/", {"q": "htmx alpine"}))
    assert partial not in html.get_text()
    assert [a.get_text() for a in html.select(".search-results h3 a")] == ["Front ends"]


def test_a_synonym_finds_pages_written_the_other_way_and_links_the_passage(client, home_page):
    factories.article(home_page, title="Pipelines", summary="", body=[("paragraph", "<p>Continuous integration.</p>")])
    factories.article(home_page, title="Checks", summary="", body=[("paragraph", "<p>Our CI runs them.</p>")])
    guide = make_guide(
        make_index(),
        "Deployment",
        [
            section(
                "Plan",
                [
                    question("Is a feature flag needed?", "Back it with a switch."),
                    question("What's the rollback process?", "Write it down first."),
                ],
            )
        ],
    )
    assert [r[0] for r in results(client, "continuous integration")] == ["Pipelines"]
    Synonym.objects.create(words="CI, continuous integration")
    Synonym.objects.create(words="roll back, rollback")
    assert {r[0] for r in results(client, "continuous integration")} == {"Pipelines", "Checks"}
    assert {r[0] for r in results(client, "CI")} == {"Pipelines", "Checks"}
    [(title, _, passages)] = results(client, "how to roll back")
    assert title == "Deployment"
    # The question that says "rollback", not the one whose answer says "back".
    assert passages[0][1] == f"{guide.url}#whats-the-rollback-process"


def test_editors_keep_the_synonyms_in_the_admin(client, django_user_model):
    editor = member_of(django_user_model, "Editors", "edna")
    client.login(username=editor.username, password=PASSWORD)
    add = reverse("wagtailsnippets_search_synonym:add")
    form = client.get(add)
    assert form.status_code == 200
    assert "separated by commas" in form.content.decode()  # the field's help text
    response = client.post(add, {"words": "CI, continuous integration"})
    assert response.status_code == 302
    assert Synonym.objects.get().alternatives == (("ci",), ("continuous", "integration"))
    # One way of writing it is not a synonym: a clear message, nothing saved.
    response = client.post(add, {"words": "CI"})
    assert response.status_code == 200
    assert "Give at least two different words or phrases" in response.content.decode()
    assert Synonym.objects.count() == 1
