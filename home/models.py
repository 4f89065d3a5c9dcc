from django import forms
from django.db import models
from django.db.models import DateField, F, Q
from django.db.models.functions import Cast, Coalesce
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Orderable, Page, get_page_models
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

    # The model field that dates this page in listings and feeds (None: its first publication).
    date_field = None
    # Whether the site's RSS/Atom feeds carry this page type.
    in_feeds = False
    # schema.org type for this page's JSON-LD (None: no item of its own, breadcrumbs only).
    json_ld_type = None

    topics = ParentalManyToManyField(
        "topics.TopicPage",
        blank=True,
        related_name="+",
        help_text="The topics this page belongs to; it is listed on each topic's page.",
    )

    class Meta:
        abstract = True

    topic_panel = FieldPanel("topics", widget=forms.CheckboxSelectMultiple)

    @property
    def listing_date(self):
        return getattr(self, self.date_field) if self.date_field else self.first_published_at


def content_page_models():
    """Every concrete page type built on ContentPage."""
    return [model for model in get_page_models() if issubclass(model, ContentPage) and not model._meta.abstract]


def content_pages(topic=None, feeds_only=False):
    """Live, public content pages of every type, newest first by their listing date.

    One query however many types exist; call `.specific()` on the result (one more query
    per page type on the page of results) to get the typed pages.
    """
    models_ = [m for m in content_page_models() if m.in_feeds or not feeds_only]
    dates = [Cast(F(f"{m._meta.model_name}__{m.date_field}"), DateField()) for m in models_ if m.date_field]
    dates.append(Cast("first_published_at", DateField()))
    sort_date = Coalesce(*dates) if len(dates) > 1 else dates[0]
    pages = Page.objects.live().public().type(*models_).annotate(sort_date=sort_date)
    if topic is not None:
        tagged = Q()
        for model in models_:
            tagged |= Q(pk__in=model.objects.filter(topics=topic).values("pk"))
        pages = pages.filter(tagged)
    return pages.order_by("-sort_date", "-pk")


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
            content=(
                "<p>The home page introduces the hub. Keep the strapline to one sentence. "
                "Featured pages appear first, in the order you arrange them; the guides outline "
                "and the latest reviews below them update themselves.</p>"
            ),
            heading="How this page works",
        ),
        *BasePage.content_panels,
        FieldPanel("intro"),
        InlinePanel("featured_pages", heading="Featured", label="Featured page"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    def route(self, request, path_components):
        """Find the page for a URL in one lookup by its url_path, not two queries per tree level.

        Anything the lookup does not find exactly (a routable page's sub-path, a missing
        page) falls back to Wagtail's level-by-level walk, which also raises the 404.
        """
        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            page = Page.objects.filter(url_path=url_path).specific().first()
            if page is not None:
                return page.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from guides.models import GuidePage

        context = super().get_context(request, *args, **kwargs)
        context["featured"] = self.featured()
        context["guides"] = GuidePage.objects.for_outline()
        return context

    def featured(self):
        """The featured pages that are live and public, specific, in the editor's order."""
        ids = [feature.page_id for feature in self.featured_pages.all()]
        pages = Page.objects.live().public().filter(pk__in=ids).specific().in_bulk()
        return [pages[pk] for pk in ids if pk in pages]


class HomePageFeature(Orderable):
    """One featured page on the home page (any page type)."""

    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_pages")
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A page to feature on the home page: its title, summary and date are shown.",
    )

    panels = [PageChooserPanel("page")]
