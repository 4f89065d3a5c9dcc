from django.core.paginator import Paginator
from django.db import models
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.search import index

from home.models import BasePage, as_cards, content_pages


class TopicIndexPage(BasePage):
    """The list of all topics the hub covers."""

    intro = models.TextField(blank=True, help_text="A sentence or two above the list of topics.")

    # One taxonomy for the whole site, so one index.
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["topics.TopicPage"]

    content_panels = [
        HelpPanel(
            content=(
                "<p>This page lists every published topic, A to Z. Add topics as its child pages; "
                "keep each topic's name short and the way a reader would search for it.</p>"
            ),
            heading="How the topics index works",
        ),
        *BasePage.content_panels,
        FieldPanel("intro"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = "topic index"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = TopicPage.objects.child_of(self).live().public().order_by("title")
        return context


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
    per_page = 20

    class Meta:
        verbose_name = "topic"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = Paginator(content_pages(topic=self), self.per_page).get_page(request.GET.get("page"))
        items.object_list = as_cards(items.object_list)
        context["items"] = items
        return context
