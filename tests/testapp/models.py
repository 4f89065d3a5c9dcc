"""Cheat sheets: an index and its pages, declaring for the capabilities only what a new section would."""

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from core.models import ContentPage, IndexPage

# Wagtail's own blocks, so its migration does not follow every change to the hub's shared ones.
SNIPPET = blocks.StructBlock(
    [
        ("language", blocks.CharBlock(help_text="The language, e.g. 'bash'.")),
        ("code", blocks.TextBlock(help_text="The snippet, as it is typed.")),
    ],
    label="Snippet",
)


class CheatSheetIndexPage(IndexPage):
    """The cheat sheets, A to Z."""

    subpage_types = ["testapp.CheatSheetPage"]
    index_help = "This page lists the published cheat sheets, A to Z. Add cheat sheets as its child pages."
    # After the guides, reviews, notes and articles.
    llms_txt_section = 5

    class Meta:
        verbose_name = "cheat sheet index"

    def get_listing(self):
        return CheatSheetPage.objects.child_of(self).live().public().order_by("title")


class CheatSheetPage(ContentPage):
    """One page of commands and snippets to keep at hand."""

    body = StreamField(
        [("paragraph", blocks.RichTextBlock(features=["bold", "italic", "code", "link"])), ("code", SNIPPET)],
        help_text="The commands and snippets, each with a line on when to use it.",
    )

    parent_page_types = ["testapp.CheatSheetIndexPage"]
    subpage_types = []

    content_panels = [
        HelpPanel(content="<p>Keep each snippet short, with a line on when to use it.</p>", heading="Cheat sheets"),
        *ContentPage.content_panels,
        FieldPanel("body"),
        ContentPage.topic_panel,
    ]
    search_fields = ContentPage.search_fields + [index.SearchField("body")]
    api_fields = [*ContentPage.api_fields, APIField("body")]
    # After Guides, Talk reviews, Event notes, Articles and Topics.
    search_filter_label = "Cheat sheets"
    search_filter_order = 6

    class Meta:
        verbose_name = "cheat sheet"
