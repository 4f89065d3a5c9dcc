"""Performance budgets that do not depend on the machine: SQL queries and bytes per page type.

Timings live in `make bench`; these numbers are deterministic, so they are tests.
"""

import gzip
import os
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from core.fragments import forget_fragments
from tests import factories
from tests.conftest import MORE_THAN_A_PAGE, PAGE_QUERY_BUDGET, parse
from tests.guides.factories import body, make_guide, make_index

pytestmark = pytest.mark.django_db


def queries(client, url):
    client.get(url)  # warm what every page shares (the menu), as in steady state
    # …but not what the page itself lists (the home page's listings: core/fragments.py), which must
    # not grow with the content either when a change makes the page read it again.
    forget_fragments()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def tagged_topic(home, n):
    topic = factories.topic(home, f"Topic {n}") if n == 1 else factories.topic_index(home).get_children()[0]
    for i in range(n):
        factories.article(home, title=f"Tagged {n}-{i}", topics=[topic.specific])
        factories.review(home, title=f"Review {n}-{i}", slug=f"r-{n}-{i}", topics=[topic.specific])
        factories.event_notes(home, title=f"Notes {n}-{i}", topics=[topic.specific])
    return topic.url


def notes_with_talks(home, n):
    talks = [{"title": f"Talk {i}", "notes": [("paragraph", f"<p>Note {i}</p>")]} for i in range(n)]
    page = factories.event_notes(home, title=f"Event {n}", body=[("day", {"title": "Day 1", "talks": talks})])
    return page.url


def review_with_transcript(home, n):
    segments = [("segment", {"start": f"00:{i // 60 % 60:02}:{i % 60:02}", "text": f"Words {i}."}) for i in range(n)]
    return factories.review(home, title=f"Talk {n}", slug=f"talk-{n}", transcript=segments).url


def about_with_authors(home, n):
    from core.models import Author
    from home.models import AboutPage

    for i in range(n):
        Author.objects.create(name=f"Author {n}-{i}", slug=f"author-{n}-{i}", bio=f"Bio {i}.")
    if not AboutPage.objects.exists():
        factories.publish(home, AboutPage(title="About", slug="about", body="<p>About the hub.</p>"))
    return "/about/"


# Each scenario builds content of size n and returns the URL to measure; called with 1, then MORE_THAN_A_PAGE.
SCENARIOS = {
    "AboutPage": about_with_authors,
    "HomePage": lambda home, n: (
        [factories.review(home, title=f"H{n}-{i}", slug=f"h{n}-{i}") for i in range(n)]
        and [make_guide(factories_guide_index(), f"G{n}-{i}", body(2, 2)) for i in range(n)]
        and "/"
    ),
    "TopicIndexPage": lambda home, n: [factories.topic(home, f"T{n}-{i}") for i in range(n)] and "/topics/",
    "TopicPage": tagged_topic,
    "GuideIndexPage": lambda home, n: (
        [make_guide(factories_guide_index(), f"I{n}-{i}", body(2, 3)) for i in range(n)] and "/guides/"
    ),
    "GuidePage": lambda home, n: make_guide(factories_guide_index(), f"Sized {n}", body(5, n)).url,
    "TalkReviewIndexPage": lambda home, n: (
        [factories.review(home, title=f"V{n}-{i}", slug=f"v{n}-{i}") for i in range(n)] and "/videos/"
    ),
    "TalkReviewPage": review_with_transcript,
    "EventNotesIndexPage": lambda home, n: (
        [factories.event_notes(home, title=f"E{n}-{i}") for i in range(n)] and "/notes/"
    ),
    "EventNotesPage": notes_with_talks,
    "ArticleIndexPage": lambda home, n: [factories.article(home, title=f"A{n}-{i}") for i in range(n)] and "/articles/",
    "ArticlePage": lambda home, n: (
        factories.article(
            home,
            title=f"Long {n}",
            body=[("paragraph", f"<h2>Part {i}</h2><p>Text {i}.</p>") for i in range(n)]
            + [("code", {"language": "python", "code": f"x = {i}"}) for i in range(n)],
        ).url
    ),
}


def factories_guide_index():
    from guides.models import GuideIndexPage

    return GuideIndexPage.objects.first() or make_index()


@pytest.mark.parametrize("page_type", sorted(SCENARIOS))
def test_queries_per_page_type_do_not_grow_with_content(client, home_page, page_type):
    small = queries(client, SCENARIOS[page_type](home_page, 1))
    large = queries(client, SCENARIOS[page_type](home_page, MORE_THAN_A_PAGE))
    assert (small, large) == (small, small), f"{page_type}: {small} queries with little content, {large} with more"
    assert small <= PAGE_QUERY_BUDGET


def test_every_page_type_is_covered_by_a_budget():
    from core.models import hub_page_models
    from tests.testapp import without_test_app

    # The hub's own types (tests/testapp/'s stand in for a type added later, and have no budget).
    assert {m.__name__ for m in without_test_app(hub_page_models())} == set(SCENARIOS)


# Compressed (gzip) HTML per page type of the demo site, set from the demo content with headroom.
# Every page carries about 600 B more since issue 18 (the sections in the header's menu and the
# footer, the header's search form, topic chips on cards, the icons); the home page shows guides
# as cards of their topics instead of every question, so it got smaller.
HTML_BUDGET_BYTES = {
    "HomePage": 6_000,
    "GuideIndexPage": 6_000,
    # Issue 30 gave every demo answer 110-170 words with its command or query: substance, not markup.
    # The longest guide, Feature Requests (21 answers), is 12,135 B; this leaves ~15 % for edits.
    "GuidePage": 14_000,
    # The demo's notes hold all 29 talks of DjangoCon US 2023, their recording links and related pages.
    "EventNotesPage": 12_500,
    "TalkReviewPage": 4_000,
    "TopicPage": 3_700,
    # the long-form demo article is ~1,000 words; since issue 30 every content page ends with up to three
    # related cards and its previous and next page (~400 B compressed)
    "ArticlePage": 5_600,
    "TopicIndexPage": 2_500,
    "TalkReviewIndexPage": 2_800,
    "EventNotesIndexPage": 2_500,
    "ArticleIndexPage": 2_800,
    "AboutPage": 3_000,  # issue 30: the hub's text and its authors
}
ASSET_BUDGET_BYTES = 15 * 1024  # all CSS and JS one page loads, compressed


def asset_bytes(html):
    """Compressed size of the site's own stylesheets and scripts a page links to."""
    total = 0
    urls = [link["href"] for link in html.find_all("link", rel="stylesheet")]
    urls += [script["src"] for script in html.find_all("script", src=True)]
    for url in urls:
        assert url.startswith("/static/"), f"{url} is not served by the site itself"
        path = finders.find(url.removeprefix("/static/"))
        with open(path, "rb") as f:
            total += len(gzip.compress(f.read()))
    return total


def test_html_css_and_js_stay_within_their_budgets(client, demo_site):
    over = []
    for page in Page.objects.live().filter(depth__gte=2).specific():
        response = client.get(page.url)
        html_size = len(gzip.compress(response.content))
        budget = HTML_BUDGET_BYTES[type(page).__name__]
        if html_size > budget:
            over.append(f"{page.url}: {html_size} B of HTML (budget {budget})")
        assets = asset_bytes(parse(response))
        if assets > ASSET_BUDGET_BYTES:
            over.append(f"{page.url}: {assets} B of CSS+JS (budget {ASSET_BUDGET_BYTES})")
    assert over == []


def test_routing_finds_a_page_by_url_path_through_an_index():
    # HomePage.route looks every request's page up by url_path, which Wagtail does not index.
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "wagtailcore_page")
    assert any(c["index"] and c["columns"] == ["url_path"] for c in constraints.values())


# The body font (docs/front-end.md): one variable WOFF2 per style, each within this budget; a page
# loads the upright face (preloaded) and the italic one only if it sets italics.
FONT_FILE_BUDGET_BYTES = 40 * 1024
FONT_PAGE_BUDGET_BYTES = 75 * 1024


def test_the_fonts_are_self_hosted_woff2_within_their_budget_and_the_preload_is_one_of_them(client, home_page):
    import re

    css = Path(finders.find("css/site.css")).read_text()
    faces = re.findall(r"@font-face\s*{([^}]*)}", css)
    files = [m for face in faces for m in re.findall(r'url\("\.\./(fonts/[^"]+\.woff2)"\)', face)]
    assert files, "no web font"
    sizes = {name: os.path.getsize(finders.find(name)) for name in files}
    assert all(size <= FONT_FILE_BUDGET_BYTES for size in sizes.values()), sizes
    assert sum(sizes.values()) <= FONT_PAGE_BUDGET_BYTES, sizes
    assert all("font-display: swap" in face for face in faces if "url(" in face)
    preload = parse(client.get("/")).find("link", rel="preload", attrs={"as": "font"})
    assert preload["href"].removeprefix("/static/") in files and preload.has_attr("crossorigin")


# SQL queries per page type of the demo site before issue 18 (cards with topics, the home page as a
# hub): no page type may need more. Breadcrumbs read from the cached menu paid for the cards' topics.
QUERIES_BEFORE_ISSUE_18 = {
    "HomePage": 9,
    "TopicIndexPage": 8,
    "TopicPage": 8,
    "GuideIndexPage": 8,
    "GuidePage": 8,
    "TalkReviewIndexPage": 8,
    "TalkReviewPage": 8,
    "EventNotesIndexPage": 8,
    "EventNotesPage": 8,
    "ArticleIndexPage": 8,
    "ArticlePage": 9,
    "AboutPage": 8,  # added in issue 30, held to the others' count
}


def test_no_page_type_of_the_demo_site_needs_more_queries_than_before(client, demo_site):
    measured = {}
    for page in Page.objects.live().filter(depth__gte=2).specific().order_by("path"):
        measured.setdefault(type(page).__name__, queries(client, page.url))
    over = {name: (count, QUERIES_BEFORE_ISSUE_18[name]) for name, count in measured.items()}
    assert {name: pair for name, pair in over.items() if pair[0] > pair[1]} == {}
    assert set(measured) == set(QUERIES_BEFORE_ISSUE_18)
