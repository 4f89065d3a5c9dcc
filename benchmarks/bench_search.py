"""Search latency on a generated site: p50/p95 per query, on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/bench_search.py [--pages 10000] [--databases sqlite,postgres] [--reuse]

Each database is built fresh (a SQLite file under benchmarks/out/, or the PostgreSQL database
`hub_bench` on BENCH_POSTGRES_URL), filled by benchmarks/sitegen.py, indexed, then every query is
sent through the real search view (URL routing, search, highlighting, template) REPEAT times.
--reuse keeps a database an earlier run built (building 10,000 pages takes minutes).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
QUERIES = [
    "migration",
    "review the tests",
    "postgres index lock",
    "how do you deploy",
    "accessibility heading keyboard",
    "zzzz-no-match",
    "django",
    "cache session cookie token",
]
REPEAT = 20


def database_url(name, reuse):
    """The URL of the benchmark database; (url, True) when `reuse` finds one already built."""
    if name == "sqlite":
        OUT.mkdir(exist_ok=True)
        path = OUT / f"bench-search-{name}.sqlite3"
        if reuse and path.exists():
            return f"sqlite:///{path}", True
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}", False
    base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    import psycopg

    with psycopg.connect(base.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = 'hub_bench'").fetchone()
        if not (reuse and exists):
            conn.execute("DROP DATABASE IF EXISTS hub_bench WITH (FORCE)")
            conn.execute("CREATE DATABASE hub_bench")
    return base.rsplit("/", 1)[0] + "/hub_bench", bool(reuse and exists)


def run_one(database, pages, reuse):
    """Build and measure in a child process so each database gets fresh Django settings."""
    url, built = database_url(database, reuse)
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "hubsite.settings.dev"}
    env["DEBUG"] = "false"
    out = subprocess.run(
        [sys.executable, __file__, "--child", "--pages", str(pages)] + (["--built"] if built else []),
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    sys.stderr.write(out.stderr)
    return [line.split("\t") for line in out.stdout.strip().splitlines()]


def child(pages, built):
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from benchmarks.sitegen import generate

    if not built:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        generate(pages, log=lambda m: print(m, file=sys.stderr))
        print(f"  built and indexed {pages} pages in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    client = Client(HTTP_HOST="localhost")
    for query in QUERIES:
        client.get("/search/", {"q": query})  # warm up
        timings = []
        for _ in range(REPEAT):
            t0 = time.perf_counter()
            response = client.get("/search/", {"q": query})
            timings.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"{query}\t{statistics.median(timings):.1f}\t{p95:.1f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--reuse", action="store_true", help="measure a database an earlier run built")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--built", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.pages, args.built)
    results = {db: run_one(db, args.pages, args.reuse) for db in args.databases.split(",")}
    print(f"\nSearch latency through the view, {args.pages} pages, {REPEAT} runs a query (ms)\n")
    header = "| query | " + " | ".join(f"{db} p50 | {db} p95" for db in results) + " |"
    print(header)
    print("|" + "---|" * (1 + 2 * len(results)))
    for i, query in enumerate(QUERIES):
        cells = " | ".join(f"{rows[i][1]} | {rows[i][2]}" for rows in results.values())
        print(f"| `{query}` | {cells} |")
    for db, rows in results.items():
        all_p95 = max(float(r[2]) for r in rows)
        print(f"\n{db}: worst p95 {all_p95:.1f} ms")


if __name__ == "__main__":
    main()
