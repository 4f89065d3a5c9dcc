"""`make bench`: the demo site's render times, then a large site's queries, render times, throughput, search and bytes.

    .venv/bin/python benchmarks/bench.py [--pages 10000] [--seconds 15] [--demo-only]

First the demo site (`load_demo_content`) on SQLite with DEBUG off, as a visitor of a fresh `make
run` would meet it and as it is compared with wagtail/bakerydemo: per page type, SQL queries,
render p50/p95 in-process with the page cache off, and the bytes a page takes in the page cache.
`--demo-only` stops there. Then the large site (default 10,000 pages; one guide of 100 questions;
one review with a 2,000-segment transcript), built in a fresh PostgreSQL database `hub_bench`
(BENCH_POSTGRES_URL): render times and queries in-process with the page cache off; throughput and
latency under load from `wrk` against the production server (`gunicorn`, 2 workers, Redis page
cache). The tables are printed and written, with the machine, versions and date, to
benchmarks/RESULTS.md.
"""

import argparse
import gzip
import io
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
BENCH_DB = "hub_bench_site"
RENDER_RUNS = 30
# The demo's pages are small and quick: more runs for a steady median.
DEMO_RENDER_RUNS = 200
SEARCH_QUERIES = ["migration", "review the tests", "postgres index lock", "how do you deploy", "zzzz-no-match"]


def fresh_postgres():
    import psycopg

    base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    with psycopg.connect(base.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")
    return base.rsplit("/", 1)[0] + f"/{BENCH_DB}"


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(p / 100 * len(values)) - 1))]


def measure_in_process(pages):
    """Child process: build the site, then per page type: queries, render p50/p95, bytes."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from benchmarks.sitegen import generate

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    generate(pages, log=lambda m: print(m, file=sys.stderr))
    print(f"built {pages} pages in {time.perf_counter() - started:.0f} s", file=sys.stderr)

    client = Client(HTTP_HOST="localhost")
    # The largest page of each type: the 100-question guide, the 2,000-segment review, full listings.
    samples = sample_urls()
    from guides.models import GuidePage
    from reviews.models import TalkReviewPage

    # sitegen's first guide has 100 questions and its first review the 2,000-segment transcript.
    samples["GuidePage"] = GuidePage.objects.get(title__startswith="Guide 0:").url
    samples["TalkReviewPage"] = TalkReviewPage.objects.get(title__startswith="Review 1:").url
    rows = {}
    for name, url in sorted(samples.items()):
        row, response = render_stats(client, url, RENDER_RUNS)
        css_js = sum(
            len(gzip.compress((ROOT / "static" / m).read_bytes()))
            for m in re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js))"', response.content.decode())
        )
        rows[name] = {**row, "html_gz": len(gzip.compress(response.content)), "css_js_gz": css_js}
    search = []
    for query in SEARCH_QUERIES:
        client.get("/search/", {"q": query})
        for _ in range(RENDER_RUNS // 2):
            t0 = time.perf_counter()
            client.get("/search/", {"q": query})
            search.append((time.perf_counter() - t0) * 1000)
    print(json.dumps({"pages": rows, "search": [statistics.median(search), percentile(search, 95)]}))


def sample_urls():
    """The first live page of each type, in page-tree order: {type name: URL}."""
    from wagtail.models import Page

    samples = {}
    for page in Page.objects.live().filter(depth__gte=2).specific().order_by("path").iterator():
        samples.setdefault(type(page).__name__, page.url)
    return samples


def render_stats(client, url, runs, before=lambda: None):
    """Queries, render p50/p95 and CPU p50 in ms over `runs` requests of `url` (warmed once first); a response.

    `before` runs ahead of each measured request, untimed.
    """
    from django.db import connection

    client.get(url)
    before()
    executed = []

    def count(execute, sql, *args):
        executed.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    timings, cpu = [], []
    for _ in range(runs):
        before()
        t0, c0 = time.perf_counter(), time.process_time()
        client.get(url)
        timings.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    row = {
        "url": url,
        "queries": len(executed),
        "p50": statistics.median(timings),
        "p95": percentile(timings, 95),
        # This process's CPU time (with SQLite, the database's work too): what a request costs on a
        # loaded machine, where the wall time also counts the wait for a core.
        "cpu_p50": statistics.median(cpu),
    }
    return row, response


def measure_demo():
    """Child process: the demo site on a fresh SQLite file, DEBUG off; per page type: queries, render, cache bytes."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client, override_settings

    from core.fragments import forget_fragments

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=io.StringIO())
    assert not settings.DEBUG and settings.PAGE_CACHE_SECONDS == 0
    client = Client(HTTP_HOST="localhost")
    rows = {}
    for name, url in sorted(sample_urls().items()):
        row, _ = render_stats(client, url, DEMO_RENDER_RUNS)
        # The same page just after a change: what it shows is read and rendered again (core/fragments.py).
        changed, _ = render_stats(client, url, DEMO_RENDER_RUNS, before=forget_fragments)
        row.update({f"changed_{key}": changed[key] for key in ("queries", "p50", "cpu_p50")})
        # What the page takes in the page cache: the pickled entry, as Redis or the file cache stores it
        # (local memory keeps the same pickled bytes).
        cache.clear()
        with override_settings(PAGE_CACHE_SECONDS=300):
            client.get(url)
        row["cache_bytes"] = sum(len(value) for key, value in cache._cache.items() if "pagecache:page:" in key)
        rows[name] = row
    print(json.dumps(rows))


def run_demo():
    """The demo measurements, in a child process on a throwaway SQLite database."""
    with tempfile.TemporaryDirectory(prefix="hub-bench-demo-") as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp}/demo.sqlite3",
            "MEDIA_ROOT": f"{tmp}/media",
            "DJANGO_SETTINGS_MODULE": "hubsite.settings.dev",
            "DEBUG": "false",
        }
        env.pop("REDIS_URL", None)
        child = subprocess.run(
            [sys.executable, __file__, "--child-demo"], env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True
        )
    return json.loads(child.stdout.strip().splitlines()[-1])


def report_demo(rows):
    lines = [
        f"## Demo site, run of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        "",
        f"Machine: {versions()}.",
        f"Site: `load_demo_content` on SQLite, DEBUG off, page cache off. Render times: {DEMO_RENDER_RUNS} requests",
        "each, in-process (Django's test client: routing, middleware, template); CPU: the process's CPU time",
        "per request (SQLite's work included), which a loaded machine does not inflate. Cache bytes: the",
        "page's pickled entry in the page cache (HTML, uncompressed, with its headers). *Kept*: what the page",
        "shows kept from an earlier render (core/fragments.py), as between changes; *after a change*: all of",
        "it read and rendered again, as on the first request after any page is published.",
        "",
        "| page type | URL | SQL queries kept / after a change | render p50 (ms) kept / after | "
        "render p95 kept (ms) | CPU p50 (ms) kept / after | page-cache entry (KB) |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, row in rows.items():
        lines.append(
            f"| {name} | `{row['url']}` | {row['queries']} / {row['changed_queries']} "
            f"| {row['p50']:.1f} / {row['changed_p50']:.1f} | {row['p95']:.1f} "
            f"| {row['cpu_p50']:.1f} / {row['changed_cpu_p50']:.1f} | {row['cache_bytes'] / 1024:.1f} |"
        )
    return "\n".join([*lines, ""])


def record(text):
    """Print `text` and put it at the top of benchmarks/RESULTS.md (newest run first)."""
    print(text)
    previous = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n\nNewest run first.\n\n"
    head, _, rest = previous.partition("## ")
    RESULTS.write_text(head + text + "\n" + ("## " + rest if rest else ""))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(database_url, cache_seconds):
    """Start the production server (gunicorn, 2 workers); returns (process, base_url)."""
    port = free_port()
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
    static_root = tempfile.mkdtemp(prefix="hub-bench-static-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hubsite.settings.production",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "PAGE_CACHE_SECONDS": str(cache_seconds),
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "STATIC_ROOT": static_root,
        "GUNICORN_WORKERS": "2",
        "LOG_LEVEL": "WARNING",
        "PORT": str(port),
    }
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    import redis

    redis.Redis.from_url(redis_url).flushdb()  # BENCH_REDIS_URL's database, no other
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    process = subprocess.Popen(
        [gunicorn, "hubsite.wsgi", "--config", "python:hubsite.gunicorn", "--access-logfile", "/dev/null"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz/", timeout=2)  # noqa: S310 - our own local server
            return process, base
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("the production server did not start")


def wrk(url, seconds, connections=50, headers=()):
    """(requests/s, p99 in ms, non-2xx/3xx responses) of `seconds` of wrk against `url` (2 threads)."""
    extra = [arg for header in headers for arg in ("-H", header)]
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", *extra, url], capture_output=True, text=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    factor = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, float(p99.group(1)) * factor, int(errors.group(1)) if errors else 0


# Concurrent connections for the load runs. By Little's law, 50 connections at 2,000 requests/s
# wait 25 ms on average, so a p99 under 20 ms needs fewer: both are measured.
CONNECTIONS = (16, 50)


def load(database_url, seconds):
    process, base = serve(database_url, cache_seconds=600)
    results = {}
    try:
        urllib.request.urlopen(base + "/")  # noqa: S310 - fill the page cache
        for connections in CONNECTIONS:
            results[f"page-cache hits, {connections} connections"] = wrk(base + "/", seconds, connections)
        for connections in CONNECTIONS:
            # A query string other than ?page= bypasses the page cache: the same page, rendered each time.
            results[f"uncached renders, {connections} connections"] = wrk(base + "/?uncached=1", seconds, connections)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    return results


def versions():
    import django
    import wagtail

    pg = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip()
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return (
        f"{platform.node()}: {os.cpu_count()} cores ({cpu}), Linux {platform.release()}; "
        f"Python {platform.python_version()}, Django {django.get_version()}, Wagtail {wagtail.__version__}, {pg}"
    )


def report(pages, measured, loaded):
    lines = [
        f"## Run of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        "",
        f"Machine: {versions()}.",
        f"Site: {pages} generated pages on PostgreSQL. Render times: {RENDER_RUNS} requests each, in-process,",
        "page cache off. Load: wrk, 2 threads, against gunicorn with 2 workers (`make serve` settings).",
        "",
        "| page type | SQL queries | render p50 (ms) | render p95 (ms) | HTML gz (B) | CSS+JS gz (B) |",
        "|---|---|---|---|---|---|",
    ]
    for name, row in measured["pages"].items():
        timing = f"{row['p50']:.1f} | {row['p95']:.1f}"
        lines.append(f"| {name} | {row['queries']} | {timing} | {row['html_gz']} | {row['css_js_gz']} |")
    lines += ["", "| under load (home page) | requests/s | p99 (ms) | non-2xx |", "|---|---|---|---|"]
    lines += [f"| {name} | {rps:.0f} | {p99:.1f} | {errors} |" for name, (rps, p99, errors) in loaded.items()]
    hits = loaded[f"page-cache hits, {CONNECTIONS[-1]} connections"][0]
    uncached = loaded[f"uncached renders, {CONNECTIONS[-1]} connections"][0]
    lines += [
        "",
        f"Cache hits vs uncached ({CONNECTIONS[-1]} connections): {hits / max(uncached, 1):.0f}x the throughput.",
        f"Search (through the view, {len(SEARCH_QUERIES)} queries): p50 {measured['search'][0]:.1f} ms, "
        f"p95 {measured['search'][1]:.1f} ms.",
        "",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=int(os.environ.get("BENCH_PAGES", 10_000)))
    parser.add_argument("--seconds", type=int, default=15, help="length of each wrk run")
    parser.add_argument("--demo-only", action="store_true", help="measure the demo site only")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child-demo", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return measure_in_process(args.pages)
    if args.child_demo:
        return measure_demo()
    record(report_demo(run_demo()))
    if args.demo_only:
        return
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    database_url = fresh_postgres()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "hubsite.settings.dev",
        "DEBUG": "false",
    }
    child = subprocess.run(
        [sys.executable, __file__, "--child", "--pages", str(args.pages)],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    measured = json.loads(child.stdout.strip().splitlines()[-1])
    loaded = load(database_url, args.seconds)
    record(report(args.pages, measured, loaded))


if __name__ == "__main__":
    main()
