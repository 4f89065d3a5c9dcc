from django import forms
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index


class BasePage(Page):
    """What every page of the hub shares: a one-line summary for listings and search engines."""

    summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="One sentence for listings, search results and the meta description.",
    )

    search_fields = Page.search_fields + [index.SearchField("summary")]
    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("summary"),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
            ],
            heading="For listings and search engines",
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading="For site menus"),
    ]

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.summary

    @property
    def listing_date(self):
        """The date shown beside this page in listings; page types with their own date override it."""
        return self.first_published_at


class ContentPage(BasePage):
    """A page of content that belongs to one or more topics (guides, reviews, notes, articles)."""

    topics = ParentalManyToManyField(
        "topics.TopicPage",
        blank=True,
        related_name="+",
        help_text="The topics this page belongs to; it is listed on each topic's page.",
    )

    class Meta:
        abstract = True

    topic_panel = FieldPanel("topics", widget=forms.CheckboxSelectMultiple)


class HomePage(BasePage):
    """The front page of the hub: its name, strapline and what to read first."""

    intro = models.CharField(
        max_length=250,
        blank=True,
        help_text="The strapline under the site name: what the hub offers, in one sentence.",
    )

    # One front page per site: everything else hangs below it.
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    content_panels = [
        HelpPanel(
            content="<p>The home page introduces the hub. Keep the strapline to one sentence.</p>",
            heading="How this page works",
        ),
        *BasePage.content_panels,
        FieldPanel("intro"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
