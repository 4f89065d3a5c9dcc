"""Django's Redis cache, made to degrade to 'no cache' while Redis is unreachable."""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

REDIS_DOWN = (RedisConnectionError, RedisTimeoutError)
# One log line per process per this many seconds while Redis stays down, not one per request.
LOG_INTERVAL_SECONDS = 10


def _ignore_outage(default):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except REDIS_DOWN as error:
                self._log_outage(method.__name__, error)
                return default() if callable(default) else default

        return wrapper

    return decorate


class ReusedRedisCacheClient(RedisCacheClient):
    """Django's Redis client wrapper, keeping one `redis.Redis` per connection pool.

    Django builds a new `redis.Redis` for every operation, which costs about as much as the
    round trip itself (half of a page-cache hit). A `redis.Redis` is thread-safe: it takes a
    connection from its pool for each command.
    """

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        if pool not in clients:
            clients[pool] = self._client(connection_pool=pool)
        return clients[pool]


class ResilientRedisCache(RedisCache):
    """RedisCache whose reads miss and writes do nothing while Redis is down (logged as a warning).

    The page cache then renders every page afresh and /healthz/ (which writes and reads back a
    value) reports the cache as down. Anything but a connection problem still raises.
    """

    _last_logged = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedRedisCacheClient

    def _log_outage(self, operation, error):
        now = time.monotonic()
        if now - ResilientRedisCache._last_logged >= LOG_INTERVAL_SECONDS:
            ResilientRedisCache._last_logged = now
            logger.warning("cache unavailable, serving without it (%s): %s", operation, error)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except REDIS_DOWN as error:
            self._log_outage("get", error)
            return default

    get_many = _ignore_outage(dict)(RedisCache.get_many)
    has_key = _ignore_outage(False)(RedisCache.has_key)
    set = _ignore_outage(None)(RedisCache.set)
    set_many = _ignore_outage(list)(RedisCache.set_many)
    add = _ignore_outage(False)(RedisCache.add)
    touch = _ignore_outage(False)(RedisCache.touch)
    delete = _ignore_outage(False)(RedisCache.delete)
    delete_many = _ignore_outage(None)(RedisCache.delete_many)
    clear = _ignore_outage(False)(RedisCache.clear)
