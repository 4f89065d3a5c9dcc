"""`make bench`, the front cache: cached hits through Varnish beside nginx serving the same page from disk.

    .venv/bin/python benchmarks/bench_front_cache.py [--seconds 10]

Builds the demo site (SQLite, in a temporary directory) and serves it as benchmarks/bench.py does
(production settings, gunicorn with 2 workers, the Redis page cache), with varnishd in front
(deploy/varnish/, started as tests/services.py starts it) and nginx serving the home page, the bytes
the app sent, from disk (with a configuration of its own in the temporary directory). wrk runs against
each in turn on 127.0.0.1, 16 and 50 connections, `Accept-Encoding: gzip` as browsers send; the table
and the ratio of Varnish's rate to nginx's go to benchmarks/RESULTS.md.
"""

import argparse
import gzip
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench import CONNECTIONS, free_port, record, serve, versions, wrk  # noqa: E402
from tests.services import VARNISHD, Varnish, port_open  # noqa: E402

NGINX = shutil.which("nginx", path=f"{os.environ.get('PATH', '')}:/usr/sbin")
GZIP = "Accept-Encoding: gzip"
# Issue 25: Varnish's hits at half nginx's rate for a static file or better.
GOAL = 0.5

NGINX_CONFIG = """
daemon off;
worker_processes 2;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/tmp; proxy_temp_path {dir}/tmp; fastcgi_temp_path {dir}/tmp;
    uwsgi_temp_path {dir}/tmp; scgi_temp_path {dir}/tmp;
    default_type text/html;
    # The gzipped page as the app sent it, to clients that accept gzip (all of wrk's requests).
    gzip_static on;
    # Connections kept open as long as Varnish keeps them (nginx closes one every 1,000 requests).
    keepalive_requests 1000000;
    server {{
        listen 127.0.0.1:{port};
        root {dir}/www;
        index index.html;
    }}
}}
"""


def fetch(url):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})  # noqa: S310 - http on 127.0.0.1
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - our own local servers
        return response.headers, response.read()


def build_demo(directory):
    """The demo site in a new SQLite file: its DATABASE_URL."""
    url = f"sqlite:///{directory / 'demo.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "hubsite.settings.dev"}
    for command in (["migrate", "--noinput"], ["load_demo_content"]):
        subprocess.run(
            [sys.executable, "manage.py", *command, "-v0"], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL
        )
    return url


def start_nginx(directory, gzipped, plain):
    """nginx serving `plain` (and `gzipped` beside it) as /; (process, URL)."""
    www = directory / "www"
    www.mkdir(parents=True)
    (directory / "tmp").mkdir()
    (www / "index.html").write_bytes(plain)
    (www / "index.html.gz").write_bytes(gzipped)
    # nginx's workers may run as another user (nobody when started by root): let them read the page.
    for path in (directory, www, www / "index.html", www / "index.html.gz"):
        path.chmod(0o755)
    port = free_port()
    config = directory / "nginx.conf"
    config.write_text(NGINX_CONFIG.format(dir=directory, port=port))
    process = subprocess.Popen(
        [NGINX, "-p", str(directory), "-c", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(100):
        if port_open("127.0.0.1", port):
            return process, f"http://127.0.0.1:{port}/"
        time.sleep(0.1)
    process.kill()
    raise SystemExit(f"nginx did not start: {(directory / 'nginx-error.log').read_text()}")


def server_versions():
    nginx = subprocess.run([NGINX, "-v"], capture_output=True, text=True).stderr.strip().split("/")[-1]
    varnish = subprocess.run([VARNISHD, "-V"], capture_output=True, text=True).stderr.split()[1].strip("(")
    return f"nginx {nginx}, {varnish}"


def report(seconds, loaded, sizes, load_before):
    load_after = os.getloadavg()
    lines = [
        f"## Front cache (issue 25), run of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        "",
        f"Machine: {versions()}; {server_versions()}. Load average (1 min) {load_before:.1f} before the runs, "
        f"{load_after[0]:.1f} after.",
        f"The demo site's home page, cached, {sizes['gzip']} bytes gzipped ({sizes['plain']} plain) with "
        f"{sizes['headers_varnish']} bytes of headers from Varnish, {sizes['headers_nginx']} from nginx. wrk, 2 "
        f"threads, {seconds} s a run, `{GZIP}`, on the same 2 cores as the servers; the runs in the order listed.",
        "",
        "| server | connections | requests/s | p99 (ms) | non-2xx |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {name} | {connections} | {rps:.0f} | {p99:.1f} | {errors} |"
        for (name, connections), (rps, p99, errors) in loaded.items()
    ]
    lines.append("")
    for connections in CONNECTIONS:
        ratio = loaded[("Varnish, hits", connections)][0] / loaded[("nginx, the file from disk", connections)][0]
        gunicorn = loaded[("gunicorn, page-cache hits", connections)][0]
        verdict = "met" if ratio >= GOAL else "**missed**"
        lines.append(
            f"- {connections} connections: Varnish at {ratio:.0%} of nginx's rate (goal ≥ {GOAL:.0%}: {verdict}); "
            f"{loaded[('Varnish, hits', connections)][0] / gunicorn:.1f}× gunicorn's page-cache hits."
        )
    lines.append("")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    args = parser.parse_args()
    for name, found in (("wrk", shutil.which("wrk")), ("varnishd", VARNISHD), ("nginx", NGINX)):
        if not found:
            raise SystemExit(f"{name} is not installed: apt-get install wrk varnish nginx-light")
    directory = Path(tempfile.mkdtemp(prefix="hub-bench-front-"))
    directory.chmod(0o755)  # nginx's workers read below it
    os.environ["MEDIA_ROOT"] = str(directory / "media")  # the demo's pictures, not the checkout's media/
    processes = []
    try:
        print("building the demo site", file=sys.stderr)
        app, app_base = serve(build_demo(directory), cache_seconds=600)
        processes.append(app)
        (directory / "varnish").mkdir()
        varnish = Varnish(directory / "varnish", int(app_base.rsplit(":", 1)[1])).start().wait()
        processes.append(varnish.process)
        fetch(f"{varnish.base}/")
        headers, gzipped = fetch(f"{varnish.base}/")
        assert headers["X-Cache"] == "hit" and headers["Content-Encoding"] == "gzip", dict(headers)
        fetch(f"{app_base}/")  # the page cache keys by host: stored again for the app's own address
        app_headers, _ = fetch(f"{app_base}/")
        assert app_headers["X-Page-Cache"] == "hit", dict(app_headers)
        nginx, nginx_url = start_nginx(directory / "nginx", gzipped, gzip.decompress(gzipped))
        processes.append(nginx)
        nginx_headers, served = fetch(nginx_url)
        assert served == gzipped and nginx_headers["Content-Encoding"] == "gzip", dict(nginx_headers)
        sizes = {
            "gzip": len(gzipped),
            "plain": len(gzip.decompress(gzipped)),
            "headers_varnish": len(str(headers)),
            "headers_nginx": len(str(nginx_headers)),
        }
        targets = {
            "nginx, the file from disk": nginx_url,
            "Varnish, hits": f"{varnish.base}/",
            "gunicorn, page-cache hits": f"{app_base}/",
        }
        load_before = os.getloadavg()[0]
        loaded = {}
        for connections in CONNECTIONS:
            for name, url in targets.items():
                print(f"wrk: {name}, {connections} connections", file=sys.stderr)
                loaded[(name, connections)] = wrk(url, args.seconds, connections, headers=[GZIP])
        text = report(args.seconds, loaded, sizes, load_before)
        print(text)
        record(text)
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
