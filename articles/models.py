import math

from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from core.models import ContentPage, IndexPage
from core.text import searchable_text

from .blocks import ArticleBodyBlock
from .outline import anchored_body, passages

WORDS_PER_MINUTE = 230


class ArticleIndexPage(IndexPage):
    """The list of articles, newest first."""

    subpage_types = ["articles.ArticlePage"]
    index_help = "This page lists the published articles, newest first. Add articles as its child pages."
    llms_txt_section = 4

    class Meta:
        verbose_name = "article index"

    def get_listing(self):
        return ArticlePage.objects.child_of(self).live().public().order_by("-date", "-pk")


class ArticlePage(ContentPage):
    """A standalone post: an essay, a how-to or a round-up."""

    # Indexed: listings sort by it.
    date = models.DateField(
        default=timezone.localdate, db_index=True, help_text="The publication date shown to readers."
    )
    body = StreamField(
        ArticleBodyBlock(),
        help_text="Start sections with a level 2 heading; use level 3 and 4 beneath it, never skipping one.",
    )

    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []
    date_field = "date"
    related_link_fields = ("body",)
    in_feeds = True
    json_ld_type = "Article"

    content_panels = [
        HelpPanel(
            content=(
                "<p>Write the summary first (under the title): one sentence a reader sees on cards, in "
                "listings and in search. In the body, headings build the outline: level 2 for sections, 3 "
                "and 4 inside them, never skipping one and never empty. Give every image alt text that says "
                "what it shows here. Drafts save as they are; publishing checks the headings and alt text.</p>"
            ),
            heading="Writing a good article",
        ),
        *ContentPage.content_panels,
        FieldPanel("date"),
        FieldPanel("body"),
        ContentPage.topic_panel,
    ]
    search_fields = ContentPage.search_fields + [index.SearchField("body"), index.FilterField("date")]
    api_fields = [*ContentPage.api_fields, APIField("date"), APIField("body")]
    search_filter_label = "Articles"
    search_filter_order = 4

    class Meta:
        verbose_name = "article"

    @property
    def reading_minutes(self):
        text = " ".join(searchable_text(self.body))
        return max(1, math.ceil(len(text.split()) / WORDS_PER_MINUTE))

    @cached_property
    def anchored_body(self):
        """The body with ids on its h2 and h3 headings, and the outline of those headings."""
        return anchored_body(self.body)

    def outline(self):
        """The article's sections (h2) and their entries (h3), each with its id on the page."""
        return self.anchored_body.outline

    def search_passages(self):
        """Each h2 and h3 section with its text, for search results."""
        return passages(self.body)

    def markdown_parts(self, md, request):
        """The body, its headings with the ids the page gives them."""
        out = []
        for child, html in self.anchored_body.blocks:
            # Rich text comes with its headings' ids already in the HTML (articles.outline).
            out.append(md.html_to_markdown(str(html)) if html else md.block_markdown(child.block, child.value))
        return {"date": self.date.isoformat(), "topics": md.topic_titles(self)}, out
