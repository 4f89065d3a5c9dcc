"""Rendering a guide or the guides index costs the same few queries, however much content there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.fragments import forget_fragments
from tests.conftest import PAGE_QUERY_BUDGET

from .factories import body, make_guide

# The site-wide ceiling (tests/conftest.py); what matters most is that it does not grow with content.
MAX_QUERIES = PAGE_QUERY_BUDGET


def count_queries(client, url):
    client.get(url)  # warm the per-process caches (site root paths, content types) first
    forget_fragments()  # but render the page itself, as after a change
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_a_guides_queries_do_not_grow_with_its_topics_and_questions(client, guide_index, django_assert_max_num_queries):
    small = make_guide(guide_index, "Small", body(sections=1, questions=2))
    large = make_guide(guide_index, "Large", body(sections=5, questions=20))

    small_count = count_queries(client, small.url)
    large_count = count_queries(client, large.url)
    assert large_count == small_count
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(large.url)
    assert response.content.count(b"<h3 ") == 100


@pytest.mark.django_db
def test_the_index_queries_do_not_grow_with_the_number_of_guides(
    client, guide_index, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    make_guide(guide_index, "Guide 1", body(sections=5, questions=20))
    one_count = count_queries(client, guide_index.url)

    with django_capture_on_commit_callbacks(execute=True):  # the change counts once committed
        for n in range(2, 6):
            make_guide(guide_index, f"Guide {n}", body(sections=5, questions=20))
    five_count = count_queries(client, guide_index.url)
    assert five_count == one_count
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(guide_index.url)
    assert response.content.count(b'class="guide-outline__guide"') == 5


@pytest.mark.django_db
def test_a_guide_loads_only_its_two_neighbours_however_many_guides_there_are(client, guide_index):
    from django.db.models.signals import post_init

    from guides.models import GuidePage

    guides = [make_guide(guide_index, f"Guide {n:02}", body(sections=1, questions=1)) for n in range(12)]
    loaded = []

    def count(sender, instance, **kwargs):
        loaded.append(instance)

    post_init.connect(count, sender=GuidePage)
    try:
        response = client.get(guides[6].url)
    finally:
        post_init.disconnect(count, sender=GuidePage)
    assert b"Guide 05" in response.content and b"Guide 07" in response.content
    # The page itself and its two neighbours: not every sibling in the index.
    assert len(loaded) <= 3
