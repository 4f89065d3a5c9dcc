"""Every page as Markdown: the same headings, anchors, code, links and image alt text as its HTML.

The Markdown is parsed with markdown-it (CommonMark) and compared with the page's own HTML, for every
page of the demo site (every page type, guides with code in list items, reviews with transcripts).
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from markdown_it import MarkdownIt
from wagtail.models import Page

from core.models import hub_page_models
from portability.writer import html_to_markdown, markdown_url
from tests import factories
from tests.conftest import MORE_THAN_A_PAGE, PAGE_QUERY_BUDGET, parse
from tests.testapp import without_test_app

pytestmark = pytest.mark.django_db

MARKDOWN = "text/markdown; charset=utf-8"


def render(markdown_text):
    """Markdown → HTML as markdown-it renders it (CommonMark, inline HTML kept: the anchors)."""
    body = markdown_text.split("\n---\n", 1)[1] if markdown_text.startswith("---\n") else markdown_text
    return BeautifulSoup(MarkdownIt("commonmark").render(body), "html.parser")


def _text(element):
    return " ".join(element.get_text(" ").split())


def html_content(soup):
    """What the page's Markdown must carry: the article's header and body, not the site's chrome."""
    article = soup.select_one("article.reading") or soup.select_one("main")
    # The byline and the related pages (issue 30) are ways on from the page, like its contents: the
    # Markdown leaves them out.
    chrome_selector = (
        ".self-link, .back-to-top, .contents, nav, .video-facade__stage, .byline, .related-links, .page-end"
    )
    for chrome in article.select(chrome_selector):
        chrome.decompose()
    return article


def headings(tree, html=False):
    found = []
    for element in tree.select("h1, h2, h3, h4, details[id] > summary"):
        if element.name == "summary":  # a review's transcript: a disclosure on the page, a heading in Markdown
            found.append(("h2", _text(element), element.parent["id"]))
            continue
        anchor = element.get("id") if html else (element.select_one("a[id]") or {}).get("id")
        found.append((element.name, _text(element), anchor))
    return found


def code_blocks(tree):
    blocks = []
    for pre in tree.select("pre"):
        code = pre.select_one("code") or pre
        language = next((c[len("language-") :] for c in code.get("class", []) if c.startswith("language-")), "")
        blocks.append((language, pre.get_text().rstrip("\n")))
    return blocks


def links(tree):
    return sorted({a["href"] for a in tree.select("a[href]") if not a["href"].startswith("#")})


def ids(tree):
    return sorted(element["id"] for element in tree.select("[id]"))


def alt_texts(tree):
    return sorted(img.get("alt", "") for img in tree.select("img"))


TRANSCRIPT = [
    ("segment", {"start": "00:00:00", "text": "Welcome to the show.\n00:00:05 Today: *testing* [sic] #1."}),
    ("segment", {"start": "00:01:05", "text": "Fakes over mocks."}),
    (
        "part",
        {
            "chapter": "Fakes *and* mocks",
            "text": "00:02:00 Ada: Fakes first.\n00:02:04 Then mocks.\n\n00:02:30 Grace: #2.",
        },
    ),
]


@pytest.fixture
def demo_with_transcripts(demo_site):
    """The demo site, plus the two kinds of transcript: a video's moments and an episode's audio."""
    home_page = demo_site
    factories.review(home_page, title="Video with transcript", slug="video-transcript", transcript=TRANSCRIPT)
    factories.review(
        home_page,
        title="Episode with transcript",
        slug="episode-transcript",
        kind="episode",
        podcast="A podcast",
        video_url="",
        audio_url="http://localhost/media/episode.mp3",
        details_url="https://podcast.example/episodes/1",
        transcript=TRANSCRIPT,
    )
    return home_page


def live_pages():
    return [
        page for page in Page.objects.live().specific().order_by("path") if isinstance(page, tuple(hub_page_models()))
    ]


def test_every_page_of_every_type_reads_the_same_as_markdown(client, demo_with_transcripts):
    types_seen = set()
    for page in live_pages():
        html = client.get(page.url)
        markdown = client.get(markdown_url(page))
        assert markdown.status_code == 200, page.url
        assert markdown["Content-Type"] == MARKDOWN
        text = markdown.content.decode()
        assert text.startswith("---\ntitle: ")
        content, rendered = html_content(parse(html)), render(text)
        if not content.select(".reading__body"):
            # A listing's Markdown links to the Markdown of each page it lists.
            for card in content.select(".card, .guide-card, .outline"):
                for href in {a["href"].split("#")[0] for a in card.select("a[href]") if "/topics/" not in a["href"]}:
                    assert f"{href.rstrip('/')}.md" in links(rendered), (page.url, href)
        else:
            assert headings(rendered) == headings(content, html=True), page.url
            assert ids(rendered) == ids(content.select_one(".reading__body") or content), page.url
            assert code_blocks(rendered) == code_blocks(content), page.url
            assert links(rendered) == links(content), page.url
            assert alt_texts(rendered) == alt_texts(content), page.url
        types_seen.add(type(page))
    # Every type the demo content builds (the test app's has tests/core/test_new_page_type.py).
    assert types_seen == set(without_test_app(hub_page_models()))


def test_demo_guides_and_reviews_exercise_the_hard_parts(client, demo_with_transcripts):
    """The comparison above covers code inside list items, code with languages and transcripts."""
    rendered = [render(client.get(markdown_url(page)).content.decode()) for page in live_pages()]
    assert any(tree.select("li pre") for tree in rendered), "a code block inside a list item"
    assert any(tree.select("pre code[class^=language-]") for tree in rendered), "a code block with its language"
    assert any(tree.select("a[id^=t-]") for tree in rendered), "a transcript with its moments"
    assert any(img.get("alt") for tree in rendered for img in tree.select("img")), "an image with alt text"


def test_a_code_block_in_a_list_item_stays_in_the_item_with_its_lines():
    html = (
        '<ol><li>Install it:<div class="rich-code"><pre>pip install hub\n    --upgrade</pre></div></li>'
        "<li>Then run <code>make</code>.</li></ol><p>After the list.</p>"
    )
    tree = render(html_to_markdown(html))
    items = tree.select("ol > li")
    assert len(items) == 2 and len(tree.select("ol")) == 1
    assert items[0].select_one("pre").get_text() == "pip install hub\n    --upgrade\n"
    assert items[1].select_one("code").get_text() == "make"
    assert tree.select_one("ol + p").get_text() == "After the list."


def test_text_that_looks_like_markdown_stays_text():
    html = "<p># not a heading *or emphasis* [nor](a link) `code` 1. item &lt;b&gt; a_b_c</p><ul><li>1. one</li></ul>"
    tree = render(html_to_markdown(html))
    assert tree.select_one("p").get_text() == "# not a heading *or emphasis* [nor](a link) `code` 1. item <b> a_b_c"
    assert not tree.select("h1, em, a, code, b") and tree.select_one("li").get_text() == "1. one"


def test_a_link_with_an_empty_address_is_its_text():
    assert html_to_markdown('<p>See <a href="">this</a> and <a>that</a>.</p>') == "See this and that."


# Only live, public pages; never a draft, a private page or a preview


@pytest.fixture
def article(home_page):
    return factories.article(home_page, title="Open article", summary="Public.")


def test_markdown_by_address_and_by_accept_header(client, article):
    by_suffix = client.get(article.url.rstrip("/") + ".md")
    by_index = client.get(article.url + "index.html.md")
    by_accept = client.get(article.url, HTTP_ACCEPT="text/markdown")
    assert by_suffix.content == by_index.content == by_accept.content
    assert by_accept["Content-Type"] == MARKDOWN and "Accept" in by_accept["Vary"]
    html = client.get(article.url, HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert html["Content-Type"].startswith("text/html") and "Accept" in html["Vary"]
    assert client.get(article.url, HTTP_ACCEPT="text/markdown;q=0.9, text/html")["Content-Type"].startswith("text/html")
    assert client.get("/index.html.md")["Content-Type"] == MARKDOWN


def test_an_accept_header_that_allows_neither_format_is_406(client, article):
    response = client.get(article.url, HTTP_ACCEPT="application/json")
    assert response.status_code == 406
    assert b"text/markdown" in response.content


@pytest.mark.parametrize(
    "path",
    [
        "/articles/open-article.txt",
        "/articles/open-article.md.md",
        "/articles/open-article/.md",
        "/articles/no-such-page.md",
        "/articles/open%00article.md",
        "/articles/open-article/index.htm.md",
        "/../articles/open-article.md",
        "/articles/open-article.MD",
    ],
)
def test_unknown_extensions_and_paths_are_404(client, article, path):
    assert client.get(path).status_code == 404


def test_drafts_and_private_pages_are_404_as_markdown(client, home_page, article):
    hidden = factories.draft(factories.article_index(home_page), factories.ArticlePage(title="Draft", body=[]))
    private = factories.article(home_page, title="Private")
    factories.make_private(private)
    index = factories.article_index(home_page)
    for page in (hidden, private):
        path = f"{index.url}{page.slug}"
        assert client.get(f"{path}.md").status_code == 404
        assert client.get(f"{path}/index.html.md").status_code == 404
        assert client.get(f"{path}/", HTTP_ACCEPT="text/markdown").status_code == 404
    # A section made private hides what is below it too.
    factories.make_private(index)
    assert client.get(article.url.rstrip("/") + ".md").status_code == 404
    assert client.get(article.url, HTTP_ACCEPT="text/markdown").status_code == 404


def test_a_preview_is_never_markdown(article, admin_user):
    request = RequestFactory().get(article.url, HTTP_ACCEPT="text/markdown")
    request.user = admin_user
    response = article.serve_preview(request, "")
    assert response["Content-Type"].startswith("text/html")


# Query budgets, and the page cache


def _guide(home, n):
    from guides.models import GuideIndexPage
    from tests.guides.factories import body, make_guide, make_index

    index = GuideIndexPage.objects.first() or make_index()
    return make_guide(index, f"Guide {n}", body(n, n)).url


def _notes(home, n):
    talks = [{"title": f"Talk {i}", "notes": [("paragraph", f"<p>Note {i}</p>")]} for i in range(n)]
    day = ("day", {"title": "Day 1", "talks": talks})
    return factories.event_notes(home, title=f"Event {n}", body=[day]).url


def _review(home, n):
    segments = [("segment", {"start": f"00:{i // 60:02}:{i % 60:02}", "text": f"Words {i}."}) for i in range(n)]
    return factories.review(home, title=f"Talk {n}", slug=f"talk-{n}", transcript=segments).url


def _article(home, n):
    body = [("paragraph", f"<h2>Part {i}</h2><p>Text {i}.</p>") for i in range(n)]
    return factories.article(home, title=f"Article {n}", body=body).url


def _article_index(home, n):
    for i in range(n if n == 1 else n - 1):
        factories.article(home, title=f"Listed {n}-{i}")
    return factories.article_index(home).url


def _guide_index(home, n):
    from guides.models import GuideIndexPage
    from tests.guides.factories import body, make_guide, make_index

    index = GuideIndexPage.objects.first() or make_index()
    for i in range(n if n == 1 else n - 1):
        make_guide(index, f"Listed guide {n}-{i}", body(2, 2))
    return "/guides/"


def _topic(home, n):
    topic = factories.topic(home, "Tagged") if n == 1 else factories.topic_index(home).get_children().first().specific
    for i in range(n if n == 1 else n - 1):
        factories.article(home, title=f"Tagged {n}-{i}", topics=[topic])
    return topic.url


def _home(home, n):
    for i in range(n if n == 1 else n - 1):
        factories.review(home, title=f"Home {n}-{i}", slug=f"home-{n}-{i}")
    return "/index.html.md"


@pytest.mark.parametrize("build", [_guide, _notes, _review, _article, _article_index, _guide_index, _topic, _home])
def test_markdown_queries_stay_within_the_page_budget_whatever_the_size(client, home_page, build):
    counts = []
    for n in (1, MORE_THAN_A_PAGE):
        url = build(home_page, n)
        url = url if url.endswith(".md") else url.rstrip("/") + ".md"
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    print(f"{build.__name__[1:]}.md queries at 1 and {MORE_THAN_A_PAGE}: {counts}")
    assert counts[0] == counts[1] <= PAGE_QUERY_BUDGET, counts


def test_markdown_is_cached_and_purged_on_publish(
    client, home_page, article, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    url = article.url.rstrip("/") + ".md"
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    # The HTML and the Markdown of one address are two entries of the cache.
    assert client.get(article.url)["Content-Type"].startswith("text/html")
    negotiated = client.get(article.url, HTTP_ACCEPT="text/markdown")
    assert negotiated["Content-Type"] == MARKDOWN and negotiated["X-Page-Cache"] == "miss"
    assert client.get(article.url, HTTP_ACCEPT="text/markdown")["X-Page-Cache"] == "hit"
    assert client.get(article.url)["Content-Type"].startswith("text/html")

    article.title = "Renamed article"
    article.date = datetime.date(2025, 2, 2)
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    for response in (client.get(url), client.get(article.url, HTTP_ACCEPT="text/markdown")):
        assert response["X-Page-Cache"] == "miss" and b"# Renamed article" in response.content
    # …and the listings that show it: its section's Markdown, and the home page's.
    assert client.get("/articles.md")["X-Page-Cache"] == "miss"
    assert client.get("/articles.md")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        factories.article(home_page, title="Another article")
    listing = client.get("/articles.md")
    assert listing["X-Page-Cache"] == "miss" and b"Another article" in listing.content


@pytest.mark.parametrize(
    "accept, status, content_type",
    [
        ("text/markdown;q=abc", 200, "text/markdown"),
        (";;;", 406, "text/plain"),
        ("*/*;q=0", 406, "text/plain"),
        ("text/markdown;q=2", 200, "text/markdown"),  # a quality out of range counts as 1
        ("text/markdown;q=0, text/html", 200, "text/html"),
        ("text/*", 200, "text/html"),
        ("text/markdown; charset=utf-8", 200, "text/markdown"),
    ],
)
def test_odd_accept_headers_get_an_answer_never_an_error(client, article, accept, status, content_type):
    response = client.get(article.url, HTTP_ACCEPT=accept)
    assert response.status_code == status and response["Content-Type"].startswith(content_type)
