"""What a page shows is read and rendered once per change of the site (core/fragments.py, issue 25).

A published page's content, its related cards and a listing's page of cards are kept under the token
any page change replaces; what a visitor then sees is never older than the last committed change, and
a draft is never read from or written to them.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.blocks import highlighted_code
from core.fragments import forget_fragments
from guides.models import GuidePage
from tests import factories
from tests.conftest import parse
from tests.guides.factories import body, make_guide, make_index, question, section

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide_index(home_page):
    return make_index()


def answers(response):
    return [answer.get_text(" ", strip=True) for answer in parse(response).select(".guide-question__answer")]


def publish(page, django_capture_on_commit_callbacks):
    """Publish the page's latest revision as an editor does: the change counts once it has committed."""
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def test_a_published_page_is_rendered_once_until_it_changes(client, guide_index, django_capture_on_commit_callbacks):
    guide = make_guide(guide_index, "Kept", body_value=[section("Basics", [question("Why?", "The first answer.")])])
    assert answers(client.get(guide.url)) == ["The first answer."]

    # A write that no publish announces (as a script might make) is not read: the rendered page stands.
    GuidePage.objects.filter(pk=guide.pk).update(body=[section("Basics", [question("Why?", "Not announced.")])])
    assert answers(client.get(guide.url)) == ["The first answer."]

    guide = GuidePage.objects.get(pk=guide.pk)
    guide.body = [section("Basics", [question("Why?", "The published answer.")])]
    publish(guide, django_capture_on_commit_callbacks)
    assert answers(client.get(guide.url)) == ["The published answer."]


def test_a_change_to_a_page_it_links_to_shows_at_once(
    client, home_page, guide_index, django_capture_on_commit_callbacks
):
    article = factories.article(home_page, title="The old title")
    linked = question("Where next?", "Read on.")
    linked["related"] = [article.pk]
    guide = make_guide(guide_index, "Linking", body_value=[section("Basics", [linked])])
    assert [a.get_text() for a in parse(client.get(guide.url)).select(".related-links a")] == ["The old title"]

    article.title = "The new title"
    publish(article, django_capture_on_commit_callbacks)
    assert [a.get_text() for a in parse(client.get(guide.url)).select(".related-links a")] == ["The new title"]

    with django_capture_on_commit_callbacks(execute=True):
        factories.make_private(article)
    assert parse(client.get(guide.url)).select(".related-links a") == []


def test_a_draft_is_never_read_from_nor_kept_in_them(client, admin_client, guide_index):
    guide = make_guide(guide_index, "Drafted", body_value=[section("Basics", [question("Why?", "The live answer.")])])
    assert answers(client.get(guide.url)) == ["The live answer."]
    guide.body = [section("Basics", [question("Why?", "The draft answer.")])]
    guide.save_revision()

    preview = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[guide.pk]))
    assert answers(preview) == ["The draft answer."]
    assert answers(client.get(guide.url)) == ["The live answer."]


def test_a_kept_page_reads_nothing_of_its_own(client, home_page, guide_index):
    """With its fragments kept, a content page takes only the queries Wagtail serves any page with."""
    topic = factories.topic(home_page, "Kept topic")
    factories.article(home_page, title="Shares the topic", topics=[topic])
    guide = make_guide(guide_index, "Quiet", body_value=body(sections=3, questions=4), topics=[topic])
    client.get(guide.url)
    with CaptureQueriesContext(connection) as kept:
        client.get(guide.url)
    forget_fragments()
    with CaptureQueriesContext(connection) as read:
        client.get(guide.url)
    # The page itself and the route to it, its view restrictions, and the site: nothing it shows.
    sql = " ".join(query["sql"] for query in kept.captured_queries).lower()
    assert "topicpage" not in sql and "core_similarpage" not in sql and "rendition" not in sql
    assert len(kept.captured_queries) < len(read.captured_queries)


def test_a_code_sample_is_highlighted_once_per_process(client, guide_index):
    guide = make_guide(guide_index, "Coloured", body_value=body(sections=2, questions=3))
    highlighted_code.cache_clear()
    client.get(guide.url)
    samples = highlighted_code.cache_info().misses
    assert samples == 6
    forget_fragments()  # the page renders again: its samples' colours are not worked out again
    client.get(guide.url)
    assert highlighted_code.cache_info().misses == samples
    assert highlighted_code.cache_info().hits == samples
