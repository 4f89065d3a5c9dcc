"""The hub's uncached pages side by side with wagtail/bakerydemo's, in one run on one machine.

    .venv/bin/python benchmarks/versus_bakerydemo.py --bakerydemo ../bakerydemo [--seconds 8] [--rounds 3]

Both sites run the same way: SQLite, DEBUG off, gunicorn with 2 workers, no page cache (the hub's
PAGE_CACHE_SECONDS=0; bakerydemo has none), each with its own demo content. `wrk` (2 threads, 8
connections, no compression asked for) loads one page at a time, alternating hub and bakerydemo round
by round so a busy machine slows both alike; the median requests per second of each page is kept.
Each of the hub's page types is paired with bakerydemo's nearest: the home pages, a section index
with bakerydemo's blog index, a content page with a blog post.

bakerydemo is not part of this repository. Clone it beside it and install it in its own virtualenv:
    git clone https://github.com/wagtail/bakerydemo ../bakerydemo
    python3 -m venv ../bakerydemo/.venv
    ../bakerydemo/.venv/bin/pip install -r ../bakerydemo/requirements/base.txt gunicorn
This script migrates and loads bakerydemo's initial data into a database of its own in a temporary folder.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BAKERY_SETTINGS = """import os

from bakerydemo.settings.dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
STATIC_ROOT = os.environ["VERSUS_STATIC_ROOT"]
"""
# (hub path, bakerydemo path): each hub page type against bakerydemo's nearest equivalent.
PAIRS = {
    "HomePage": ("/", "/"),
    "GuideIndexPage": ("/guides/", "/blog/"),
    "ArticleIndexPage": ("/articles/", "/blog/"),
    "TalkReviewIndexPage": ("/videos/", "/blog/"),
    "EventNotesIndexPage": ("/notes/", "/blog/"),
    "TopicIndexPage": ("/topics/", "/blog/"),
    "TopicPage": ("/topics/django/", "/blog/"),
    "GuidePage": ("/guides/code-review/", "/blog/wild-yeast/"),
    "ArticlePage": ("/articles/migrations-and-your-database/", "/blog/wild-yeast/"),
    "TalkReviewPage": ("/videos/of-clouds-and-crows/", "/blog/wild-yeast/"),
    "EventNotesPage": ("/notes/djangocon-us-2023/", "/blog/wild-yeast/"),
}


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(cmd, env, cwd):
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
    if proc.returncode:
        sys.exit(f"{' '.join(map(str, cmd))} failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")


def hub_site(tmp):
    """The hub's demo on SQLite under production settings, page cache off: (env, cwd, gunicorn)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "DJANGO_", "DATABASE_", "REDIS_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="hubsite.settings.production",
        SECRET_KEY="versus-bakerydemo-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{tmp / 'hub.sqlite3'}",
        MEDIA_ROOT=str(tmp / "hub-media"),
        STATIC_ROOT=str(tmp / "hub-static"),
        CACHE_DIR=str(tmp / "hub-cache"),
        PAGE_CACHE_SECONDS="0",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        LOG_LEVEL="WARNING",
        WEB_CONCURRENCY="2",
    )
    python = sys.executable
    for args in (["migrate", "--noinput"], ["load_demo_content"], ["collectstatic", "--noinput"]):
        run([python, "manage.py", *args], env, ROOT)
    gunicorn = os.path.join(os.path.dirname(python), "gunicorn")
    return env, ROOT, [gunicorn, "hubsite.wsgi", "--config", "python:hubsite.gunicorn"]


def bakery_site(tmp, checkout):
    """bakerydemo's initial data on SQLite with DEBUG off: (env, cwd, gunicorn)."""
    shim = tmp / "bakery-settings"
    shim.mkdir()
    (shim / "versus_settings.py").write_text(BAKERY_SETTINGS)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="versus_settings",
        PYTHONPATH=str(shim),
        DATABASE_NAME=str(tmp / "bakery.sqlite3"),
        VERSUS_STATIC_ROOT=str(tmp / "bakery-static"),
    )
    python = checkout / ".venv" / "bin" / "python"
    if not python.exists():
        sys.exit(f"no {python}: install bakerydemo in its own virtualenv first (see this script's docstring)")
    for args in (["migrate", "--noinput"], ["load_initial_data"], ["collectstatic", "--noinput"]):
        run([python, "manage.py", *args], env, checkout)
    return env, checkout, [str(checkout / ".venv" / "bin" / "gunicorn"), "bakerydemo.wsgi", "--workers", "2"]


def serve(site, port, log):
    env, cwd, command = site
    env = {**env, "HOST": "127.0.0.1", "PORT": str(port)}
    if "--workers" in command:
        command = [*command, "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    log.flush()
    sys.exit(f"the server on port {port} did not start:\n{Path(log.name).read_text()[-3000:]}")


def requests_per_second(url, seconds):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own http://127.0.0.1 URL
        assert response.status == 200, url  # a redirect or error page would measure the wrong thing
    out = subprocess.run(["wrk", "-t2", "-c8", f"-d{seconds}s", url], capture_output=True, text=True).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bakerydemo", type=Path, required=True, help="a checkout of wagtail/bakerydemo")
    parser.add_argument("--seconds", type=int, default=8, help="wrk's duration per page and round")
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("install wrk (Debian package `wrk`)")
    with tempfile.TemporaryDirectory(prefix="versus-") as name:
        tmp = Path(name)
        sites = {"hub": hub_site(tmp), "bakerydemo": bakery_site(tmp, options.bakerydemo.resolve())}
        ports = {label: free_port() for label in sites}
        logs = {label: open(tmp / f"{label}.log", "wb") for label in sites}  # noqa: SIM115
        servers = {label: serve(site, ports[label], logs[label]) for label, site in sites.items()}
        try:
            rates = {page_type: {"hub": [], "bakerydemo": []} for page_type in PAIRS}
            for _ in range(options.rounds):
                for page_type, paths in PAIRS.items():
                    for label, path in zip(("hub", "bakerydemo"), paths, strict=True):
                        url = f"http://127.0.0.1:{ports[label]}{path}"
                        rates[page_type][label].append(requests_per_second(url, options.seconds))
        finally:
            for process in servers.values():
                os.killpg(process.pid, 15)
                process.wait()
    print(f"{'hub page type':<22}{'hub req/s':>11}{'bakerydemo req/s':>18}{'ratio':>8}   (bakerydemo page)")
    for page_type, (_, bakery_path) in PAIRS.items():
        hub, bakery = (statistics.median(rates[page_type][label]) for label in ("hub", "bakerydemo"))
        print(f"{page_type:<22}{hub:>11.0f}{bakery:>18.0f}{hub / bakery:>7.2f}x   ({bakery_path})")


if __name__ == "__main__":
    main()
