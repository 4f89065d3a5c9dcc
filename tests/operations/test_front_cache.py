"""Varnish in front of the app, with the configuration in deploy/varnish/: what it keeps, and that no purge is lost.

One varnishd and one production gunicorn (2 workers, a Redis of the module's own as the page cache) for
the module (tests/services.py, `front_cache_deployment`). Every change is made by another process (a
management command, as cron and imports run) or through the admin via Varnish; afterwards no anonymous
request through Varnish, nor straight to the app, may get the old page or its card anywhere. Each
kind of outage (Redis hung, Redis down and back with its old data, Varnish down, Varnish hung) happens
during a change, and the change must still never be served stale once it has committed and the app
has looked at the purge journal (at most PURGE_JOURNAL_CHECK_SECONDS later).
"""

import http.client
import json
import sqlite3
import time
from urllib.parse import urlsplit

import psycopg
import requests

from tests.operations.test_purge_across_processes import listings_of
from tests.services import FRONT_CACHE_CHECK_SECONDS, admin_session


def get(base, path, session=None, **headers):
    return (session or requests).get(f"{base}{path}", headers=headers, allow_redirects=False, timeout=20)


def shell(deployment, code):
    return deployment.manage(
        "shell", "--no-imports", "-c", "import json\nfrom wagtail.models import Page, PageViewRestriction\n" + code
    )


def page_expr(path):
    return f"Page.objects.get(url_path='/home{path}')"


def query(deployment, sql, *params):
    """Rows of `sql` in the app's database (SQLite or PostgreSQL), read here rather than by another process."""
    url = deployment.env["DATABASE_URL"]
    if url.startswith("sqlite"):
        with sqlite3.connect(urlsplit(url).path) as conn:
            return conn.execute(sql, params).fetchall()
    with psycopg.connect(url.replace("postgres://", "postgresql://")) as conn:
        return conn.execute(sql.replace("?", "%s"), params).fetchall()


def page_ids(deployment, *paths):
    return {path: query(deployment, "SELECT id FROM wagtailcore_page WHERE url_path = ?", f"/home{path}")[0][0]
            for path in paths}  # fmt: skip


def pending_purges(deployment):
    """The app's purge journal: [(owed to the page cache, paths), …]."""
    rows = query(deployment, "SELECT page_cache, exact_paths, tree_paths FROM operations_pendingpurge ORDER BY id")
    decode = lambda value: json.loads(value) if isinstance(value, str) else value  # noqa: E731 (SQLite: text)
    return [(bool(cache), decode(exact) + decode(trees)) for cache, exact, trees in rows]


def warm(deployment, urls):
    """Every URL kept by Varnish and by the app's page cache; what Varnish served, by URL."""
    served = {}
    for url in urls:
        get(deployment.varnish.base, url)
        response = get(deployment.varnish.base, url)
        assert response.status_code == 200 and response.headers["X-Cache"] == "hit", (url, response.headers)
        get(deployment.app, url)  # stored for the app's own host name too
        assert get(deployment.app, url).headers.get("X-Page-Cache") == "hit", url
        served[url] = response.text
    return served


def urls_showing(deployment, path, extra=()):
    """The page, its Markdown, every listing that shows it, their Markdown, /llms.txt and the API."""
    listings = listings_of(deployment.varnish.base, path)
    markdown = [url.rstrip("/") + ".md" for url in listings if url.endswith("/") and url != "/"]
    return [path, path.rstrip("/") + ".md", *listings, *markdown, "/index.html.md", "/llms.txt", *extra]


def assert_never_served(deployment, urls, marker, page=None, page_status=(302, 404)):
    """Neither Varnish nor the app serves `marker` at any of `urls`; the page itself answers `page_status`."""
    for base in (deployment.varnish.base, deployment.app):
        for url in urls:
            response = get(base, url)
            assert marker not in response.text, f"{base}{url} ({response.headers.get('X-Cache')}) still shows {marker}"
            if url == page and page_status:
                assert response.status_code in page_status, (base, url, response.status_code)


# What Varnish keeps, and what it never does.

ARTICLE = "/articles/questions-to-ask-a-django-company/"


def test_varnish_keeps_anonymous_pages_by_format_and_passes_everything_personal(front_cache_deployment):
    deployment = front_cache_deployment
    varnish = deployment.varnish.base
    first, second = get(varnish, ARTICLE), get(varnish, ARTICLE)
    assert first.status_code == 200 and first.headers["X-Cache"] == "miss"
    assert second.headers["X-Cache"] == "hit" and second.text == first.text
    # What the app marks as shareable, for as long as its own page cache keeps it.
    assert second.headers["Cache-Control"] == "max-age=0, s-maxage=600"
    assert "Accept" in second.headers["Vary"]

    # HTML and Markdown of one address are two copies (Vary: Accept), each served to those who asked.
    markdown = [get(varnish, ARTICLE, Accept="text/markdown") for _ in range(2)]
    assert [response.headers["X-Cache"] for response in markdown] == ["miss", "hit"]
    assert markdown[1].headers["Content-Type"].startswith("text/markdown") and markdown[1].text.startswith("---")
    assert get(varnish, ARTICLE).headers["Content-Type"].startswith("text/html")

    # Analytics cookies are dropped; a session, a CSRF token or any other cookie passes to the app.
    assert get(varnish, ARTICLE, Cookie="_ga=GA1.2.3.4; _gid=GA1.2.5.6").headers["X-Cache"] == "hit"
    for cookie in ("sessionid=x", "csrftoken=x", "_ga=GA1.2.3.4; sessionid=x", "messages=x"):
        assert get(varnish, ARTICLE, Cookie=cookie).headers["X-Cache"] == "pass", cookie
    # Query strings the page cache does not keep are never kept.
    for _ in range(2):
        assert get(varnish, f"{ARTICLE}?utm_source=feed").headers["X-Cache"] == "pass"
    for _ in range(2):
        assert get(varnish, "/healthz/").headers["X-Cache"] == "pass"

    # An editor logs in through Varnish and sees the page as editors do; visitors never see that copy.
    editor = admin_session(varnish)
    (article_id,) = page_ids(deployment, ARTICLE).values()
    for url in (ARTICLE, "/admin/", f"/admin/pages/{article_id}/view_draft/"):
        for _ in range(2):
            response = get(varnish, url, session=editor)
            assert response.status_code == 200 and response.headers["X-Cache"] == "pass", url
    assert "wagtail-userbar" in get(varnish, ARTICLE, session=editor).text
    anonymous = get(varnish, ARTICLE)
    assert anonymous.headers["X-Cache"] == "hit" and "wagtail-userbar" not in anonymous.text

    # A share link shows the draft to a reviewer, every time from the app; the live page stays live.
    token = shell(
        deployment,
        f"from sharing.models import ShareLink\npage = {page_expr(ARTICLE)}.specific\n"
        "page.title = 'A draft for reviewers only'\npage.save_revision()\n"
        "print(ShareLink.objects.create(page=page).token)",
    ).strip()
    for _ in range(2):
        shared = get(varnish, f"/share/{token}/")
        assert shared.status_code == 200 and shared.headers["X-Cache"] == "pass"
        assert "A draft for reviewers only" in shared.text
    live = get(varnish, ARTICLE)
    assert live.headers["X-Cache"] == "hit" and "A draft for reviewers only" not in live.text


def purge_from(address, port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(address, 0))
    try:
        connection.request("PURGE", path, headers={"Host": "localhost"})
        return connection.getresponse().status
    finally:
        connection.close()


def test_only_the_apps_addresses_may_purge(front_cache_deployment):
    varnish = front_cache_deployment.varnish
    path = "/guides/career/"
    get(varnish.base, path)
    assert get(varnish.base, path).headers["X-Cache"] == "hit"
    # 127.0.0.2 is this machine too, but not in the configuration's `purgers`.
    for target in (path, f"{path}*", "/*"):
        assert purge_from("127.0.0.2", varnish.port, target) == 405
    assert get(varnish.base, path).headers["X-Cache"] == "hit"
    assert purge_from("127.0.0.1", varnish.port, "/guides/(career/") == 400  # not a plain path
    assert purge_from("127.0.0.1", varnish.port, path) == 200
    assert get(varnish.base, path).headers["X-Cache"] == "miss"


# Every change reaches Varnish at once.

CHANGED = {
    "private": "/articles/meeting-django-contributors/",
    "unpublished": "/videos/of-clouds-and-crows/",
    "moved": "/articles/getting-started-contributing-to-django/",
    "deleted": "/videos/privilege-arbitrage/",
    "expired": "/articles/professional-djangonaut-skills/",
    "republished": "/articles/migrations-and-your-database/",
    "imported": "/articles/informal-django-roadmap-ideas-for-2024/",
}
OLD_TITLES = {"republished": "Django migrations and your database", "imported": "Informal Django Roadmap Ideas"}
IMPORTED_POST = """---
title: "Roadmap ideas, imported again"
date: 2023-12-11
slug: informal-django-roadmap-ideas-for-2024
summary: The roadmap, as a post imported from a static site.
---

Imported from a Hugo site.
"""


def test_every_change_reaches_varnish_at_once(front_cache_deployment, tmp_path):
    deployment = front_cache_deployment
    ids = page_ids(deployment, *CHANGED.values())
    urls, markers = {}, {}
    for kind, path in CHANGED.items():
        markers[kind] = OLD_TITLES.get(kind, path.rstrip("/"))  # the path also matches its .md and API forms
        urls[kind] = urls_showing(deployment, path, extra=[f"/api/v2/pages/{ids[path]}/", "/api/v2/pages/"])
    served = warm(deployment, sorted({url for kind_urls in urls.values() for url in kind_urls}))
    for kind, marker in markers.items():
        listed = {url for url in urls[kind] if marker in served[url]}
        # On its parent's listing and in the API at least, or the checks below would prove nothing.
        parent = CHANGED[kind].rstrip("/").rsplit("/", 1)[0] + "/"
        assert {parent, f"/api/v2/pages/{ids[CHANGED[kind]]}/"} <= listed, (kind, listed)

    # Unpublished by a moderator in the admin, through Varnish.
    editor = admin_session(deployment.varnish.base)
    url = f"{deployment.varnish.base}/admin/pages/{ids[CHANGED['unpublished']]}/unpublish/"
    form = editor.get(url, timeout=20).text
    token = form.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    assert editor.post(url, data={"csrfmiddlewaretoken": token}, allow_redirects=False, timeout=20).status_code == 302
    # The rest by commands, as cron and imports run them.
    post = tmp_path / "roadmap.md"
    post.write_text(IMPORTED_POST)
    output = shell(
        deployment,
        f"PageViewRestriction.objects.create(page={page_expr(CHANGED['private'])}, restriction_type='login')\n"
        "from articles.models import ArticleIndexPage\n"
        "home = Page.objects.get(url_path='/home/')\n"
        "archive = home.add_child(instance=ArticleIndexPage(title='Archive', slug='archive'))\n"
        "archive.save_revision().publish()\n"
        f"{page_expr(CHANGED['moved'])}.specific.move(archive, pos='last-child')\n"
        f"{page_expr(CHANGED['deleted'])}.specific.delete()\n"
        f"page = {page_expr(CHANGED['republished'])}.specific\n"
        "page.title = 'Migrations, retitled from a command'\npage.save_revision().publish()\n"
        "from datetime import timedelta\nfrom django.utils import timezone\n"
        f"Page.objects.filter(pk={ids[CHANGED['expired']]}).update(expire_at=timezone.now() - timedelta(minutes=1))\n"
        # The commands cron and editors run, in this process to spare starting one each.
        "from django.core.management import call_command\n"
        "call_command('publish_scheduled')\n"
        f"call_command('import_articles', '--publish', '--parent', '/articles/', {str(post)!r})",
    )
    assert f"Unpublished “Professional Djangonaut skills” (http://localhost{CHANGED['expired']})" in output

    statuses = {"moved": (301,), "expired": (404,), "republished": (200,), "imported": (200,)}
    for kind, path in CHANGED.items():
        assert_never_served(
            deployment, urls[kind], markers[kind], page=path, page_status=statuses.get(kind, (302, 404))
        )
    for base in (deployment.varnish.base, deployment.app):
        assert "Migrations, retitled from a command" in get(base, "/articles/").text
        assert "Roadmap ideas, imported again" in get(base, "/articles/").text
        assert "Roadmap ideas, imported again" in get(base, "/llms.txt").text
        assert get(base, "/archive/getting-started-contributing-to-django/").status_code == 200
    assert pending_purges(deployment) == []


# No purge is lost: a cache unreachable during the change.


def outage_scenario(deployment, path, change, outage, recovery, marker=None, page_status=(302, 404)):
    """Warm `path` and its listings, make the change during the outage, recover; nothing old is served."""
    urls = urls_showing(deployment, path)
    marker = marker or path.rstrip("/")
    served = warm(deployment, urls)
    assert path.rsplit("/", 2)[0] + "/" in {url for url in urls if marker in served[url]}
    outage()
    shell(deployment, change)
    owed = pending_purges(deployment)
    assert owed, "the cache that could not be reached is still owed the purge"
    recovery()
    time.sleep(FRONT_CACHE_CHECK_SECONDS)  # the most a process waits before it reads the journal again
    assert_never_served(deployment, urls, marker, page=path, page_status=page_status)
    return owed


def test_a_page_made_private_while_redis_hangs_is_never_served_afterwards(front_cache_deployment):
    deployment = front_cache_deployment
    path = "/videos/easy-breezy-beautiful-django-unit-tests/"
    owed = outage_scenario(
        deployment,
        path,
        f"PageViewRestriction.objects.create(page={page_expr(path)}, restriction_type='login')",
        outage=deployment.redis.pause,  # accepts connections, answers nothing
        recovery=deployment.redis.resume,
    )
    assert [page_cache for page_cache, _paths in owed] == [True]  # Varnish had it; the page cache did not
    assert pending_purges(deployment) == []


def test_a_page_unpublished_while_redis_is_down_is_never_served_when_it_comes_back_with_old_data(
    front_cache_deployment,
):
    deployment = front_cache_deployment
    path = "/videos/django-needs-you-to-do-code-review/"
    redis = deployment.redis

    def down():
        redis.save()  # what it comes back with: the cached page and the version tokens from before
        redis.stop()

    outage_scenario(
        deployment, path, f"{page_expr(path)}.specific.unpublish()", outage=down, recovery=lambda: redis.start().wait()
    )
    assert pending_purges(deployment) == []


RETITLE = "page = {page}.specific\npage.title = 'Retitled while the cache was away'\npage.save_revision().publish()"


def test_a_page_changed_while_varnish_is_down_is_never_served_old(front_cache_deployment):
    deployment = front_cache_deployment
    path = "/videos/why-generosity-turns-to-rage/"
    varnish = deployment.varnish
    owed = outage_scenario(
        deployment,
        path,
        RETITLE.format(page=page_expr(path)),
        outage=varnish.stop,
        recovery=lambda: varnish.start().wait(),
        marker="Why generosity turns to rage, and what to do about it | Lunch Talk",
        page_status=(200,),
    )
    assert [page_cache for page_cache, _paths in owed] == [False]  # the page cache had it; Varnish did not
    wait_until_the_journal_is_replayed(deployment)


def wait_until_the_journal_is_replayed(deployment, deadline=30):
    """Varnish's probe reaches the app every 2 s; each time, the app may replay the journal."""
    stop = time.monotonic() + deadline
    while pending_purges(deployment) and time.monotonic() < stop:
        time.sleep(0.2)
    assert pending_purges(deployment) == []


def test_a_page_unpublished_while_varnish_hangs_is_purged_when_it_answers_again(front_cache_deployment):
    """A Varnish that hangs keeps its copies: its probe brings the replay within seconds of its return."""
    deployment = front_cache_deployment
    path = "/guides/feature-requests/"
    varnish = deployment.varnish
    urls = urls_showing(deployment, path)
    warm(deployment, urls)
    varnish.pause()
    shell(deployment, f"{page_expr(path)}.specific.unpublish()")
    assert [page_cache for page_cache, _paths in pending_purges(deployment)] == [False]
    varnish.resume()
    wait_until_the_journal_is_replayed(deployment)
    assert_never_served(deployment, urls, path.rstrip("/"), page=path)
