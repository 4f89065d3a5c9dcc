"""No process serves a page after it changed: two app processes, a shared cache, changes made anywhere.

Each cache production can use (the shared file cache without REDIS_URL, and Redis) gets one pair of
gunicorn processes over one copy of the demo site. Every change is made by a third process (a
management command, as cron runs `publish_scheduled`) or through the admin of the first server, and
then neither server may serve the old page, nor its card in any listing, feed, topic page or the
sitemap. Before each change, both servers have cached all of them.

The database is a copy of the demo site (tests/services.py, ProductionSite): SQLite, or
PostgreSQL when the test run's DATABASE_URL is.
"""

import json
import os
import re
import uuid
from urllib.parse import urlsplit

import pytest
import requests
from bs4 import BeautifulSoup

from tests.services import (
    REDIS_URL,
    admin_session,
    drop_postgres_database,
    free_port,
    manage_in,
    port_open,
    require_service,
    start_server,
    stop_server,
    wait_until_healthy,
)

ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")
PATHS = {
    "private": "/articles/meeting-django-contributors/",
    "unpublished": "/videos/of-clouds-and-crows/",
    "moved": "/articles/getting-started-contributing-to-django/",
    "deleted": "/videos/privilege-arbitrage/",
    "expired": "/articles/professional-djangonaut-skills/",
    "republished": "/articles/migrations-and-your-database/",
}


# Both caches production can use, on the database this run tests (the file cache's sharing does not
# depend on the database, but whether a change is seen once its transaction commits does).
CACHES_TO_TEST = ["file cache", "redis"]


@pytest.fixture(scope="module", params=CACHES_TO_TEST)
def two_processes(request, production_site, tmp_path_factory):
    """Two gunicorn processes (one worker each, so each request's process is known) and a manage() for a third."""
    tmp = tmp_path_factory.mktemp("purge")
    label = "redis" if request.param == "redis" else "files"
    database = None
    if ON_POSTGRES:
        database, database_url = production_site.postgres_copy()
    else:
        database_url = production_site.sqlite_copy(label)
    env = production_site.env(DATABASE_URL=database_url, GUNICORN_WORKERS="1")
    if request.param == "redis":
        require_service("Redis at 127.0.0.1:6379", port_open("127.0.0.1", 6379))
        env.update(REDIS_URL=REDIS_URL, CACHE_KEY_PREFIX=f"purge-{uuid.uuid4().hex[:8]}")
    else:
        env["CACHE_DIR"] = str(tmp / "cache")  # the production default without REDIS_URL
    servers = []
    try:
        for name in ("a", "b"):
            port = free_port()
            log = tmp / f"{label}-{name}.log"
            servers.append((f"http://127.0.0.1:{port}", start_server(env, port, log), log))
        for base, process, log in servers:
            wait_until_healthy(base, process, log)
        yield [base for base, _, _ in servers], (lambda *args: manage_in(env, *args)), request.param
    finally:
        for _, process, _ in servers:
            stop_server(process)
        if database is not None:
            drop_postgres_database(database)


def get(base, path):
    return requests.get(f"{base}{path}", allow_redirects=False, timeout=20)


def listings_of(base, path):
    """Everywhere the page at `path` is listed: home, its parent, its topics and their feeds, feeds, sitemap."""
    html = BeautifulSoup(get(base, path).text, "html.parser")
    links = [urlsplit(a["href"]) for a in html.select("a[href*='/topics/']")]
    topics = {link.path for link in links if not link.netloc} - {"/topics/"}  # this site's, not the docs' pages
    slugs = [topic.strip("/").split("/")[-1] for topic in topics]
    parent = path.rstrip("/").rsplit("/", 1)[0] + "/"
    return [
        "/",
        parent,
        *sorted(topics),
        *(f"/feeds/topics/{slug}/{kind}.xml" for slug in slugs for kind in ("rss", "atom")),
        "/feeds/rss.xml",
        "/feeds/atom.xml",
        "/sitemap.xml",
    ]


def cache_everything(servers, urls):
    """Each server renders and stores every URL; returns what server A served."""
    served = {}
    for base in servers:
        for url in urls:
            response = get(base, url)
            assert response.status_code == 200, (base, url, response.status_code)
            assert response.headers.get("X-Page-Cache") in {"miss", "hit"}, (base, url)
            served[url] = response.text
    return served


def assert_listed(served, marker, path):
    listed = [url for url, text in served.items() if marker in text]
    # Its parent index at least (and the sitemap, which lists addresses only); topic pages and feeds
    # when the page has topics. Otherwise the checks after the change would prove nothing.
    expected = {path.rstrip("/").rsplit("/", 1)[0] + "/"} | ({"/sitemap.xml"} if marker == path else set())
    assert expected <= set(listed), listed
    return listed


def assert_gone_everywhere(servers, urls, marker):
    for base in servers:
        for url in urls:
            response = get(base, url)
            assert marker not in response.text, f"{base}{url} still shows {marker}"


def shell(manage, code):
    return manage("shell", "--no-imports", "-c", "from wagtail.models import Page, PageViewRestriction\n" + code)


def page_expr(path):
    return f"Page.objects.get(url_path='/home{path}')"


def test_no_process_serves_a_changed_page_or_its_card(two_processes):
    servers, manage, _cache = two_processes
    # Local media (no S3 bucket) is served by the app in production: the demo's picture loads.
    with_picture = get(servers[1], PATHS["moved"]).text
    pictures = BeautifulSoup(with_picture, "html.parser").select("img[src^='/media/']")
    assert pictures, "the demo article shows a picture"
    picture = get(servers[0], pictures[0]["src"])
    assert picture.status_code == 200 and picture.headers["Content-Type"].startswith("image/")
    ids = json.loads(
        shell(
            manage,
            "import json; print(json.dumps({p: Page.objects.get(url_path='/home' + p).pk for p in "
            + repr(list(PATHS.values()))
            + "}))",
        ).strip()
    )

    def scenario(path, change, marker=None, page_status=(302, 404)):
        marker = marker or path
        urls = listings_of(servers[0], path)
        served = cache_everything(servers, [path, *urls])
        listed = assert_listed(served, marker, path)
        change()
        for base in servers:
            response = get(base, path)
            if page_status:
                assert response.status_code in page_status, (base, path, response.status_code)
            else:
                assert response.status_code == 200 and marker not in response.text, (base, path)
        assert_gone_everywhere(servers, listed, marker)
        return listed

    # 1. Made private (a page view restriction), by another process.
    scenario(
        PATHS["private"],
        lambda: shell(
            manage, f"PageViewRestriction.objects.create(page={page_expr(PATHS['private'])}, restriction_type='login')"
        ),
    )

    # 2. Unpublished by a moderator through server A's admin: B must not serve it either.
    def unpublish_in_admin():
        admin = admin_session(servers[0])
        url = f"{servers[0]}/admin/pages/{ids[PATHS['unpublished']]}/unpublish/"
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', admin.get(url, timeout=20).text).group(1)
        done = admin.post(url, data={"csrfmiddlewaretoken": token}, allow_redirects=False, timeout=20)
        assert done.status_code == 302, done.text[:500]

    scenario(PATHS["unpublished"], unpublish_in_admin)

    # 3. Moved under another index: the old address redirects, the old listing forgets it.
    scenario(
        PATHS["moved"],
        lambda: shell(
            manage,
            "from articles.models import ArticleIndexPage\n"
            "home = Page.objects.get(url_path='/home/')\n"
            "archive = home.add_child(instance=ArticleIndexPage(title='Archive', slug='archive'))\n"
            "archive.save_revision().publish()\n"
            f"{page_expr(PATHS['moved'])}.specific.move(archive, pos='last-child')",
        ),
        page_status=(301,),
    )

    # 4. Deleted.
    scenario(PATHS["deleted"], lambda: shell(manage, f"{page_expr(PATHS['deleted'])}.specific.delete()"))

    # 5. Expired by publish_scheduled (cron's process).
    def expire():
        shell(
            manage,
            "from datetime import timedelta\nfrom django.utils import timezone\n"
            f"Page.objects.filter(pk={ids[PATHS['expired']]}).update(expire_at=timezone.now() - timedelta(minutes=1))",
        )
        assert PATHS["expired"] in manage("publish_scheduled")

    scenario(PATHS["expired"], expire, page_status=(404,))

    # 6. A change published from a management command: the new title everywhere, the old nowhere.
    old_title = "Django migrations and your database"
    listed = scenario(
        PATHS["republished"],
        lambda: shell(
            manage,
            f"page = {page_expr(PATHS['republished'])}.specific\n"
            "page.title = 'Migrations, retitled from a command'\npage.save_revision().publish()",
        ),
        marker=old_title,
        page_status=None,
    )
    for base in servers:
        assert "Migrations, retitled from a command" in get(base, PATHS["republished"]).text
        assert "Migrations, retitled from a command" in get(base, "/articles/").text
    assert "/articles/" in listed
