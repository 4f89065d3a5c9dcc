"""The full-page cache: anonymous visitors get cached pages; every change an editor makes is visible at once."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.urls import reverse

from operations.page_cache import CACHE_ALIAS, HIT_HEADER, PageCacheMiddleware
from tests import factories
from tests.services import PRODUCTION_ENV, settings_in_subprocess

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["locmem", "redis"])
def page_cache(request, settings):
    """The page cache switched on, over local memory and over the shared Redis (db 5)."""
    if request.param == "redis":
        request.getfixturevalue("redis_cache")
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (where purges happen) as a real commit would."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def status(response):
    return response.get(HIT_HEADER)


def warm(client, *urls):
    for url in urls:
        assert client.get(url).status_code == 200, url
        assert status(client.get(url)) == "hit", url


@pytest.fixture
def site(home_page):
    testing = factories.topic(home_page, "Testing")
    first = factories.article(home_page, title="First article", topics=[testing])
    other = factories.article(home_page, title="Unrelated article")
    return {"home": home_page, "topic": testing, "article": first, "other": other}


def listing_urls(site):
    """Pages that list articles (the home page lists only featured pages, so is checked for a purge only)."""
    return [
        "/articles/",
        site["topic"].url,
        reverse("feed-rss"),
        reverse("feed-atom"),
        reverse("topic-feed-rss", kwargs={"slug": site["topic"].slug}),
        reverse("sitemap"),
    ]


def test_anonymous_page_views_are_cached(page_cache, client, site):
    url = site["article"].url
    assert status(client.get(url)) == "miss"
    hit = client.get(url)
    assert status(hit) == "hit"
    assert b"First article" in hit.content
    assert hit["Content-Type"].startswith("text/html")


def test_a_hit_is_one_cache_read_no_query_and_carries_the_security_headers(
    redis_cache, settings, client, site, django_assert_num_queries, monkeypatch
):
    settings.PAGE_CACHE_SECONDS = 300
    url = site["article"].url
    miss = client.get(url)
    backend = caches[CACHE_ALIAS]
    calls = []
    for name in ("get", "get_many", "set", "set_many", "delete"):
        original = getattr(backend, name)
        monkeypatch.setattr(
            backend, name, lambda *a, _call=original, _name=name, **k: calls.append(_name) or _call(*a, **k)
        )
    with django_assert_num_queries(0):
        hit = client.get(url)
    assert status(hit) == "hit"
    assert calls == ["get_many"]  # one MGET to Redis
    # The middleware that adds these does not run for a hit: they were stored with the page.
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"):
        assert hit[header] == miss[header], header


def test_publishing_a_change_shows_at_once_and_purges_listings_and_the_pages_that_name_it(
    page_cache, client, site, commit
):
    article = site["article"]
    warm(client, article.url, site["other"].url, "/", *listing_urls(site))

    article.title = "Retitled article"
    commit(lambda: article.save_revision().publish())

    fresh = client.get(article.url)
    assert status(fresh) == "miss"
    assert b"Retitled article" in fresh.content
    for url in listing_urls(site):
        response = client.get(url)
        assert status(response) == "miss", url
        if url != reverse("sitemap"):
            assert b"Retitled article" in response.content, url
    assert status(client.get("/")) == "miss"
    # Its sibling names it as its previous or next article, and any content page may list it as related.
    other = client.get(site["other"].url)
    assert status(other) == "miss" and b"Retitled article" in other.content


def test_a_change_to_a_topic_leaves_unrelated_pages_cached(page_cache, client, site, commit):
    warm(client, site["other"].url)

    commit(lambda: factories.topic(site["home"], "Unrelated topic"))

    assert status(client.get(site["other"].url)) == "hit"


def test_a_new_page_appears_in_its_parents_listing_home_topics_and_feeds(page_cache, client, site, commit):
    warm(client, *listing_urls(site))
    commit(lambda: factories.article(site["home"], title="Brand new article", topics=[site["topic"]]))
    for url in listing_urls(site):
        if url != reverse("sitemap"):
            assert b"Brand new article" in client.get(url).content, url
    assert b"/articles/brand-new-article/" in client.get(reverse("sitemap")).content


def test_unpublishing_removes_the_page_and_its_listing_entries(page_cache, client, site, commit):
    article = site["article"]
    warm(client, article.url, *listing_urls(site))
    commit(lambda: article.unpublish())
    assert client.get(article.url).status_code == 404
    for url in listing_urls(site):
        assert b"First article" not in client.get(url).content, url


def test_moving_a_page_purges_its_old_and_new_places(page_cache, client, site, commit):
    from articles.models import ArticleIndexPage

    article = site["article"]
    archive = factories.publish(site["home"], ArticleIndexPage(title="Archive", slug="archive"))
    warm(client, article.url, "/articles/", "/archive/")
    commit(lambda: article.move(archive, pos="last-child"))
    # Not the cached page: Wagtail's automatic redirect to the new place.
    old = client.get("/articles/first-article/")
    assert (old.status_code, old["Location"]) == (301, "/archive/first-article/")
    assert b"First article" not in client.get("/articles/").content
    assert b"First article" in client.get("/archive/").content
    assert client.get("/archive/first-article/").status_code == 200


def test_changing_a_slug_stops_serving_the_old_url(page_cache, client, site, commit):
    article = site["article"]
    warm(client, article.url)
    article.slug = "renamed"
    commit(lambda: article.save_revision().publish())
    old = client.get("/articles/first-article/")
    assert (old.status_code, old["Location"]) == (301, "/articles/renamed/")
    assert client.get("/articles/renamed/").status_code == 200


def test_deleting_a_page_purges_it_and_its_listings(page_cache, client, site, commit):
    article = site["article"]
    warm(client, article.url, *listing_urls(site))
    commit(lambda: article.delete())
    assert client.get("/articles/first-article/").status_code == 404
    for url in listing_urls(site):
        assert b"First article" not in client.get(url).content, url


def test_renaming_a_menu_section_purges_every_page(page_cache, client, site, commit):
    """Sections (children of the home page shown in menus) appear in every page's header."""
    index = site["article"].get_parent().specific
    index.show_in_menus = True
    commit(lambda: index.save_revision().publish())
    warm(client, site["other"].url, site["topic"].url)
    index.title = "Writing"
    commit(lambda: index.save_revision().publish())
    for url in (site["other"].url, site["topic"].url):
        response = client.get(url)
        assert status(response) == "miss"
        assert b"Writing" in response.content


def test_logged_in_users_are_never_served_or_stored(page_cache, client, site, django_user_model):
    url = site["article"].url
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.com", "pw"))
    for _ in range(2):
        response = client.get(url)
        assert status(response) is None
        assert b"wagtail-userbar" in response.content
    client.logout()
    client.cookies.clear()
    anonymous = client.get(url)
    assert status(anonymous) == "miss"
    assert b"wagtail-userbar" not in anonymous.content


def test_admin_previews_posts_and_other_queries_bypass_the_cache(page_cache, client, site, django_user_model):
    url = site["article"].url
    assert status(client.get(url, {"q": "x"})) is None
    assert status(client.post(url)) is None
    assert status(client.get(url, {"page": "2"})) is None  # an article is no listing: no page 2 of it
    assert status(client.get(reverse("healthz"))) is None
    assert status(client.get(reverse("healthz"))) is None
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.com", "pw"))
    preview = client.get(reverse("wagtailadmin_pages:view_draft", args=[site["article"].pk]))
    assert preview.status_code == 200
    assert status(preview) is None


def middleware_response(view, **cookies):
    request = RequestFactory().get("/some/page/")
    request.COOKIES.update(cookies)
    return PageCacheMiddleware(view)(request)


def test_responses_with_cookies_csrf_tokens_or_previews_are_not_stored(page_cache):
    def sets_cookie(request):
        response = HttpResponse("hello")
        response.set_cookie("flavour", "chocolate")
        return response

    def renders_csrf_token(request):
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    def preview(request):
        request.is_preview = True
        return HttpResponse("draft")

    def private(request):
        response = HttpResponse("mine")
        response["Cache-Control"] = "private"
        return response

    for view in (sets_cookie, renders_csrf_token, preview, private):
        middleware_response(view)
        assert status(middleware_response(view)) is None, view.__name__


def test_visitors_with_a_session_bypass_the_cache_so_their_messages_are_never_shared(page_cache, client, site):
    url = site["article"].url
    warm(client, url)
    # Messages live in the session (or set a cookie when shown): either way the cache steps aside.
    assert status(client.get(url, headers={"Cookie": "sessionid=abc"})) is None


class PurgeRecorder(BaseHTTPRequestHandler):
    purged = []

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        PurgeRecorder.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server(settings):
    """A stand-in CDN on 127.0.0.1 that records HTTP PURGE requests."""
    PurgeRecorder.purged = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "operations.front_cache.PurgeBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield PurgeRecorder.purged
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_publishing_purges_the_cdn_through_wagtail_frontend_cache(purge_server, site, commit):
    article = site["article"]
    article.title = "Retitled"
    commit(lambda: article.save_revision().publish())
    paths = {path for _host, path in purge_server}
    # The page and everything below it (`*`, as Varnish's configuration and CloudFront read it), and
    # the listings that show it with their query strings.
    assert {f"{article.url}*", "/articles/", "/", site["topic"].url, "/feeds/rss.xml", "/sitemap.xml"} <= paths
    assert article.url not in paths


def test_cdn_purging_is_configured_from_the_environment():
    cloudfront = settings_in_subprocess(
        "settings.WAGTAILFRONTENDCACHE", **PRODUCTION_ENV, FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID="E123"
    )
    assert cloudfront["cloudfront"]["BACKEND"].endswith("CloudfrontBackend")
    assert cloudfront["cloudfront"]["DISTRIBUTION_ID"] == "E123"
    http = settings_in_subprocess(
        "settings.WAGTAILFRONTENDCACHE", **PRODUCTION_ENV, FRONTEND_CACHE_PURGE_URL="http://varnish:6081"
    )
    assert http["http"]["LOCATION"] == "http://varnish:6081"
    assert http["http"]["BACKEND"] == "operations.front_cache.PurgeBackend"  # bounded, and failures are retried
    assert settings_in_subprocess("getattr(settings, 'WAGTAILFRONTENDCACHE', None)", **PRODUCTION_ENV) is None


def test_making_a_page_private_purges_it_and_its_cards_everywhere(page_cache, client, site, commit):
    from wagtail.models import PageViewRestriction

    article = site["article"]
    warm(client, article.url, "/", *listing_urls(site))
    restriction = commit(
        lambda: PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    )
    assert client.get(article.url).status_code == 302  # to the login page, not the cached page
    for url in listing_urls(site):
        assert b"First article" not in client.get(url).content, url
    assert status(client.get("/")) == "miss"

    # Public again: back at once.
    commit(restriction.delete)
    assert b"First article" in client.get(article.url).content
    assert b"First article" in client.get("/articles/").content


def test_a_share_link_shows_the_draft_after_the_live_page_was_cached(page_cache, client, site):
    from sharing.models import ShareLink
    from tests.conftest import parse

    article = site["article"]
    # Cached for the site's own host name, which is the one Wagtail's simulated request uses.
    host = article.get_site().hostname
    warm_response = client.get(article.url, HTTP_HOST=host)
    assert warm_response.status_code == 200
    assert status(client.get(article.url, HTTP_HOST=host)) == "hit"

    article.title = "Draft title"
    article.save_revision()
    shared = client.get(f"/share/{ShareLink.objects.create(page=article).token}/")
    assert shared.status_code == 200
    html = parse(shared)
    assert "Draft title" in html.get_text()
    assert "Draft — not published" in html.select_one(".editor-banner").get_text()
    # …and the draft was not stored as the live page.
    live = client.get(article.url, HTTP_HOST=host)
    assert status(live) == "hit" and b"Draft title" not in live.content


@pytest.fixture
def two_page_listing(home_page, monkeypatch):
    """/articles/ with one article a page: page 1 is /articles/, page 2 is /articles/?page=2."""
    from articles.models import ArticleIndexPage

    monkeypatch.setattr(ArticleIndexPage, "per_page", 1)
    first = factories.article(home_page, title="First article")
    factories.article(home_page, title="Second article")
    return first


def stored(redis_client, kind="page"):
    """The page cache's keys in Redis: stored pages (`page`) or version tokens (`exact`, `tree`)."""
    return sorted(redis_client.keys(f"*pagecache:{kind}:*"))


def test_the_cache_holds_one_entry_per_canonical_address_whatever_is_requested(
    redis_cache, settings, client, two_page_listing
):
    settings.PAGE_CACHE_SECONDS = 300
    article = two_page_listing.url
    canonical = ["/articles/", "/articles/?page=2", article]
    made_up = [
        # Other spellings of a listing's pages, pages it does not have (a 404), other parameters.
        *(f"/articles/?page={n}" for n in ("1", "01", "02", "+2", "2.0", "abc", "", "0", "3", "99999", "9" * 30)),
        "/articles/?page=2&page=2",
        "/articles/?page=2&utm_source=feed",
        "/articles/?utm_source=feed",
        # A page that is no listing has no page 2, 3…
        f"{article}?page=2",
        f"{article}?page=3",
    ]
    for url in canonical:
        assert status(client.get(url)) == "miss", url
    assert len(stored(redis_cache)) == len(canonical)
    tokens = stored(redis_cache, "exact") + stored(redis_cache, "tree")

    for url in made_up:
        assert status(client.get(url)) is None, url
    # Other spellings of the host: another case, a trailing dot, a port it was not reached on.
    for host in ("LOCALHOST", "localhost.", "localhost:80", "localhost:8080", "localhost:65535"):
        assert status(client.get("/articles/", HTTP_HOST=host)) is None, host
    # Made-up paths are 404s, and leave no version tokens behind.
    for n in range(5):
        assert client.get(f"/no-such-page-{n}/").status_code == 404
        assert client.get(f"/articles/no-such-article-{n}/").status_code == 404

    assert len(stored(redis_cache)) == len(canonical)
    assert stored(redis_cache, "exact") + stored(redis_cache, "tree") == tokens
    for url in canonical:
        assert status(client.get(url)) == "hit", url
    # Newest first, one a page.
    assert b"First article" in client.get("/articles/?page=2").content
    assert b"First article" not in client.get("/articles/").content


def test_a_site_served_on_its_own_port_is_cached_under_that_port(page_cache, client, site):
    """A browser sends the port of a site served on another port than 80/443: one entry, as for any host."""
    url = site["article"].url
    on_8000 = {"HTTP_HOST": "localhost:8000", "SERVER_PORT": "8000"}
    assert status(client.get(url, **on_8000)) == "miss"
    assert status(client.get(url, **on_8000)) == "hit"
    assert status(client.get(url, HTTP_HOST="localhost:8001", SERVER_PORT="8000")) is None


def test_pagination_links_lead_to_the_canonical_addresses(client, two_page_listing):
    from tests.conftest import parse

    second = parse(client.get("/articles/?page=2"))
    assert second.find("a", rel="prev")["href"] == "/articles/"
    assert parse(client.get("/articles/")).find("a", rel="next")["href"] == "?page=2"


def test_a_guide_made_private_or_retitled_leaves_its_neighbours_pagers(page_cache, client, home_page, commit):
    """Each guide names the previous and the next one: they are purged with it."""
    from wagtail.models import PageViewRestriction

    from tests.guides.factories import make_guide, make_index

    index = make_index()
    first, second, third = (make_guide(index, title) for title in ("First guide", "Second guide", "Third guide"))
    warm(client, first.url, third.url)
    second.title = "Second guide, retitled"
    commit(lambda: second.save_revision().publish())
    for neighbour in (first, third):
        assert b"Second guide, retitled" in client.get(neighbour.url).content
    warm(client, first.url)
    commit(lambda: PageViewRestriction.objects.create(page=second, restriction_type=PageViewRestriction.LOGIN))
    pager = client.get(first.url)
    assert b"Second guide" not in pager.content and b"Third guide" in pager.content


def test_renaming_the_organisation_or_an_author_purges_every_page(page_cache, client, site, commit):
    """Both are written on pages no page signal names: the publisher in every page's JSON-LD, bylines."""
    from core.models import Author, Organisation

    warm(client, site["article"].url, site["other"].url)
    organisation = Organisation.for_site(site["home"].get_site())
    organisation.name = "The Renamed Hub"
    commit(organisation.save)
    for url in (site["article"].url, site["other"].url):
        response = client.get(url)
        assert status(response) != "hit" and b"The Renamed Hub" in response.content, url

    author = Author.objects.create(name="A new author", slug="a-new-author")
    warm(client, site["other"].url)
    author.name = "A renamed author"
    commit(author.save)
    assert status(client.get(site["other"].url)) != "hit"
