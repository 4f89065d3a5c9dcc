"""Load test of the production server: 50 visitors browsing and searching, cold then warm cache.

    .venv/bin/python benchmarks/load.py            # 2 × 5 minutes (LOAD_SECONDS=300)
    LOAD_SECONDS=60 LOAD_USERS=50 make loadtest    # shorter

Builds a throwaway PostgreSQL database (`hub_load`, dropped afterwards) with the demo content plus
LOAD_PAGES generated pages (benchmarks/sitegen.py), starts gunicorn with production settings (2
workers, Redis page cache on db 6 under a key prefix of its own) on 127.0.0.1, runs locust
headless against it with an empty cache and then with the cache it warmed, and reports requests,
5xx, p50/p95/p99 and each worker's RSS at the start and end of each phase. Everything it starts
is stopped; results are appended to benchmarks/out/load.md (copy them into RESULTS.md).
"""

import csv
import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg
import redis
import requests

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
BIN = Path(sys.executable).parent
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/6")
SECONDS = int(os.environ.get("LOAD_SECONDS", 300))
USERS = int(os.environ.get("LOAD_USERS", 50))
PAGES = int(os.environ.get("LOAD_PAGES", 300))
PORT = int(os.environ.get("LOAD_PORT", 8765))


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def workers(master):
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == master:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return sorted(found)


def memory(master):
    return {pid: round(rss_mb(pid), 1) for pid in workers(master)}


def run(args, env, timeout=1800):
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, args[:3]))} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return done.stdout


def phase(name, base, master, env):
    """One locust run; returns its figures."""
    prefix = OUT / f"load-{name}"
    before = memory(master)
    run(
        [BIN / "locust", "-f", "benchmarks/locustfile.py", "--headless", "-u", str(USERS),
         "-r", str(max(USERS // 5, 1)), "-t", f"{SECONDS}s", "--host", base, "--csv", str(prefix),
         "--only-summary", "--stop-timeout", "10"],
        env,
        timeout=SECONDS + 120,
    )  # fmt: skip
    after = memory(master)
    with open(f"{prefix}_stats.csv") as handle:
        total = next(row for row in csv.DictReader(handle) if row["Name"] == "Aggregated")
    fivexx = 0
    failures = Path(f"{prefix}_failures.csv")
    if failures.exists():
        with open(failures) as handle:
            for row in csv.DictReader(handle):
                if re.search(r"\b5\d\d\b", row["Error"]):
                    fivexx += int(row["Occurrences"])
    return {
        "phase": name,
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "5xx": fivexx,
        "rps": round(float(total["Requests/s"]), 1),
        "p50": int(float(total["50%"])),
        "p95": int(float(total["95%"])),
        "p99": int(float(total["99%"])),
        "rss_start": before,
        "rss_end": after,
    }


def main():
    OUT.mkdir(exist_ok=True)
    name = f"hub_load_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    database = POSTGRES.rsplit("/", 1)[0] + f"/{name}"
    prefix = f"load-{uuid.uuid4().hex[:8]}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "DJANGO_", "DATABASE_", "REDIS_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="hubsite.settings.production",
        SECRET_KEY=uuid.uuid4().hex * 2,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database,
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=prefix,
        STATIC_ROOT=str(OUT / "static"),
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        PAGE_CACHE_SECONDS="600",
        WEB_CONCURRENCY="2",
        LOG_LEVEL="WARNING",
        HOST="127.0.0.1",
        PORT=str(PORT),
    )
    server = None
    try:
        print(f"building {name}: migrate, demo content, {PAGES} generated pages, collectstatic", flush=True)
        run([sys.executable, "manage.py", "migrate", "--noinput"], env)
        code = f"from benchmarks.sitegen import generate; generate(pages={PAGES}, log=lambda *a: None)"
        run([sys.executable, "manage.py", "shell", "-c", code], env)
        run([sys.executable, "manage.py", "collectstatic", "--noinput"], env)
        log = open(OUT / "load-gunicorn.log", "wb")  # noqa: SIM115 - closed with the server
        server = subprocess.Popen(
            [BIN / "gunicorn", "hubsite.wsgi", "--config", "python:hubsite.gunicorn", "--access-logfile", "/dev/null"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        base = f"http://127.0.0.1:{PORT}"
        for _ in range(120):
            try:
                if requests.get(f"{base}/healthz/", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.5)
        else:
            raise SystemExit("server did not become healthy")
        results = [phase("cold", base, server.pid, env), phase("warm", base, server.pid, env)]
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        client = redis.Redis.from_url(REDIS_URL)
        keys = list(client.scan_iter(f"{prefix}:*", count=1000))
        for start in range(0, len(keys), 500):
            client.delete(*keys[start : start + 500])
        with psycopg.connect(POSTGRES, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    lines = [
        f"{USERS} users, {SECONDS} s per phase, {PAGES} generated pages + demo content, gunicorn 2 workers, "
        "PostgreSQL, Redis page cache",
        "",
        "| phase | requests | req/s | failures | 5xx | p50 ms | p95 ms | p99 ms | worker RSS start → end (MB) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        rss = "; ".join(f"{r['rss_start'].get(pid, '–')} → {r['rss_end'].get(pid, 'gone')}" for pid in r["rss_start"])
        lines.append(
            f"| {r['phase']} | {r['requests']} | {r['rps']} | {r['failures']} | {r['5xx']} | {r['p50']} | {r['p95']} "
            f"| {r['p99']} | {rss} |"
        )
    report = "\n".join(lines)
    print(report)
    (OUT / "load.md").write_text(report + "\n")
    (OUT / "load.json").write_text(json.dumps(results, indent=2))
    ok = all(r["5xx"] == 0 and r["p95"] <= 500 for r in results)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
