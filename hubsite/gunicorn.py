"""Gunicorn settings for `make serve`, all from the environment.

Run as `gunicorn hubsite.wsgi --config python:hubsite.gunicorn`.
"""

import json
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# WEB_CONCURRENCY is the name most platforms set; GUNICORN_WORKERS overrides it.
workers = int(os.environ.get("GUNICORN_WORKERS") or os.environ.get("WEB_CONCURRENCY") or 2)
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
# Recycle workers now and then so a slow leak cannot grow without bound. Not too often: the master
# notices an exited worker only on its next one-second tick, and meanwhile the other worker serves
# alone (with 1,000 this was the load test's p99 of 1-3 s; cache hits run at 2,000/s). preload_app
# makes the replacement a fork of a master that has Django and Wagtail imported already.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 100_000))
max_requests_jitter = max_requests // 10
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() in {"1", "true", "yes"}
# The proxies allowed to set X-Forwarded-* (the load balancer's address, or * inside a private network).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Access and error logs on stdout/stderr; access lines are JSON like the app's own logs.
accesslog = "-"
errorlog = "-"
access_log_format = json.dumps(
    {
        "time": "%(t)s",
        "logger": "gunicorn.access",
        "remote": "%(h)s",
        "forwarded_for": "%({x-forwarded-for}i)s",
        "method": "%(m)s",
        "path": "%(U)s",
        "query": "%(q)s",
        "status": "%(s)s",
        "bytes": "%(B)s",
        "duration_ms": "%(M)s",
        "referer": "%(f)s",
        "user_agent": "%(a)s",
    }
)
