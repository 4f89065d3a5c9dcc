"""Every page with a Markdown form says so in its head: `<link rel="alternate" type="text/markdown">`."""

import re

import pytest

from tests import factories
from tests.conftest import parse

pytestmark = pytest.mark.django_db


def test_every_demo_page_links_its_markdown_form_which_answers(client, demo_site):
    sitemap = client.get("/sitemap.xml").content.decode()
    paths = [url.removeprefix("http://localhost") for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    assert len(paths) > 20
    for path in paths:
        link = parse(client.get(path)).head.find("link", rel="alternate", type="text/markdown")
        assert link is not None, path
        expected = "/index.html.md" if path == "/" else path.rstrip("/") + ".md"
        assert link["href"] == expected
        markdown = client.get(link["href"])
        assert markdown.status_code == 200 and markdown["Content-Type"].startswith("text/markdown"), path


def test_a_private_page_does_not_advertise_markdown_it_will_not_serve(admin_client, home_page):
    private = factories.article(home_page, title="Members only")
    factories.make_private(private)
    head = parse(admin_client.get(private.url)).head
    assert head.find("link", type="text/markdown") is None
    assert head.find("link", rel="canonical") is not None  # the head was rendered
