from django.db import models
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.api import APIField
from wagtail.search import index

from core.fragments import FRAGMENT_SECONDS, pages_version
from core.listings import as_cards, content_pages
from core.models import BasePage, IndexPage, with_topics
from core.pagination import PER_PAGE, paginate


class TopicIndexPage(IndexPage):
    """The list of all topics the hub covers."""

    # One taxonomy for the whole site, so one index.
    subpage_types = ["topics.TopicPage"]
    index_help = (
        "This page lists every published topic, A to Z. Add topics as its child pages; "
        "keep each topic's name short and the way a reader would search for it."
    )

    cards_show_topics = False

    class Meta:
        verbose_name = "topic index"

    def get_listing(self):
        return TopicPage.objects.child_of(self).live().public().order_by("title")


class TopicPage(BasePage):
    """A topic such as 'Django Databases': its page lists everything tagged with it."""

    description = models.TextField(
        blank=True, help_text="What this topic covers, in a sentence or two, shown on its page."
    )

    parent_page_types = ["topics.TopicIndexPage"]
    subpage_types = []

    content_panels = [
        HelpPanel(
            content=(
                "<p>A topic groups guides, reviews, notes and articles. Name it as a reader would "
                "search for it (e.g. 'Code review'), and tag pages with it from their own editor.</p>"
            ),
            heading="How topics work",
        ),
        *BasePage.content_panels,
        FieldPanel("description"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("description")]
    api_fields = [*BasePage.api_fields, APIField("description")]
    search_filter_label = "Topics"
    search_filter_order = 5
    per_page = PER_PAGE

    class Meta:
        verbose_name = "topic"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def prepare(cards):
            return with_topics(as_cards(cards), request)

        number, items = paginate(request, self, lambda: content_pages(topic=self), self.per_page, prepare)
        context["listing_number"], context["items"] = number, items
        context["pages_version"] = pages_version()
        context["fragment_seconds"] = FRAGMENT_SECONDS
        return context

    def markdown_parts(self, md, request):
        """The description, then every page tagged with the topic, each a link to its Markdown with its summary."""
        # One query for every type (as the topic's HTML page lists them), summaries annotated.
        tagged = as_cards(content_pages(topic=self))
        return {}, [md.escape_text(self.description) if self.description else "", md.page_list(tagged, request)]
