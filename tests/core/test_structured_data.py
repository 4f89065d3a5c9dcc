"""JSON-LD per page type, held to the fields Google documents as required or recommended, and every
page's meta description."""

import datetime
import json
import re

import pytest
from django.conf import settings

from tests import factories
from tests.conftest import parse

pytestmark = pytest.mark.django_db

# developers.google.com/search/docs/appearance/structured-data/article: no field is required; these are
# the recommended ones (author with a name and url; at least one image; both dates with a time zone or day).
ARTICLE_FIELDS = {"headline", "image", "author", "publisher", "datePublished", "dateModified"}
# .../structured-data/video: required.
VIDEO_FIELDS = {"name", "thumbnailUrl", "uploadDate"}


def graph(client, url):
    html = parse(client.get(url))
    return {
        item["@type"]: item for item in json.loads(html.find("script", type="application/ld+json").string)["@graph"]
    }


def _demo_urls(client):
    sitemap = client.get("/sitemap.xml").content.decode()
    return [url.removeprefix(settings.SITE_URL) for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)]


def assert_article(item):
    assert set(item) >= ARTICLE_FIELDS, ARTICLE_FIELDS - set(item)
    assert item["headline"] and len(item["headline"]) <= 110
    assert all(url.startswith(settings.SITE_URL) for url in item["image"])
    # The page's author where the demo names one (a person, on the About page), else the organisation.
    for who in item["author"]:
        assert who["@type"] in ("Person", "Organization") and who["name"]
        assert who["url"].startswith(f"{settings.SITE_URL}/")
    publisher = item["publisher"]
    assert publisher["@type"] == "Organization" and publisher["name"] == "Learning Hub"
    assert publisher["url"] == f"{settings.SITE_URL}/"
    assert item["publisher"]["logo"].startswith(settings.SITE_URL)
    assert datetime.date.fromisoformat(item["datePublished"][:10])
    assert datetime.datetime.fromisoformat(item["dateModified"])


def test_every_demo_content_page_is_an_article_of_its_type_with_googles_fields(client, demo_site):
    seen = {}
    for url in _demo_urls(client):
        kind = url.strip("/").split("/")[0] if url.count("/") > 2 else None
        items = graph(client, url)
        typed = [item for t, item in items.items() if t not in ("BreadcrumbList", "WebSite")]
        if kind is None or kind == "topics":
            continue
        assert len(typed) == 1, url
        item = typed[0]
        assert_article(item)
        seen.setdefault(item["@type"], []).append(url)
        if item["@type"] == "TechArticle":
            assert item["articleSection"] and len(item["hasPart"]) == len(item["articleSection"])
            assert all(part["url"].startswith(f"{settings.SITE_URL}{url}#") for part in item["hasPart"])
    assert {"Article", "TechArticle"} <= set(seen), seen
    assert all(url.startswith("/guides/") for url in seen["TechArticle"])


def test_demo_content_is_dated_by_its_own_dates_not_the_day_it_was_loaded(client, demo_site):
    """The DjangoCon US 2023 notes: published, modified and in the sitemap and feed as of the event."""
    item = graph(client, "/notes/djangocon-us-2023/")["Article"]
    assert item["about"]["@type"] == "Event" and item["about"]["startDate"] == "2023-10-16"
    assert item["datePublished"] == "2023-10-16"
    assert item["dateModified"].startswith("2023-10-16")
    sitemap = client.get("/sitemap.xml").content.decode()
    entry = re.search(r"<loc>[^<]*/notes/djangocon-us-2023/</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap)
    assert entry.group(1).startswith("2023-10-16")
    atom = client.get("/feeds/atom.xml").content.decode()
    notes = atom[atom.index("<title>DjangoCon US 2023") :]
    assert re.search(r"<updated>([^<]+)</updated>", notes).group(1).startswith("2023-10-16")


def test_a_talk_review_with_a_video_carries_a_video_object(client, home_page):
    review = factories.review(home_page, title="A talk", talk_date=datetime.date(2024, 5, 1))
    item = graph(client, review.url)["Article"]
    assert_article(item)
    video = item["video"]
    assert video["@type"] == "VideoObject" and set(video) >= VIDEO_FIELDS
    assert video["uploadDate"] == "2024-05-01"
    assert video["contentUrl"] == "https://www.youtube.com/watch?v=abcdefghijk"
    assert video["embedUrl"].startswith("https://www.youtube-nocookie.com/embed/")
    assert parse(client.get(review.url)).find("meta", property="og:video")["content"] == video["contentUrl"]


def test_an_episode_with_audio_is_a_podcast_episode_with_its_audio(client, home_page):
    audio = "http://localhost/media/episode-7.mp3"
    review = factories.review(
        home_page, title="Flaky tests", kind="episode", video_url="", audio_url=audio, podcast="The Testing Show"
    )
    item = graph(client, review.url)["PodcastEpisode"]
    assert_article(item)
    assert item["associatedMedia"] == {"@type": "AudioObject", "contentUrl": audio}
    assert item["partOfSeries"] == {"@type": "PodcastSeries", "name": "The Testing Show"}
    assert "video" not in item
    head = parse(client.get(review.url)).head
    assert head.find("meta", property="og:audio")["content"] == audio and not head.find("meta", property="og:video")


def test_every_demo_page_has_a_meta_description(client, demo_site):
    for url in _demo_urls(client):
        meta = parse(client.get(url)).find("meta", attrs={"name": "description"})
        assert meta is not None and meta["content"].strip(), url


def test_a_page_without_summary_or_intro_is_described_by_its_first_words(client, home_page):
    words = "Flaky tests fail for reasons that have nothing to do with the code under test. " * 4
    page = factories.article(home_page, title="Imported", summary="", body=[("paragraph", f"<p>{words}</p>")])
    content = parse(client.get(page.url)).find("meta", attrs={"name": "description"})["content"]
    assert content.startswith("Flaky tests fail for reasons") and content.endswith("…")
    assert len(content) <= 160
