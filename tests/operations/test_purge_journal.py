"""The purge journal, in process: a purge a cache could not take is kept with the change and replayed.

With real servers (Redis hung, Redis down, Varnish down or hung, changes made by other processes):
tests/operations/test_front_cache.py. Here the app's own process, with a redis-server of the test's own.
"""

import pytest
from django.db import connection

from operations import cache_backend, page_cache
from operations.models import PendingPurge
from tests import factories
from tests.services import RedisServer, require_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_redis(settings, tmp_path):
    """The production Redis cache (with its circuit breaker) on a redis-server the test may stop; the journal
    read on every request."""
    import shutil

    require_service("redis-server", shutil.which("redis-server") is not None)
    server = RedisServer(tmp_path).start().wait()
    settings.CACHES = {
        "default": {
            "BACKEND": "operations.cache_backend.ResilientRedisCache",
            "LOCATION": server.url,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    settings.PAGE_CACHE_SECONDS = 300
    settings.PURGE_JOURNAL_CHECK_SECONDS = 0
    yield server
    server.stop()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def test_a_page_unpublished_while_redis_is_down_is_not_served_when_it_returns_with_old_data(
    own_redis, client, home_page, commit, monkeypatch
):
    article = factories.article(home_page, title="Soon unpublished")
    assert client.get(article.url)["X-Page-Cache"] == "miss"
    assert client.get(article.url)["X-Page-Cache"] == "hit"

    own_redis.save()
    own_redis.stop()
    commit(article.unpublish)
    assert list(PendingPurge.objects.values_list("page_cache", flat=True)) == [True]

    own_redis.start().wait()  # with the page and the version tokens from before the change
    monkeypatch.setattr(cache_backend, "_down_until", {})  # as a process that never saw the outage
    response = client.get(article.url)
    assert response.status_code == 404 and "X-Page-Cache" not in response
    assert not PendingPurge.objects.exists()
    assert b"Soon unpublished" not in client.get("/articles/").content


def test_while_the_page_cache_is_owed_a_purge_it_is_neither_read_nor_written(
    own_redis, client, home_page, commit, monkeypatch
):
    factories.article(home_page, title="Listed before")
    client.get("/articles/")
    assert client.get("/articles/")["X-Page-Cache"] == "hit"
    own_redis.pause()  # accepts connections, answers nothing
    commit(lambda: factories.article(home_page, title="Written while the cache hung"))
    own_redis.resume()
    # The breaker keeps this process off Redis for REDIS_DOWN_SECONDS: the purge cannot land yet, and
    # the listing is rendered afresh each time, never stored under the tokens from before the change.
    for _ in range(2):
        response = client.get("/articles/")
        assert "X-Page-Cache" not in response and b"Written while the cache hung" in response.content
    assert PendingPurge.objects.owed_to_the_page_cache().count() == 1
    monkeypatch.setattr(cache_backend, "_down_until", {})  # the breaker closes
    response = client.get("/articles/")
    assert response["X-Page-Cache"] == "miss" and b"Written while the cache hung" in response.content
    assert client.get("/articles/")["X-Page-Cache"] == "hit"
    assert not PendingPurge.objects.exists()


def test_a_long_journal_is_replayed_as_one_purge_of_the_whole_site(own_redis, client, home_page):
    article = factories.article(home_page, title="Anywhere")
    client.get(article.url)
    assert client.get(article.url)["X-Page-Cache"] == "hit"
    paths = [f"/elsewhere/{n}/" for n in range(page_cache.MAX_REPLAYED_PATHS + 1)]
    PendingPurge.objects.create(tree_paths=paths)
    assert page_cache.replay_journal()
    assert client.get(article.url)["X-Page-Cache"] == "miss"
    assert not PendingPurge.objects.exists()


def test_without_a_journal_table_a_purge_still_reaches_the_cache(own_redis, client, home_page, monkeypatch):
    """As after restoring a backup made before the journal existed, until `migrate` runs."""
    article = factories.article(home_page, title="Restored")
    client.get(article.url)
    assert client.get(article.url)["X-Page-Cache"] == "hit"
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE operations_pendingpurge")  # rolled back with the test
    page_cache.purge(tree_paths=["/"])
    monkeypatch.setattr(page_cache, "_verdict_until", float("inf"))  # no journal to read either…
    monkeypatch.setattr(page_cache, "_trusted", True)  # …and the cache trusted, as it was before
    assert client.get(article.url)["X-Page-Cache"] == "miss"
