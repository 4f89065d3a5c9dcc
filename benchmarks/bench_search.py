"""Search on SQLite and on PostgreSQL: latency at scale (p50/p95 per query) and relevance (hit@1, hit@3, MRR).

    .venv/bin/python benchmarks/bench_search.py [--pages 10000] [--databases sqlite,postgres]
                                                [--reuse [--reindex]] [--no-relevance]

Each database is built fresh (a SQLite file under benchmarks/out/, or the PostgreSQL database
`hub_bench_search` on BENCH_POSTGRES_URL; BENCH_SEARCH_DB renames both): the relevance site
(tests/search/relevance_site.py), the seeds' long podcast transcript (../shared/seeds/002_*.txt,
when present) and `--pages` pages benchmarks/sitegen.py generates, all indexed. Then every query
is sent through the real search view (URL routing, search, passages, highlighting, template) and
the suggestions endpoint REPEAT times.
--reuse keeps a database an earlier run built (building 10,000 pages takes minutes); --reindex
indexes its pages again first (after a change to what is indexed).
Relevance, in the same database: relevance.yaml's queries and the short answers a long transcript
must not swamp (tests/search/relevance.py). The exit status is 1 when a floor is missed, as the
tests' would be.
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
    # Words the long transcript holds, scattered (issue 29), a typo corrected, a last word as a prefix.
    "first ticket for a new contributor",
    "mentorship program community",
    "rolback proces",
    "deploy rollb",
]
# What a visitor has typed so far when suggestions are asked for (the last two with slips).
SUGGEST_QUERIES = ["de", "migr", "how do you dep", "djan", "zzzz", "deplyment revi", "migratoin"]
# The hub's real 64 KB podcast transcript (issue 29), imported as an editor would, beside the generated pages.
LONG_TRANSCRIPT = next(iter(sorted((ROOT.parent / "shared" / "seeds").glob("002_*.txt"))), None)
REPEAT = 20
# Its own database names, so it never drops the one benchmarks/bench.py (hub_bench_site) is using.
BENCH_DB = os.environ.get("BENCH_SEARCH_DB", "hub_bench_search")


def database_url(name, reuse):
    """The URL of the benchmark database; (url, True) when `reuse` finds one already built."""
    if name == "sqlite":
        OUT.mkdir(exist_ok=True)
        path = OUT / f"{BENCH_DB}-{name}.sqlite3"
        if reuse and path.exists():
            return f"sqlite:///{path}", True
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}", False
    base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    import psycopg

    with psycopg.connect(base.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]).fetchone()
        if not (reuse and exists):
            conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {BENCH_DB}")
    return base.rsplit("/", 1)[0] + f"/{BENCH_DB}", bool(reuse and exists)


def run_one(database, pages, reuse, reindex=False, with_relevance=True):
    """Build and measure in a child process so each database gets fresh Django settings."""
    url, built = database_url(database, reuse)
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "hubsite.settings.dev"}
    env["DEBUG"] = "false"
    flags = (["--built"] if built else []) + (["--reindex"] if reindex else [])
    flags += [] if with_relevance else ["--no-relevance"]
    out = subprocess.run(
        [sys.executable, __file__, "--child", "--pages", str(pages), *flags],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    sys.stderr.write(out.stderr)
    out.check_returncode()
    return [line.split("\t") for line in out.stdout.strip().splitlines()]


def database_cpu_ns():
    """CPU time the database server has spent on this connection (0 for SQLite, which runs in-process)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0
    if not hasattr(connection, "_bench_backend_pid"):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            connection._bench_backend_pid = cursor.fetchone()[0]
    # The first field of schedstat: nanoseconds on a CPU (the server runs on this machine).
    with open(f"/proc/{connection._bench_backend_pid}/schedstat") as f:
        return int(f.read().split()[0])


def timed(client, path, query):
    """(wall p50, wall p95, CPU p50, CPU p95) in ms of REPEAT requests for `query` at `path`, after one
    to warm up. CPU is this process's plus the database server's for the request: what the request
    costs without the waiting a loaded machine adds, so close to its time on a quiet machine."""
    client.get(path, {"q": query})
    walls, cpus = [], []
    for _ in range(REPEAT):
        cpu0, db0, t0 = time.process_time_ns(), database_cpu_ns(), time.perf_counter()
        response = client.get(path, {"q": query})
        walls.append((time.perf_counter() - t0) * 1000)
        cpus.append((time.process_time_ns() - cpu0 + database_cpu_ns() - db0) / 1e6)
        assert response.status_code == 200

    def p50_p95(values):
        values = sorted(values)
        return statistics.median(values), values[int(len(values) * 0.95) - 1]

    return *p50_p95(walls), *p50_p95(cpus)


def child(pages, built, reindex, with_relevance):
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from benchmarks.sitegen import generate
    from tests.search import relevance, relevance_site

    started = time.perf_counter()
    if not built:
        call_command("migrate", verbosity=0)
        relevance_site.build()
        if LONG_TRANSCRIPT is None:
            print("  (no long transcript seed: generated pages only)", file=sys.stderr)
        else:
            from django.contrib.auth import get_user_model

            # Imports are made as a user (the command's rule): the bench's own superuser.
            get_user_model().objects.create_superuser("bench", "bench@example.com", None)
            relevance.import_long_transcript(LONG_TRANSCRIPT)
        generate(pages, log=lambda m: print(m, file=sys.stderr), demo=False)
        print(f"  built and indexed {pages} pages in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    elif reindex:
        # After a change to what is indexed: the same pages, indexed again.
        call_command("migrate", verbosity=0)
        call_command("update_index", stdout=open(os.devnull, "w"))  # noqa: SIM115
        call_command("rebuild_suggestions", stdout=open(os.devnull, "w"))  # noqa: SIM115
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        print(f"  indexed {pages} pages again in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    client = Client(HTTP_HOST="localhost")
    for kind, path, queries in (("search", "/search/", QUERIES), ("suggest", "/search/suggest/", SUGGEST_QUERIES)):
        for query in queries:
            print(kind, query, *(f"{ms:.1f}" for ms in timed(client, path, query)), sep="\t")
    if with_relevance:
        try:
            outcomes = relevance.evaluate(client)
        except LookupError as missing:
            sys.exit(f"{missing}: this database was built without the relevance site; run without --reuse")
        for outcome in outcomes:
            if not outcome.rank or outcome.rank > 1 or outcome.passage_linked is False:
                print(f"  {outcome.describe()}", file=sys.stderr)
        scores = relevance.scores(outcomes)
        misses = relevance.short_answer_misses(client) if LONG_TRANSCRIPT else []
        print("relevance", scores, int(scores.keeps_floors), sep="\t")
        for miss in misses:
            print("short-answer-missed", miss, sep="\t")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--reuse", action="store_true", help="measure a database an earlier run built")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--built", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--reindex", action="store_true", help="with --reuse: index the pages again first")
    parser.add_argument("--no-relevance", action="store_true", help="skip relevance.yaml's hit@1, hit@3 and MRR")
    args = parser.parse_args()
    if args.child:
        return child(args.pages, args.built, args.reindex, not args.no_relevance)
    results = {
        db: run_one(db, args.pages, args.reuse, args.reindex, not args.no_relevance) for db in args.databases.split(",")
    }
    print(f"\nLoad average while measuring (1, 5, 15 min): {os.getloadavg()} on {os.cpu_count()} CPUs")
    for kind, title in (("search", "Search through the view"), ("suggest", "Suggestions (JSON)")):
        print(f"\n{title}, {args.pages} pages, {REPEAT} requests a query (ms; CPU = app + database server)\n")
        print("| query | " + " | ".join(f"{db} p50 | {db} p95 | {db} CPU p50 | {db} CPU p95" for db in results) + " |")
        print("|" + "---|" * (1 + 4 * len(results)))
        rows = {db: [row for row in db_rows if row[0] == kind] for db, db_rows in results.items()}
        for i, row in enumerate(next(iter(rows.values()))):
            cells = " | ".join(" | ".join(db_rows[i][2:6]) for db_rows in rows.values())
            print(f"| `{row[1]}` | {cells} |")
        for db, db_rows in rows.items():
            worst = max(float(r[3]) for r in db_rows), max(float(r[5]) for r in db_rows)
            print(f"\n{db}: worst {kind} p95 {worst[0]:.1f} ms (CPU {worst[1]:.1f} ms)")
    if args.no_relevance:
        return 0
    print(f"\nRelevance among {args.pages} generated pages and the long transcript (tests/search/relevance.yaml,")
    print("with the floors and short answers of tests/search/relevance.py)\n")
    failed = False
    for db, db_rows in results.items():
        for row in db_rows:
            if row[0] == "relevance":
                print(f"{db}: {row[1]}" + ("" if row[2] == "1" else " — BELOW THE FLOORS"))
                failed |= row[2] != "1"
            elif row[0] == "short-answer-missed":
                print(f"{db}: short answer missed: {row[1]}")
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
