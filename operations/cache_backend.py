"""The cache backends production uses: Redis that degrades to 'no cache', or one file cache every process shares."""

import functools
import logging
import time

from django.conf import settings
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

REDIS_DOWN = (RedisConnectionError, RedisTimeoutError)
# Seconds Redis is left alone after a timeout or connection error (settings.REDIS_DOWN_SECONDS).
DEFAULT_DOWN_SECONDS = 30
# Until when (time.monotonic()) each Redis location is treated as down, shared by this process's
# threads (Django makes one cache object per thread).
_down_until = {}


def _ignore_outage(default):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if self.is_down():
                return default() if callable(default) else default
            try:
                return method(self, *args, **kwargs)
            except REDIS_DOWN as error:
                self._mark_down(method.__name__, error)
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
    """RedisCache with a circuit breaker: while Redis is down, reads miss and writes do nothing.

    A page makes dozens of cache calls. Redis refusing connections fails each at once, but a Redis
    that accepts and never answers costs each call the socket timeout (a page took 20 s). So the
    first timeout or connection error marks Redis down for REDIS_DOWN_SECONDS, during which no call
    touches the socket: a request pays at most one short wait, then pages render uncached. Then one
    call tries again. /healthz/ reports the cache as down meanwhile. Other errors still raise.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedRedisCacheClient
        self._location = server if isinstance(server, str) else ",".join(server)

    def is_down(self):
        return time.monotonic() < _down_until.get(self._location, 0.0)

    def _mark_down(self, operation, error):
        seconds = getattr(settings, "REDIS_DOWN_SECONDS", DEFAULT_DOWN_SECONDS)
        _down_until[self._location] = time.monotonic() + seconds
        # One log line per outage window, not one per call.
        logger.warning("cache unavailable, serving without it for %ss (%s): %s", seconds, operation, error)

    get_many = _ignore_outage(dict)(RedisCache.get_many)
    has_key = _ignore_outage(False)(RedisCache.has_key)
    set = _ignore_outage(None)(RedisCache.set)
    set_many = _ignore_outage(list)(RedisCache.set_many)
    add = _ignore_outage(False)(RedisCache.add)
    touch = _ignore_outage(False)(RedisCache.touch)
    delete = _ignore_outage(False)(RedisCache.delete)
    delete_many = _ignore_outage(None)(RedisCache.delete_many)
    clear = _ignore_outage(False)(RedisCache.clear)

    def get(self, key, default=None, version=None):
        # Not through _ignore_outage: the value to return while down is the caller's `default`.
        if self.is_down():
            return default
        try:
            return RedisCache.get(self, key, default, version)
        except REDIS_DOWN as error:
            self._mark_down("get", error)
            return default


class SharedFileCache(FileBasedCache):
    """Django's file cache, for a site without Redis: every app process and management command shares it.

    Local memory is one cache per process: a purge (a moderator unpublishing in one gunicorn
    worker, `publish_scheduled` in cron) would reach that process alone. Files in one directory
    are seen by all of them. Django writes each entry to a temporary file and renames it into
    place, so a reader sees the old entry or the new one, never half of one.

    Django lists the whole directory on every write to decide whether to cull; here that happens at
    most once every CULL_INTERVAL seconds per process. Culling may remove the page cache's version
    tokens too: the page cache stores pages only under tokens that exist (operations/page_cache.py),
    so a removed token can never bring an old page back.
    """

    CULL_INTERVAL = 60

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._next_cull = 0.0

    def _cull(self):
        now = time.monotonic()
        if now < self._next_cull:
            return
        self._next_cull = now + self.CULL_INTERVAL
        super()._cull()
