"""Rendering a guide or the guides index costs the same few queries, however much content there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import PAGE_QUERY_BUDGET

from .factories import body, make_guide

# The site-wide ceiling (tests/conftest.py); what matters most is that it does not grow with content.
MAX_QUERIES = PAGE_QUERY_BUDGET


def count_queries(client, url):
    client.get(url)  # warm the per-process caches (site root paths, content types) first
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
def test_the_index_queries_do_not_grow_with_the_number_of_guides(client, guide_index, django_assert_max_num_queries):
    make_guide(guide_index, "Guide 1", body(sections=5, questions=20))
    one_count = count_queries(client, guide_index.url)

    for n in range(2, 6):
        make_guide(guide_index, f"Guide {n}", body(sections=5, questions=20))
    five_count = count_queries(client, guide_index.url)
    assert five_count == one_count
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(guide_index.url)
    assert response.content.count(b'class="guide-outline__guide"') == 5
