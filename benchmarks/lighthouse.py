"""Lighthouse 12 (mobile) against the production server: one page of every type, and search.

    .venv/bin/python benchmarks/lighthouse.py [--categories performance,accessibility,best-practices,seo]

Builds the demo site in a throwaway SQLite database with its media in an S3 bucket (moto's server,
as production keeps media in S3), collects the static files and serves them with gunicorn and
production settings over plain HTTP on 127.0.0.1 (as `make serve` does, without TLS), then runs
Lighthouse on each page with Debian's Chromium. `make bench` prints all four scores;
tests/browser/test_lighthouse.py asserts accessibility, best practices and SEO. Lighthouse is
installed with `npm i -E --prefix .lighthouse lighthouse@12.2.3` (.lighthouse/ is not committed).
"""

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / ".lighthouse" / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_VERSION = "12.2.3"
CHROMIUM = os.environ.get("HUBSITE_CHROMIUM", "/usr/bin/chromium")
# A STATIC_ROOT already collected with production settings (CI collects once per run and lends it).
COLLECTED_STATIC = os.environ.get("HUBSITE_COLLECTED_STATIC")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Not indexed by design (robots noindex), so their SEO score is not the site's concern. (Lighthouse
# refuses a page that answers 404; the browser tests check the 404 page with axe instead.)
NOINDEX = ("search results", "empty search")
PAGE_URLS_CODE = """
import json
from wagtail.models import Page
urls = {}
for page in Page.objects.live().public().filter(depth__gte=2).specific().order_by("path"):
    urls.setdefault(type(page).__name__, page.url)
print(json.dumps(urls))
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def installed():
    return LIGHTHOUSE.exists() and shutil.which(CHROMIUM) is not None


def install():
    subprocess.run(
        ["npm", "i", "-E", "--prefix", str(ROOT / ".lighthouse"), f"lighthouse@{LIGHTHOUSE_VERSION}", "--no-audit"],
        check=True,
        capture_output=True,
    )


@contextlib.contextmanager
def media_bucket():
    """An S3 bucket on moto's server on 127.0.0.1 whose images anyone may read (docs/deployment.md, "S3 bucket")."""
    import boto3
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint, bucket = f"http://{host}:{port}", "hub-lighthouse"
    keys = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}
    s3 = boto3.client("s3", endpoint_url=endpoint, **keys)
    s3.create_bucket(Bucket=bucket, ObjectOwnership="BucketOwnerEnforced")
    public_images = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": [f"arn:aws:s3:::{bucket}/images/*", f"arn:aws:s3:::{bucket}/original_images/*"],
            }
        ],
    }
    s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps(public_images))
    try:
        yield {
            "AWS_STORAGE_BUCKET_NAME": bucket,
            "AWS_S3_ENDPOINT_URL": endpoint,
            "AWS_ACCESS_KEY_ID": keys["aws_access_key_id"],
            "AWS_SECRET_ACCESS_KEY": keys["aws_secret_access_key"],
            "AWS_S3_REGION_NAME": keys["region_name"],
        }
    finally:
        server.stop()


@contextlib.contextmanager
def production_server():
    """Yield (base URL, {name: path}) for the demo site served by gunicorn with production settings."""
    with tempfile.TemporaryDirectory(prefix="hub-lighthouse-") as tmp, media_bucket() as s3:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_", "AWS_"))}
        port = free_port()
        env.update(
            **s3,
            DJANGO_SETTINGS_MODULE="hubsite.settings.production",
            SECRET_KEY="lighthouse-run-" + os.urandom(24).hex(),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            # The public address is where it listens: canonicals, the sitemap and robots.txt's Sitemap name it.
            SITE_URL=f"http://127.0.0.1:{port}",
            DATABASE_URL=f"sqlite:///{tmp}/site.sqlite3",
            # Collected once for the whole run when CI lends its own (.ci/run), else here.
            STATIC_ROOT=COLLECTED_STATIC or f"{tmp}/static",
            # Its own page cache: the project's var/cache/ may hold pages from another run's site.
            CACHE_DIR=f"{tmp}/cache",
            # Plain HTTP on this machine: no TLS redirect or secure-only cookies, no proxy in front.
            SECURE_SSL_REDIRECT="false",
            SECURE_COOKIES="false",
            LOG_LEVEL="WARNING",
            HOST="127.0.0.1",
            PORT=str(port),
            WEB_CONCURRENCY="2",
        )

        def manage(*args):
            done = subprocess.run(
                [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
            )
            if done.returncode:
                raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
            return done.stdout

        # Static files are collected (and compressed) while the demo site is built, unless lent.
        collectstatic = None
        if not COLLECTED_STATIC:
            collectstatic = subprocess.Popen(
                [sys.executable, "manage.py", "collectstatic", "--noinput"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
        manage("migrate", "--noinput")
        manage("load_demo_content")
        if collectstatic is not None and collectstatic.wait(timeout=600):
            raise RuntimeError(f"collectstatic failed: {collectstatic.stderr.read().decode()[-2000:]}")
        urls = json.loads(manage("shell", "-c", PAGE_URLS_CODE).strip().splitlines()[-1])
        urls.update({"search results": "/search/?q=django", "empty search": "/search/"})
        server = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "hubsite.wsgi", "--config", "python:hubsite.gunicorn"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base, server)
            yield base, urls
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


def wait_until_up(base, server, deadline=90):
    stop = time.monotonic() + deadline
    while time.monotonic() < stop:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped: {server.stderr.read().decode()[-2000:]}")
        try:
            urllib.request.urlopen(base + "/healthz/", timeout=5)  # noqa: S310 (our own local server)
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{base} did not answer within {deadline} s")


def lighthouse(url, categories):
    """{category: score 0-100, "failed": [audit ids that scored below 1 in those categories]}."""
    with tempfile.TemporaryDirectory(prefix="hub-lh-chrome-") as profile:
        done = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--output=json",
                "--quiet",
                f"--only-categories={','.join(categories)}",
                f"--chrome-flags=--headless=new --no-sandbox --disable-gpu --user-data-dir={profile}",
            ],
            env={**os.environ, "CHROME_PATH": shutil.which(CHROMIUM)},
            capture_output=True,
            text=True,
            timeout=300,
        )
    if done.returncode:
        raise RuntimeError(f"lighthouse {url} failed: {done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    scores = {name: round(report["categories"][name]["score"] * 100) for name in categories}
    failed = sorted(
        {
            ref["id"]
            for name in categories
            for ref in report["categories"][name]["auditRefs"]
            if ref["weight"]
            and (report["audits"][ref["id"]]["score"] or 0) < 1
            and report["audits"][ref["id"]]["scoreDisplayMode"] in ("binary", "numeric", "metricSavings")
        }
    )
    return {**scores, "failed": failed}


def run(wanted=CATEGORIES, only=None, log=print):
    """Scores for every page type (or those named in `only`): {name: {category: score, "failed": [...]}}."""
    results = {}
    with production_server() as (base, urls):
        for name, path in urls.items():
            if only and name not in only:
                continue
            results[name] = lighthouse(base + path, wanted)
            scores = " ".join(f"{c} {results[name][c]}" for c in wanted)
            log(f"{name:20} {path:42} {scores} {' '.join(results[name]['failed'])}")
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--categories", default=",".join(CATEGORIES))
    parser.add_argument("--only", help="comma-separated page types, e.g. ArticlePage,HomePage")
    args = parser.parse_args()
    if not installed():
        install()
    wanted = args.categories.split(",")
    results = run(wanted, only=args.only.split(",") if args.only else None)
    print("\n| page | " + " | ".join(wanted) + " | below 100 |")
    print("|---" * (len(wanted) + 2) + "|")
    for name, scores in results.items():
        cells = " | ".join(str(scores.get(c, "–")) for c in wanted)
        print(f"| {name} | {cells} | {', '.join(scores['failed']) or '—'} |")


if __name__ == "__main__":
    main()
