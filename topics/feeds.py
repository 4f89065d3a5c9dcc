"""Site-wide and per-topic RSS 2.0 and Atom feeds of guides, articles, reviews and event notes."""

import uuid
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from wagtail.models import Site

from core.listings import content_pages
from core.models import organisation_for
from core.site_url import absolute_url
from topics.models import TopicPage

FEED_LENGTH = 30


class LatestRssFeed(Feed):
    feed_type = Rss201rev2Feed
    description = "New guides, articles, talk reviews and event notes from the Learning Hub."

    def get_object(self, request, slug=None):
        self.request = request
        self.site = Site.find_for_request(request)
        if slug is None:
            return None
        return get_object_or_404(TopicPage.objects.live().public(), slug=slug)

    def title(self, topic):
        return f"{topic.title} · Learning Hub" if topic else "Learning Hub"

    # RFC 4287 wants an author on the feed or on every entry: the organisation editors name (a setting).
    def author_name(self, topic):
        return organisation_for(self.site).name

    def author_link(self, topic):
        return organisation_for(self.site).address

    def link(self, topic):
        return (topic or self.site.root_page).get_full_url(self.request)

    def feed_url(self, topic):
        # The self link: at the public address, not the Host this request came by.
        return absolute_url(self.request.path)

    def feed_guid(self, topic):
        """The feed's id (Atom <id>): from the topic's (or home page's) translation key, not from any address.

        An address can change (a new domain, http to https); an id must not, or every reader sees a new feed.
        """
        return _urn(uuid.uuid5((topic or self.site.root_page).translation_key, "feed"))

    def items(self, topic):
        return content_pages(topic=topic, feeds_only=True).specific()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # RSS descriptions and Atom summaries are HTML to a feed reader: the summary is plain text,
        # so escape it as HTML here (the feed writer only escapes it as XML).
        return escape(item.summary or item.search_description)

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        # The page's own id, kept through moves, renames and a change of address (RSS: isPermaLink="false").
        return _urn(item.translation_key)

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        date = item.listing_date
        if isinstance(date, datetime):
            return date
        return timezone.make_aware(datetime.combine(date, time(12))) if date else None

    def item_updateddate(self, item):
        return item.last_published_at


def _urn(key):
    return f"urn:uuid:{key}"


class LatestAtomFeed(LatestRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, topic):
        return self.description
