"""The one shape of a section's front page: an intro, then the section's pages a page at a time."""

from django.db import models
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.api import APIField
from wagtail.search import index

from core.fragments import FRAGMENT_SECONDS, pages_version
from core.images import with_card_images
from core.pagination import PER_PAGE, paginate

from .cards import with_topics
from .pages import BasePage


class IndexHelpPanel(HelpPanel):
    """The editor's help for an index page, taken from its model's `index_help`."""

    def on_model_bound(self):
        super().on_model_bound()
        self.content = f"<p>{self.model.index_help}</p>"


class IndexPage(BasePage):
    """A section's index (guides, reviews, notes, articles, topics): an intro above its listing."""

    intro = models.TextField(
        blank=True,
        help_text="A sentence or two above the list: what this section offers and why it is worth reading.",
    )

    # Each section has one index, so the menu, the home page and the feeds have one place to point at.
    max_count = 1
    parent_page_types = ["home.HomePage"]
    per_page = PER_PAGE
    # Whether the listed pages' cards show their topics (content pages have topics; topics do not).
    cards_show_topics = True
    # What the editor's help panel says about this index (HTML allowed).
    index_help = "This page lists the pages below it."
    # The section's place in /llms.txt (`portability/`), which lists each section's newest pages in
    # this order (None: not listed there).
    llms_txt_section = None

    content_panels = [
        IndexHelpPanel(heading="How this page works"),
        *BasePage.content_panels,
        FieldPanel("intro"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    api_fields = [*BasePage.api_fields, APIField("intro")]

    class Meta:
        abstract = True

    def get_listing(self):
        """The live, public pages this index lists, in their order; each section's index says which."""
        raise NotImplementedError(f"{type(self).__name__} must say what it lists")

    def markdown_parts(self, md, request):
        """The intro, then every page the index lists, each a link to its Markdown with its summary."""
        listed = md.page_list(self.get_listing().defer_streamfields(), request)
        return {}, [md.escape_text(self.intro) if self.intro else "", listed]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def listing():
            return with_card_images(self.get_listing(), "listing_image")

        def prepare(cards):
            return with_topics(cards, request) if self.cards_show_topics else cards

        context["listing_number"], context["listing"] = paginate(request, self, listing, self.per_page, prepare)
        context["pages_version"] = pages_version()
        context["fragment_seconds"] = FRAGMENT_SECONDS
        return context
