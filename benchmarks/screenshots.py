"""`make screenshots`: every page type, search results, empty search and the 404, at phone and desktop
widths, in the light and the dark colour scheme, as PNG files to look at.

    .venv/bin/python benchmarks/screenshots.py [--url http://127.0.0.1:8000] [--out screenshots]

Without --url it builds the demo site in a throwaway SQLite database and serves it with runserver on a
free port. Long pages are cut at --max-height pixels; wide long pages also get a shot scrolled halfway
down (the sticky contents). The folder is not committed (.gitignore).
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")
LONG_PAGE_TYPES = {"GuidePage", "EventNotesPage", "ArticlePage", "TalkReviewPage"}
# DEBUG off (so the 404 is the site's own page), static files from the source tree: the test settings.
SETTINGS = "hubsite.settings.test"
EXTRA_URLS = {"search-results": "/search/?q=django", "search-empty": "/search/", "not-found": "/no-such-page/"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def page_urls():
    """One URL per page type of the site (the first in tree order), keyed by the type's name."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from wagtail.models import Page

    urls = {}
    for page in Page.objects.live().public().filter(depth__gte=2).specific().order_by("path"):
        urls.setdefault(type(page).__name__, page.url)
    return urls


def build_demo_site(env):
    for command in (["migrate", "--noinput"], ["load_demo_content"], ["update_index"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)


def wait_for(url, process, deadline=60):
    stop = time.monotonic() + deadline
    while time.monotonic() < stop:
        if process.poll() is not None:
            sys.exit(f"the server stopped: {process.stderr.read().decode()[-2000:]}")
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (our own local server)
            return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"{url} did not answer")


def shoot(base, targets, out, max_height):
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for scheme in SCHEMES:
            for width in WIDTHS:
                context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                page = context.new_page()
                for name, url in targets.items():
                    page.goto(base + url, wait_until="networkidle")
                    height = min(page.evaluate("document.documentElement.scrollHeight"), max_height)
                    path = out / f"{name}-{width}-{scheme}.png"
                    page.screenshot(path=path, full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height})
                    written.append(path)
                    if name in LONG_PAGE_TYPES and width > 1000:
                        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
                        page.wait_for_timeout(300)
                        path = out / f"{name}-{width}-{scheme}-scrolled.png"
                        page.screenshot(path=path)
                        written.append(path)
                context.close()
        browser.close()
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running site to shoot (its database must be this environment's)")
    parser.add_argument("--out", default=os.environ.get("SCREENSHOTS_DIR", str(ROOT / "screenshots")))
    parser.add_argument("--max-height", type=int, default=5000)
    args = parser.parse_args()

    server = None
    if not args.url:
        database = Path(tempfile.mkdtemp(prefix="hub-shots-")) / "demo.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS}
        build_demo_site(env)
        port = free_port()
        args.url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
    try:
        targets = {**page_urls(), **EXTRA_URLS}
        if server:
            wait_for(args.url + "/", server)
        written = shoot(args.url.rstrip("/"), targets, Path(args.out), args.max_height)
    finally:
        if server:
            server.terminate()
            server.wait()
    print(f"{len(written)} screenshots in {args.out}")


if __name__ == "__main__":
    main()
