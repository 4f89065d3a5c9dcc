"""XSS: script, attribute-breaking and javascript: payloads in every editable text field of every
page type and snippet come out escaped on every surface that shows them.

Pages are filled the way the editor stores content (rich text through the editor's own converter);
URL fields are checked to refuse `javascript:` (their validation is what keeps it off the pages).
"""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from markdown_it import MarkdownIt
from wagtail import blocks
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.models import Page

from articles.models import ArticleIndexPage, ArticlePage
from core.blocks import INLINE_FEATURES, LinkBlock, QuoteBlock
from guides.models import GuideIndexPage, GuidePage
from reviews.blocks import NotesQuoteBlock, SpeakerLinkBlock
from reviews.models import (
    Event,
    EventNotesIndexPage,
    EventNotesPage,
    Speaker,
    TalkReviewIndexPage,
    TalkReviewPage,
)
from tests.factories import publish
from topics.models import TopicIndexPage, TopicPage

pytestmark = pytest.mark.django_db

MARK = "xss"
SCRIPT = f'<script>alert("{MARK}-script")</script>'
ATTRIBUTE = f'"><img src=x onerror=alert("{MARK}-img")>'
JAVASCRIPT_URL = f'javascript:alert("{MARK}-url")'
TEXT = f"Payload {SCRIPT} {ATTRIBUTE} end"
JSON_TYPES = {"application/json", "application/ld+json"}


def rich(features=INLINE_FEATURES):
    """Rich text as the editor saves it: the payloads typed as text, linked to a javascript: URL."""
    text = f"{SCRIPT} {ATTRIBUTE}"
    contentstate = {
        "blocks": [
            {
                "key": "a1b2c",
                "type": "unstyled",
                "depth": 0,
                "text": text,
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 0, "length": len(text), "key": 0}],
            }
        ],
        "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": JAVASCRIPT_URL}}},
    }
    return ContentstateConverter(features).to_database_format(json.dumps(contentstate))


def assert_no_xss(html, where):
    """No payload became markup: no executable <script> carrying it, no event handler, no javascript: URL."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        if tag.name == "script" and tag.get("type", "text/javascript") not in JSON_TYPES:
            assert MARK not in tag.get_text(), (where, str(tag)[:200])
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            assert not (name.lower().startswith("on") and MARK in value), (where, str(tag)[:200])
            if name.lower() in {"href", "src", "action", "formaction", "cite", "data", "poster"}:
                assert not value.strip().lower().startswith("javascript:"), (where, str(tag)[:200])
        assert not (tag.name == "img" and tag.get("src") == "x"), (where, str(tag)[:200])


def answer():
    return [
        ("paragraph", rich()),
        ("code", {"language": "html", "code": TEXT}),
        ("quote", {"quote": TEXT, "attribution": TEXT, "source_url": ""}),
        (
            "resources",
            {
                "heading": TEXT,
                "links": [{"title": TEXT, "page": None, "url": "https://example.com/", "description": TEXT}],
            },
        ),
    ]


def notes():
    return [
        ("paragraph", rich()),
        ("quote", {"quote": rich(), "attribution": TEXT, "source_url": ""}),
        ("code", {"language": "python", "code": TEXT}),
        ("table", {"data": [[TEXT, TEXT], [TEXT, TEXT]], "first_row_is_table_header": True}),
    ]


@pytest.fixture
def hostile_site(home_page):
    """Every page type and snippet, every text field holding the payloads."""
    common = {"title": TEXT, "summary": TEXT, "seo_title": TEXT, "search_description": TEXT}
    home_page.title, home_page.intro, home_page.summary = TEXT, TEXT, TEXT
    home_page.save_revision().publish()
    speaker = Speaker.objects.create(name=TEXT, links=[("link", {"label": TEXT, "url": "https://example.com/"})])
    event = Event.objects.create(name=TEXT, location=TEXT, start_date=datetime.date(2024, 1, 1))
    topics = publish(home_page, TopicIndexPage(slug="topics", intro=TEXT, **common))
    topic = publish(topics, TopicPage(slug="topic", description=TEXT, **common))
    guides = publish(home_page, GuideIndexPage(slug="guides", intro=TEXT, **common))
    section = {"title": TEXT, "intro": rich(), "questions": [{"question": TEXT, "answer": answer()}]}
    guide = publish(guides, GuidePage(slug="guide", intro=TEXT, body=[("section", section)], **common))
    reviews = publish(home_page, TalkReviewIndexPage(slug="videos", intro=TEXT, **common))
    review = publish(
        reviews,
        TalkReviewPage(
            slug="review",
            talk_title=TEXT,
            event=event,
            video_url="https://www.youtube.com/watch?v=abcdefghijk",
            watch_if=[("reason", TEXT)],
            body=answer(),
            takeaways=[("takeaway", TEXT)],
            transcript=[("segment", {"start": "00:00:01", "text": TEXT})],
            **common,
        ),
    )
    review.speakers = [speaker]
    review.save_revision().publish()
    notes_index = publish(home_page, EventNotesIndexPage(slug="notes", intro=TEXT, **common))
    day = {"title": TEXT, "intro": notes(), "talks": [{"title": TEXT, "review": None, "notes": notes()}]}
    event_notes = publish(
        notes_index,
        EventNotesPage(
            slug="event",
            event=event,
            start_date=datetime.date(2024, 1, 1),
            intro=notes(),
            body=[("day", day)],
            **common,
        ),
    )
    articles = publish(home_page, ArticleIndexPage(slug="articles", intro=TEXT, **common))
    body = [("paragraph", rich()), ("code", {"language": "python", "code": TEXT})]
    body.append(("quote", {"quote": TEXT, "attribution": TEXT, "source_url": ""}))
    article = publish(articles, ArticlePage(slug="article", date=datetime.date(2025, 1, 1), body=body, **common))
    for page in [guide, review, event_notes, article]:
        page.topics.set([topic])
        page.save_revision().publish()
    pages = [home_page, topics, topic, guides, guide, reviews, review, notes_index, event_notes, articles, article]
    return {"pages": pages, "speaker": speaker, "event": event, "topic": topic}


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.com", "pw"))
    return client


def test_payloads_are_stored_as_typed_so_the_test_means_something(hostile_site, client):
    assert {type(page.specific).__name__ for page in hostile_site["pages"]} == {
        "HomePage", "TopicIndexPage", "TopicPage", "GuideIndexPage", "GuidePage", "TalkReviewIndexPage",
        "TalkReviewPage", "EventNotesIndexPage", "EventNotesPage", "ArticleIndexPage", "ArticlePage",
    }  # fmt: skip
    html = client.get(hostile_site["pages"][-1].url).content.decode()
    assert "&lt;script&gt;alert(" in html  # shown to the reader as text


def test_public_pages_escape_every_field(hostile_site, client):
    for page in hostile_site["pages"]:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert_no_xss(response.content.decode(), page.url)


def test_feeds_escape_titles_and_summaries_as_html(hostile_site, client):
    import feedparser

    slug = hostile_site["topic"].slug
    for url in ["/feeds/rss.xml", "/feeds/atom.xml", f"/feeds/topics/{slug}/rss.xml", f"/feeds/topics/{slug}/atom.xml"]:
        response = client.get(url)
        assert response.status_code == 200
        entries = feedparser.parse(response.content, sanitize_html=False, resolve_relative_uris=False).entries
        assert entries, url
        for entry in entries:
            # What a feed reader would render as HTML.
            assert_no_xss(entry.get("summary", ""), url)
            assert MARK in entry.get("summary", "")


def test_search_results_escape_titles_and_excerpts(hostile_site, client):
    for query in ["payload", "alert xss", "script"]:
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        assert_no_xss(response.content.decode(), f"search {query}")


def test_admin_previews_listings_and_revision_compare_escape_every_field(hostile_site, admin_client):
    for page in hostile_site["pages"]:
        page.title = page.title + " (edited)"
        page.save_revision()
        urls = [
            reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            reverse("wagtailadmin_explore", args=[page.get_parent().pk]),
            reverse("wagtailadmin_explore", args=[page.pk]),
            reverse("wagtailadmin_pages:history", args=[page.pk]),
            f"/admin/pages/{page.pk}/revisions/compare/earliest...latest/",
        ]
        for url in urls:
            response = admin_client.get(url)
            assert response.status_code == 200, url
            assert_no_xss(response.content.decode(), url)
    for url in ["/admin/", "/admin/pages/search/?q=payload"]:
        assert_no_xss(admin_client.get(url).content.decode(), url)


def test_snippet_admin_views_escape_every_field(hostile_site, admin_client):
    for name, obj in [("speaker", hostile_site["speaker"]), ("event", hostile_site["event"])]:
        for url in [
            reverse(f"wagtailsnippets_reviews_{name}:list"),
            reverse(f"wagtailsnippets_reviews_{name}:edit", args=[obj.pk]),
            reverse(f"wagtailsnippets_reviews_{name}:history", args=[obj.pk]),
            reverse(f"wagtailsnippetchoosers_reviews_{name}:choose"),
        ]:
            response = admin_client.get(url)
            assert response.status_code == 200, url
            body = response.content.decode()
            if response["Content-Type"].startswith("application/json"):
                body = response.json()["html"]
            assert_no_xss(body, url)


def test_share_links_escape_every_field(hostile_site, client):
    from sharing.models import ShareLink

    for page in hostile_site["pages"]:
        share = ShareLink.objects.create(page=page)
        response = client.get(share.get_absolute_url())
        assert response.status_code == 200, page
        assert_no_xss(response.content.decode(), "share link")


def test_rich_text_links_to_javascript_are_dropped_by_the_editor():
    assert "javascript:" not in rich()
    assert "&lt;script&gt;" in rich()


@pytest.mark.parametrize(
    "check",
    [
        lambda: Event(name="E", start_date=datetime.date(2024, 1, 1), url=JAVASCRIPT_URL).full_clean(),
        lambda: TalkReviewPage(title="T", talk_title="T", slug="t", path="0001", depth=1, video_url=JAVASCRIPT_URL)
        .full_clean(exclude=["path", "depth", "content_type", "locale", "translation_key"]),
        lambda: blocks.URLBlock().clean(JAVASCRIPT_URL),
        lambda: LinkBlock().clean(LinkBlock().to_python({"title": "t", "url": JAVASCRIPT_URL})),
        lambda: QuoteBlock().clean(QuoteBlock().to_python({"quote": "q", "source_url": JAVASCRIPT_URL})),
        lambda: NotesQuoteBlock().clean(NotesQuoteBlock().to_python({"quote": "q", "source_url": JAVASCRIPT_URL})),
        lambda: SpeakerLinkBlock().clean(SpeakerLinkBlock().to_python({"label": "l", "url": JAVASCRIPT_URL})),
    ],
    ids=["Event.url", "TalkReviewPage.video_url", "URLBlock", "LinkBlock.url", "QuoteBlock.source_url",
         "NotesQuoteBlock.source_url", "SpeakerLinkBlock.url"],
)  # fmt: skip
def test_url_fields_refuse_javascript_urls(check):
    with pytest.raises(ValidationError):
        check()


HOSTILE_MARKDOWN = f"""---
title: Hostile notes
date: 2024-05-01
---

## Day 1

Text {SCRIPT} <img src=x onerror=alert("{MARK}-img")> <iframe src="https://evil.example/{MARK}-iframe"></iframe>
<form action="https://evil.example/{MARK}-form"><input name=q></form> end.

[a javascript link]({JAVASCRIPT_URL}) [a data link](data:image/png;base64,eHNz) [vb](vbscript:msgbox("{MARK}"))
<javascript:alert("{MARK}-autolink")> [spaced](java&#x09;script:alert("{MARK}-tab"))

- an item with <b onclick="alert('{MARK}')">bold</b>

> quoted {SCRIPT}
"""
# Event notes show an image as a link to it: to a data: URL, never.
NOTES_IMAGE = f'\n![a picture](data:image/png;base64,eHNz "{MARK}-title")\n'
UNSAFE_URL = ("javascript:", "vbscript:", "data:")


@pytest.mark.parametrize("command", ["import_event_notes", "import_articles"])
def test_importers_store_hostile_markdown_as_the_editor_would_on_every_surface(
    home_page, client, tmp_path, command, admin_user
):
    """The Markdown importers' rich text goes through the editor's conversion: no tag, attribute or link
    scheme the editor would drop reaches the page, a share link, the API or the `.md`."""
    from django.core.management import call_command

    from sharing.models import ShareLink
    from tests import factories

    path = tmp_path / "hostile-notes.md"
    path.write_text(HOSTILE_MARKDOWN + (NOTES_IMAGE if command == "import_event_notes" else ""))
    if command == "import_event_notes":
        index = factories.notes_index(home_page)
        call_command(command, str(path), "--parent", str(index.pk), "--publish", stdout=open("/dev/null", "w"))  # noqa: SIM115
    else:
        index = factories.article_index(home_page)
        call_command(command, str(path), "--parent", str(index.pk), "--publish", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page = Page.objects.child_of(index).get().specific
    surfaces = {
        "page": client.get(page.url),
        "share link": client.get(ShareLink.objects.create(page=page).get_absolute_url()),
        "API": client.get(f"/api/v2/pages/{page.pk}/", {"rich_text_format": "html"}),
        "markdown": client.get(page.url.rstrip("/") + ".md"),
    }
    for where, response in surfaces.items():
        assert response.status_code == 200, where
        text = response.content.decode()
        assert "a data link" in text and "a javascript link" in text, where  # the words are kept
        if where == "API":  # the rich text in the JSON (it starts with its first block's tag; plain text is data)
            text = "\n".join(value for value in strings(response.json()) if value.startswith("<"))
        if where == "markdown":  # what a Markdown reader shows
            text = MarkdownIt("commonmark").render(text)
        assert_no_xss(text, where)
        for tag in BeautifulSoup(text, "html.parser").find_all(True):
            for name in ("href", "src", "action"):
                assert not str(tag.get(name, "")).strip().lower().startswith(UNSAFE_URL), (where, str(tag)[:200])
            assert not any(name.startswith("on") for name in tag.attrs), (where, str(tag)[:200])
            assert tag.name not in ("iframe", "form", "input") or MARK not in str(tag), (where, str(tag)[:200])


def strings(data):
    """Every string inside JSON data."""
    if isinstance(data, str):
        return [data]
    values = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    return [text for value in values for text in strings(value)]
