"""The API throttle counts every API request, answered from the page cache or not, and holds while Redis is down.

Redis is down two ways: a port nothing listens on, and a redis-server of the test's own on a free port,
stopped with SIGSTOP (it accepts connections and never answers). The machine's Redis is never touched.
"""

import shutil
import signal
import subprocess
import time

import pytest

from api.views import AnonymousThrottle
from operations.page_cache import HIT_HEADER
from tests.services import free_port, port_open, require_service

pytestmark = pytest.mark.django_db

RATE = "3/minute"
# Three answered, then refused: what a client over its rate sees, whatever answers it.
EXPECTED = [200, 200, 200, 429, 429]


@pytest.fixture(autouse=True)
def _fresh_local_counts():
    """The per-process counts outlive a test: start each with none."""
    AnonymousThrottle.local_cache.clear()
    yield
    AnonymousThrottle.local_cache.clear()


def calls(client):
    return [client.get("/api/v2/pages/") for _ in EXPECTED]


@pytest.mark.parametrize("backend", ["locmem", "redis"])
def test_answers_from_the_page_cache_are_counted(client, home_page, settings, request, backend):
    if backend == "redis":
        request.getfixturevalue("redis_cache")
    settings.PAGE_CACHE_SECONDS = 600
    settings.API_ANON_RATE = RATE
    responses = calls(client)
    assert [response.get(HIT_HEADER) for response in responses[:3]] == ["miss", "hit", "hit"]
    assert [response.status_code for response in responses] == EXPECTED
    refused = responses[-1]
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["message"].startswith("Request was throttled. Expected available in")
    # Other addresses are not the API's: the site's pages are never throttled.
    assert all(client.get("/").status_code == 200 for _ in range(5))


def use_redis(settings, port):
    settings.API_ANON_RATE = RATE
    settings.PAGE_CACHE_SECONDS = 600
    settings.REDIS_DOWN_SECONDS = 30
    settings.CACHES = {
        "default": {
            "BACKEND": "operations.cache_backend.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            # Production's default is 0.25 s; shorter here, as the test waits for it once.
            "OPTIONS": {"socket_connect_timeout": 0.05, "socket_timeout": 0.05},
        }
    }


def test_a_redis_nothing_listens_on_leaves_each_process_its_own_limit(client, home_page, settings):
    use_redis(settings, free_port())
    assert [response.status_code for response in calls(client)] == EXPECTED


@pytest.fixture
def own_redis(tmp_path):
    """A redis-server of this test's own on a free port of 127.0.0.1: (process, port)."""
    binary = shutil.which("redis-server")
    require_service("redis-server", binary is not None)
    port = free_port()
    process = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no", "--dir", tmp_path],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            if port_open("127.0.0.1", port):
                break
            time.sleep(0.05)
        yield process, port
    finally:
        process.send_signal(signal.SIGCONT)
        process.terminate()
        process.wait(timeout=10)


def test_a_hung_redis_leaves_each_process_its_own_limit(client, home_page, settings, own_redis):
    process, port = own_redis
    use_redis(settings, port)
    assert client.get("/api/v2/pages/").status_code == 200  # counted in Redis: one of three
    process.send_signal(signal.SIGSTOP)
    # The first call waits for the timeout and opens the circuit breaker; from then on this
    # process counts on its own (from zero: Redis's count cannot be read).
    assert [response.status_code for response in calls(client)] == EXPECTED
    process.send_signal(signal.SIGCONT)
