"""How the read-only API (`api/`) serves the fields every page type shares that are not plain values.

The fields themselves are declared on the page models (`api_fields`, as Wagtail reads them): what
`BasePage`, `ContentPage` and `IndexPage` declare, each page type adds its own to.
"""

from rest_framework import serializers
from wagtail.api import APIField
from wagtail.images.api.fields import ImageRenditionField


class TopicsField(serializers.Field):
    """A page's live topics, as {id, title, slug} (a draft topic is not shown on the page either)."""

    def to_representation(self, value):
        return [
            {"id": topic.pk, "title": topic.title, "slug": topic.slug}
            for topic in value.filter(live=True).order_by("title")
        ]


def listing_image_fields():
    """The listing image (its id and the image's detail URL) and the card's rendition of it."""
    return [
        APIField("listing_image"),
        APIField("listing_image_thumbnail", serializer=ImageRenditionField("fill-480x270", source="listing_image")),
    ]
