"""HTTP manners: HEAD works wherever GET does; a failed CSRF check gets a page in the site's layout."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from sharing.models import ShareLink
from tests import factories
from tests.conftest import parse

pytestmark = pytest.mark.django_db


def test_head_answers_wherever_get_does(client, home_page):
    topic = factories.topic(home_page, "Testing")
    article = factories.article(home_page, title="An article", topics=[topic])
    fixed = [
        "/",
        "/search/",
        "/search/?q=article",
        "/search/suggest/?q=art",
        "/robots.txt",
        "/healthz/",
        "/sitemap.xml",
        reverse("feed-rss"),
        reverse("feed-atom"),
        reverse("topic-feed-rss", kwargs={"slug": topic.slug}),
        reverse("topic-feed-atom", kwargs={"slug": topic.slug}),
        f"/share/{ShareLink.objects.create(page=article).token}/",
    ]
    # And every page the site links to: the home page's links and the sitemap's addresses.
    crawled = {a["href"] for a in parse(client.get("/")).select("a[href^='/']")}
    crawled |= {urlsplit(url).path for url in re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap.xml").text)}
    urls = sorted(set(fixed) | {url for url in crawled if not url.startswith("/admin/")})
    assert article.url in urls and topic.url in urls
    for url in urls:
        get = client.get(url)
        assert get.status_code == 200, url
        head = client.head(url)
        assert head.status_code == 200, (url, head.status_code)
        assert head["Content-Type"] == get["Content-Type"], url


def test_a_failed_csrf_check_gets_the_sites_own_page(home_page):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("wagtailadmin_login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    html = parse(response)
    assert html.select_one("a.skip-link") and html.select_one("header") and html.select_one("footer")
    assert html.h1.get_text() == "The form could not be sent"
    assert "reload the page" in html.get_text()
    assert "Allow cookies" in html.get_text()  # no cookie was sent at all
    assert "CSRF verification failed" not in response.content.decode()  # not Django's page
