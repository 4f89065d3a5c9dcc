"""A page type added in an app of its own reaches the API, the Markdown, /llms.txt and the search filter.

The type is `tests/testapp/` (installed by the test settings alone), added as a new section would be:
its models declare their API fields, their llms.txt section and their search filter label, and write
their Markdown with the defaults `core.models` gives (the body; the index's listing). Nothing in `api/`,
`portability/` or `search/` names it.
"""

import pytest
from django.conf import settings
from django.core.management import call_command

from tests import factories
from tests.conftest import parse
from tests.testapp.models import CheatSheetIndexPage, CheatSheetPage

pytestmark = pytest.mark.django_db

CODE = "git reflog\ngit reset --hard 'HEAD@{1}'"


@pytest.fixture
def cheat_sheet(home_page):
    testing = factories.topic(home_page, "Testing")
    index = factories.publish(
        home_page,
        CheatSheetIndexPage(
            title="Cheat sheets", slug="cheat-sheets", summary="Commands to keep at hand.", intro="Short and exact."
        ),
    )
    body = [
        ("paragraph", "<p>When a rebase goes <b>wrong</b>, find where you were:</p>"),
        ("code", {"language": "bash", "code": CODE}),
    ]
    page = factories.publish(
        index, CheatSheetPage(title="Git rescue", slug="git-rescue", summary="Undo a bad rebase.", body=body)
    )
    page.topics.set([testing])
    page.save_revision().publish()
    return page


def test_the_test_app_is_installed_for_the_tests_alone():
    from hubsite.settings import base

    assert "tests.testapp" in settings.INSTALLED_APPS and "tests.testapp" not in base.INSTALLED_APPS
    # Its migration is what its models say.
    call_command("makemigrations", "testapp", check=True, dry_run=True, verbosity=0)


def test_the_api_serves_the_fields_the_type_declares_and_no_others(client, cheat_sheet):
    listing = client.get("/api/v2/pages/", {"type": "testapp.CheatSheetPage", "fields": "*"}).json()
    [item] = listing["items"]
    assert set(item) - {"meta"} == {"id", "title", "summary", "listing_image", "listing_image_thumbnail", "topics"} | {
        "body"
    }
    assert item["topics"] == [{"id": cheat_sheet.topics.get().pk, "title": "Testing", "slug": "testing"}]
    assert [block["type"] for block in item["body"]] == ["paragraph", "code"]
    index = client.get("/api/v2/pages/", {"type": "testapp.CheatSheetIndexPage", "fields": "intro"}).json()
    assert index["items"][0]["intro"] == "Short and exact."
    refused = client.get("/api/v2/pages/", {"type": "testapp.CheatSheetPage", "fields": "listing_image_alt"})
    assert refused.status_code == 400


def test_the_page_and_its_index_read_as_markdown(client, cheat_sheet):
    response = client.get("/cheat-sheets/git-rescue.md")
    assert response.status_code == 200 and response["Content-Type"] == "text/markdown; charset=utf-8"
    text = response.content.decode()
    assert text.startswith(
        "---\ntitle: Git rescue\ntype: testapp.CheatSheetPage\nurl: http://localhost/cheat-sheets/git-rescue/\n"
    )
    assert "topics:\n- Testing\n---\n\n# Git rescue\n\nTopics: [Testing](/topics/testing/)\n\n" in text
    assert "When a rebase goes **wrong**, find where you were:" in text
    assert f"```bash\n{CODE}\n```" in text
    assert client.get(cheat_sheet.url).status_code == 200  # and its HTML, from its own template
    # The same Markdown when the page's own address is asked for it.
    assert client.get(cheat_sheet.url, HTTP_ACCEPT="text/markdown").content.decode() == text
    index = client.get("/cheat-sheets.md").content.decode()
    assert "Short and exact.\n\n- [Git rescue](/cheat-sheets/git-rescue.md): Undo a bad rebase.\n" in index


def test_llms_txt_lists_the_section_in_its_declared_place(client, cheat_sheet, home_page):
    factories.article(home_page, title="An article")
    lines = client.get("/llms.txt").content.decode().splitlines()
    assert [line for line in lines if line.startswith("## ")] == ["## Articles", "## Cheat sheets"]
    assert "- [Git rescue](http://localhost/cheat-sheets/git-rescue.md): Undo a bad rebase." in lines
    assert "- [All of Cheat sheets](http://localhost/cheat-sheets.md): Commands to keep at hand." in lines


def test_search_can_be_narrowed_to_the_type(client, cheat_sheet, home_page):
    factories.article(home_page, title="Rebase notes", body=[("paragraph", "<p>A rebase rewrites history.</p>")])
    html = parse(client.get("/search/"))
    options = [(option["value"], option.get_text()) for option in html.select("#search-type option")]
    assert options[-1] == ("cheatsheetpage", "Cheat sheets")
    found = parse(client.get("/search/", {"q": "rebase", "type": "cheatsheetpage"}))
    assert [h.get_text() for h in found.select(".search-results h3")] == ["Git rescue"]
    everything = parse(client.get("/search/", {"q": "rebase"}))
    assert {h.get_text() for h in everything.select(".search-results h3")} == {"Git rescue", "Rebase notes"}
