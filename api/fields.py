"""What the API shows of each page type: every field listed here on purpose, nothing else.

Wagtail exposes a model's `api_fields`; the hub keeps them here instead, beside the API, so the page
models stay free of API concerns and one test (`tests/api/test_api.py`) can hold every page type to
this list. A field not named here (an editor's draft notes, `seo_title`, `listing_image_alt`…) is never
served. StreamFields are served as Wagtail's structured JSON (`[{"type", "value", "id"}]`).
"""

from rest_framework import serializers
from wagtail.api import APIField
from wagtail.images.api.fields import ImageRenditionField

from articles.models import ArticleIndexPage, ArticlePage
from guides.models import GuideIndexPage, GuidePage
from home.models import HomePage
from reviews.models import EventNotesIndexPage, EventNotesPage, TalkReviewIndexPage, TalkReviewPage
from topics.models import TopicIndexPage, TopicPage


class TopicsField(serializers.Field):
    """A page's live topics, as {id, title, slug} (a draft topic is not shown on the page either)."""

    def to_representation(self, value):
        return [
            {"id": topic.pk, "title": topic.title, "slug": topic.slug}
            for topic in value.filter(live=True).order_by("title")
        ]


class SpeakersField(serializers.Field):
    """A review's speakers, in the order the review gives them."""

    def to_representation(self, value):
        return [{"name": speaker.name} for speaker in value]


class EventField(serializers.Field):
    def to_representation(self, event):
        return {
            "name": event.name,
            "start_date": event.start_date.isoformat(),
            "end_date": event.end_date.isoformat() if event.end_date else None,
            "location": event.location,
            "url": event.url,
        }


def _listing_image():
    return [
        APIField("listing_image"),
        APIField("listing_image_thumbnail", serializer=ImageRenditionField("fill-480x270", source="listing_image")),
    ]


BASE = [APIField("summary"), *_listing_image()]
CONTENT = [*BASE, APIField("topics", serializer=TopicsField())]
INDEX = [*BASE, APIField("intro")]

PAGE_FIELDS = {
    HomePage: [*BASE, APIField("intro")],
    GuideIndexPage: INDEX,
    TalkReviewIndexPage: INDEX,
    EventNotesIndexPage: INDEX,
    ArticleIndexPage: INDEX,
    TopicIndexPage: INDEX,
    TopicPage: [*BASE, APIField("description")],
    GuidePage: [*CONTENT, APIField("intro"), APIField("body")],
    TalkReviewPage: [
        *CONTENT,
        APIField("kind"),
        APIField("talk_title"),
        APIField("podcast"),
        APIField("speakers", serializer=SpeakersField()),
        APIField("event", serializer=EventField()),
        APIField("talk_date"),
        APIField("review_date"),
        APIField("video_url"),
        APIField("audio_url"),
        APIField("details_url"),
        APIField("watch_if"),
        APIField("body"),
        APIField("takeaways"),
        APIField("transcript"),
    ],
    EventNotesPage: [
        *CONTENT,
        APIField("event", serializer=EventField()),
        APIField("start_date"),
        APIField("end_date"),
        APIField("intro"),
        APIField("body"),
    ],
    ArticlePage: [*CONTENT, APIField("date"), APIField("body")],
}

# The page metadata every type shows (Wagtail's `meta` object); Wagtail's others (`seo_title`,
# `show_in_menus`, `alias_of`, `locale`, `search_description`) are left out on purpose.
PAGE_META_FIELDS = ["type", "detail_url", "html_url", "slug", "first_published_at", "parent"]
