"""/llms.txt (llmstxt.org): the hub's name and purpose, each section's newest pages as Markdown links."""

import datetime
import re
import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from articles.models import ArticlePage
from tests import factories

pytestmark = pytest.mark.django_db

LINK = re.compile(r"^- \[(?P<title>.+?)\]\((?P<url>[^)]+)\)(?:: (?P<summary>.+))?$")


def links(text):
    return [match.groupdict() for match in map(LINK.match, text.splitlines()) if match]


@pytest.fixture
def sections(home_page):
    """A page in each section, a draft and a private page beside them."""
    factories.article(home_page, title="First article", summary="What the first article says.")
    factories.review(home_page, title="A review", slug="a-review")
    factories.event_notes(home_page, title="A conference")
    from tests.guides.factories import make_guide, make_index

    make_guide(make_index(), "A guide")
    factories.draft(factories.article_index(home_page), ArticlePage(title="Draft article", body=[]))
    factories.make_private(factories.article(home_page, title="Private article"))
    return home_page


def test_llms_txt_names_the_hub_and_links_each_sections_markdown(client, sections):
    response = client.get("/llms.txt")
    assert response.status_code == 200 and response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    lines = text.splitlines()
    assert lines[0] == "# Learning Hub"
    assert [line for line in lines if line.startswith("## ")] == [
        "## Developer Guides",
        "## Videos to Watch",
        "## Event notes",
        "## Articles",
    ]
    found = links(text)
    titles = [link["title"] for link in found]
    assert {"First article", "A review", "A conference", "A guide", "All of Articles"} <= set(titles)
    assert "Draft article" not in text and "Private article" not in text
    assert {"title": "First article", "url": "http://localhost/articles/first-article.md"} | {
        "summary": "What the first article says."
    } in found
    for link in found:
        path = link["url"].removeprefix("http://localhost")
        markdown = client.get(path)
        assert markdown.status_code == 200 and markdown["Content-Type"].startswith("text/markdown"), path


def test_llms_txt_is_cached_and_purged_on_publish(client, sections, settings, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_SECONDS = 600
    assert client.get("/llms.txt")["X-Page-Cache"] == "miss"
    assert client.get("/llms.txt")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        factories.article(sections, title="Newest article", date=datetime.date(2030, 1, 1))
    response = client.get("/llms.txt")
    assert response["X-Page-Cache"] == "miss" and b"Newest article" in response.content


def bulk_articles(index, count, title_length=255, summary_length=300):
    """`count` live articles under `index`, inserted in bulk (building 10,000 pages one by one takes minutes)."""
    content_type = ContentType.objects.get_for_model(ArticlePage)
    now = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    start = index.numchild
    base = []
    for n in range(start + 1, start + count + 1):
        slug = f"bulk-{n}"
        title = f"Bulk article {n} " + "x" * (title_length - 20)
        base.append(
            Page(
                title=title[:title_length],
                draft_title=title[:title_length],
                slug=slug,
                path=index.path + Page._get_path(None, 1, n)[-Page.steplen :],
                depth=index.depth + 1,
                url_path=f"{index.url_path}{slug}/",
                content_type=content_type,
                locale_id=index.locale_id,
                translation_key=uuid.uuid4(),
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
        )
    created = Page.objects.bulk_create(base, batch_size=500)
    rows = [
        ArticlePage(page_ptr_id=page.pk, summary="s" * summary_length, date=datetime.date(2025, 1, 1), body=[])
        for page in created
    ]
    for batch in range(0, len(rows), 500):
        ArticlePage.objects._insert(rows[batch : batch + 500], fields=ArticlePage._meta.local_concrete_fields)
    Page.objects.filter(pk=index.pk).update(numchild=start + count)


def llms_txt(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/llms.txt")
    assert response.status_code == 200
    return response.content, len(queries)


def test_llms_txt_stays_within_its_byte_budget_at_ten_thousand_pages(client, sections, settings):
    llms_txt(client)  # warm what every request shares (content types, private sections)
    small, small_queries = llms_txt(client)
    index = factories.article_index(sections)
    index.refresh_from_db()
    bulk_articles(index, 10_000)
    assert ArticlePage.objects.live().count() > 10_000
    large, large_queries = llms_txt(client)
    assert len(large) <= settings.LLMS_TXT_MAX_BYTES, len(large)
    assert large_queries == small_queries <= 10, (small_queries, large_queries)
    text = large.decode()
    # The section still ends with the link to all of its pages, and each listed page has its line.
    print(f"llms.txt: {len(small)} bytes, {small_queries} queries; at 10,000 pages {len(large)} bytes, {large_queries}")
    assert "- [All of Articles](http://localhost/articles.md)" in text
    assert text.count("Bulk article") >= 10


def test_llms_txt_escapes_markdown_and_html_in_titles_and_summaries(client, home_page):
    factories.article(
        home_page,
        title="Pipes | and [brackets]",
        slug="pipes",
        summary="Uses **bold**, a [link](https://evil.example/) and <b>HTML</b> & <script>x</script>.",
    )
    text = client.get("/llms.txt").content.decode()
    line = next(line for line in text.splitlines() if "pipes.md" in line)
    assert line.startswith(r"- [Pipes | and \[brackets\]](http://localhost/articles/pipes.md): ")
    assert "\\|" not in text  # a pipe is special in a table only; llms.txt parsers would keep the backslash
    summary = line.split(": ", 1)[1]
    assert (
        summary == r"Uses \*\*bold\*\*, a \[link\](https://evil.example/) and \<b\>HTML\</b\> & \<script\>x\</script\>."
    )
