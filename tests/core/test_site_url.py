"""One public address: SITE_URL names it, `migrate` points the Site at it, and every absolute URL uses it."""

import json
import re
from urllib.parse import urldefrag, urlsplit

import feedparser
import pytest
from django.conf import settings
from django.core import checks
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Site

from operations.checks import check_site_url
from tests import factories

pytestmark = pytest.mark.django_db

# Any allowed Host but the public one: what a request sends must never leak into what is written.
OTHER_HOST = "127.0.0.1"
ABSOLUTE_URL = re.compile(r"""https?://[^\s"'<>()\\\]]+""")
SKIP_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/static/", "/media/", "/share/", "/search/")
MAX_URLS = 400


@pytest.mark.parametrize(
    "site_url,hostname,port,root_url",
    [
        ("https://hub.example.com", "hub.example.com", 443, "https://hub.example.com"),
        ("http://127.0.0.1:8000", "127.0.0.1", 8000, "http://127.0.0.1:8000"),
    ],
)
def test_migrate_points_the_default_site_at_site_url(home_page, site_url, hostname, port, root_url):
    with override_settings(SITE_URL=site_url):
        call_command("migrate", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == (hostname, port, root_url)
    article = factories.article(home_page, title="Where am I")
    assert article.get_full_url() == f"{root_url}/articles/where-am-i/"


@pytest.mark.parametrize(
    "site_url,allowed_hosts,error",
    [
        ("", ["hub.example.com"], "operations.E002"),
        ("hub.example.com", ["hub.example.com"], "operations.E003"),
        ("https://hub.example.com/hub/", ["hub.example.com"], "operations.E003"),
        ("https://hub.example.com:8443", ["hub.example.com"], "operations.E004"),
        ("https://hub.example.com", ["www.hub.example.com"], "operations.E005"),
        ("https://hub.example.com", ["hub.example.com"], None),
        ("https://hub.example.com", [".example.com"], None),
    ],
)
def test_check_deploy_fails_without_a_public_address_the_site_answers_to(site_url, allowed_hosts, error):
    with override_settings(SITE_URL=site_url, ALLOWED_HOSTS=allowed_hosts):
        found = check_site_url()
    assert [e.id for e in found] == ([error] if error else [])
    assert all(e.level == checks.ERROR and "SITE_URL" in e.hint for e in found)


def test_the_site_url_check_runs_with_deploy_only():
    assert check_site_url in checks.registry.registry.get_checks(include_deployment_checks=True)
    assert check_site_url not in checks.registry.registry.get_checks(include_deployment_checks=False)


def test_feed_ids_and_guids_stay_when_the_address_changes(client, home_page):
    topic = factories.topic(home_page, "Testing")
    factories.article(home_page, title="Kept", topics=[topic])

    def read(path):
        return feedparser.parse(client.get(path).content)

    paths = ["/feeds/atom.xml", "/feeds/rss.xml", "/feeds/topics/testing/atom.xml"]
    before = {path: read(path) for path in paths}
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "hub.example.org", 443
    site.save()
    with override_settings(SITE_URL="https://hub.example.org"):
        after = {path: read(path) for path in paths}
    for path in paths:
        old, new = before[path], after[path]
        assert [e.id for e in old.entries] == [e.id for e in new.entries]
        assert all(e.id.startswith("urn:uuid:") for e in new.entries)
        assert old.feed.get("id") == new.feed.get("id")
        assert new.entries[0].link == "https://hub.example.org/articles/kept/"
    assert before["/feeds/atom.xml"].feed.id != before["/feeds/topics/testing/atom.xml"].feed.id
    self_link = next(link.href for link in after["/feeds/atom.xml"].feed.links if link.rel == "self")
    assert self_link == "https://hub.example.org/feeds/atom.xml"


def _own_hosts():
    hosts = {host for host in settings.ALLOWED_HOSTS if "*" not in host and not host.startswith(".")}
    return hosts | {"testserver", OTHER_HOST} | set(Site.objects.values_list("hostname", flat=True))


def _links(body, content_type):
    """Site paths and absolute URLs a response names: hrefs and srcs in HTML and XML, values in JSON."""
    found = set(ABSOLUTE_URL.findall(body))
    if "html" in content_type or "xml" in content_type:
        found |= set(re.findall(r"""(?:href|src)="(/[^"]*)\"""", body))
    if "markdown" in content_type:
        found |= set(re.findall(r"\]\((/[^)\s]+)\)", body))
    if "json" in content_type:
        for match in re.findall(r'"(?:detail_url|html_url|next)":\s*"([^"]+)"', body):
            found.add(match)
    return found


def test_every_absolute_url_the_site_writes_starts_with_site_url_whatever_the_host(client, demo_site):
    """A crawler: pages, their Markdown, feeds, sitemap, robots.txt, llms.txt and the API, by another Host."""
    own_hosts = _own_hosts()
    public = settings.SITE_URL.rstrip("/") + "/"
    to_visit = [
        "/",
        "/robots.txt",
        "/sitemap.xml",
        "/llms.txt",
        "/feeds/rss.xml",
        "/feeds/atom.xml",
        "/api/v2/pages/?limit=50",
        "/api/v2/images/",
        "/api/v2/documents/",
        "/api/v2/pages/find/?html_path=/articles/",
    ]
    seen, wrong, kinds = set(), [], set()
    while to_visit and len(seen) < MAX_URLS:
        url = to_visit.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, HTTP_HOST=OTHER_HOST)
        content_type = response.get("Content-Type", "")
        if response.status_code >= 500:
            wrong.append(f"{url}: {response.status_code}")
        written = [response[h] for h in ("Location", "Link") if response.has_header(h)]
        body = response.content.decode() if response.status_code == 200 and not response.streaming else ""
        kinds.add(content_type.split(";")[0])
        for found in [*written, *_links(body, content_type)]:
            parts = urlsplit(found)
            if parts.scheme and parts.hostname in own_hosts and not found.startswith(public):
                wrong.append(f"{url}: {found}")
            if parts.scheme and parts.hostname not in own_hosts:
                continue  # somewhere else on the web
            path = urldefrag(parts.path + (f"?{parts.query}" if parts.query else ""))[0]
            if path.startswith("/") and not path.startswith(SKIP_PREFIXES):
                to_visit.append(path)
                if "html" in content_type and path.endswith("/") and not path.startswith(("/api/", "/feeds/")):
                    to_visit.append(path.rstrip("/") + ".md" if path != "/" else "/index.html.md")
    assert len(seen) > 60  # the crawl really walked the site
    assert {"text/html", "application/xml", "application/json", "text/markdown", "text/plain"} <= kinds, kinds
    assert any(k.endswith(("atom+xml", "rss+xml")) for k in kinds), kinds
    assert wrong == []


def test_json_ld_and_open_graph_use_site_url(client, demo_site):
    html = client.get("/articles/", HTTP_HOST=OTHER_HOST).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert all(item["item"].startswith(settings.SITE_URL) for item in data["@graph"][0]["itemListElement"])
    assert re.search(r'property="og:image" content="http://localhost/', html)
