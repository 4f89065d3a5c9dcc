"""A Redis that accepts connections and never answers costs one short wait, then the site runs uncached.

The hung server is a real listening socket that accepts and never replies. Waits are counted as the
connections it receives (the client drops a connection after each timeout), never timed.
"""

import socket
import threading
import time

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def hung_redis():
    """A socket on 127.0.0.1 that accepts connections, reads nothing and answers nothing."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    accepted = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1], accepted
    stop.set()
    thread.join()
    for conn in accepted:
        conn.close()
    listener.close()


def use_redis_at(settings, port, down_seconds):
    settings.REDIS_DOWN_SECONDS = down_seconds
    settings.PAGE_CACHE_SECONDS = 300
    settings.CACHES = {
        "default": {
            "BACKEND": "operations.cache_backend.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            # Production's default is 0.25 s; shorter here, as waits are counted, not timed.
            "OPTIONS": {"socket_connect_timeout": 0.05, "socket_timeout": 0.05},
        }
    }


def test_a_hung_redis_costs_one_wait_then_is_left_alone_and_healthz_says_so(hung_redis, settings, client, site_pages):
    port, accepted = hung_redis
    use_redis_at(settings, port, down_seconds=30)

    for url in ["/", *site_pages, "/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "X-Page-Cache" not in response  # rendered, not cached: there is nowhere to store it
    assert len(accepted) == 1, "one wait, then the circuit breaker keeps requests off the socket"

    health = client.get(reverse("healthz"))
    assert health.status_code == 503
    assert health.json()["cache"] == "error"
    assert len(accepted) == 1


def test_without_the_breaker_every_cache_call_waits(hung_redis, settings, client):
    """The same hung server with REDIS_DOWN_SECONDS=0: the home page alone waits again and again."""
    port, accepted = hung_redis
    use_redis_at(settings, port, down_seconds=0)
    assert client.get("/").status_code == 200
    assert len(accepted) > 3


def test_redis_is_tried_again_after_the_down_period(hung_redis, settings, client):
    port, accepted = hung_redis
    use_redis_at(settings, port, down_seconds=0.5)
    client.get("/")
    client.get("/")
    assert len(accepted) == 1
    time.sleep(0.6)
    client.get("/")
    assert len(accepted) == 2


@pytest.fixture
def site_pages(home_page):
    from tests import factories

    topic = factories.topic(home_page, "Testing")
    article = factories.article(home_page, title="An article", topics=[topic])
    return [article.url, topic.url, "/articles/"]
