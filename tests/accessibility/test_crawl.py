"""Visit every URL the demo site links to and check the basics on each HTML page."""

from urllib.parse import urldefrag, urlsplit

import pytest

from tests.conftest import parse

SKIP_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/static/", "/media/")
MAX_PAGES = 300


@pytest.mark.django_db
def test_every_demo_page_has_one_h1_a_lang_and_alt_on_every_image(client, demo_site):
    to_visit, seen, checked = ["/", "/search/?q=django", "/no-such-page/"], set(), 0
    failures = []
    while to_visit and checked < MAX_PAGES:
        url = to_visit.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        checked += 1
        html = parse(response)
        if len(html.find_all("h1")) != 1:
            failures.append(f"{url}: {len(html.find_all('h1'))} <h1> elements")
        if not html.html.get("lang"):
            failures.append(f"{url}: no lang on <html>")
        failures += [
            f"{url}: <img src={img.get('src')}> has no alt" for img in html.find_all("img") if not img.has_attr("alt")
        ]
        for link in html.find_all("a", href=True):
            target = urldefrag(link["href"])[0]
            parts = urlsplit(target)
            if parts.netloc in ("", "localhost", "testserver") and parts.path.startswith("/"):
                path = parts.path + (f"?{parts.query}" if parts.query else "")
                if not path.startswith(SKIP_PREFIXES) and path not in seen:
                    to_visit.append(path)
    assert checked > 10  # the crawl really walked the site
    assert failures == []
