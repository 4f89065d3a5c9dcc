from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models
from django.db.models import DateField, F, Q, Value
from django.db.models.functions import Cast, Coalesce
from django.utils.cache import add_never_cache_headers
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Orderable, Page, PageManager, PageViewRestriction, get_page_models
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.images import prefetch_page_renditions

# Paths of pages with a view restriction: few, rarely changed, needed by every listing.
PRIVATE_PATHS_KEY = "hub:private-paths"


def private_paths():
    """Paths of the pages that carry a view restriction (cached; see `forget_private_paths`)."""
    paths = cache.get(PRIVATE_PATHS_KEY)
    if paths is None:
        paths = sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))
        # A bounded lifetime as well, in case several processes share no cache (locmem).
        cache.set(PRIVATE_PATHS_KEY, paths, 300)
    return paths


def forget_private_paths(**kwargs):
    cache.delete(PRIVATE_PATHS_KEY)


class HubPageQuerySet(PageQuerySet):
    """Wagtail's page queries, with `public()` answered from a cached list of private sections."""

    def public(self):
        """Pages outside any private section, like Wagtail's `public()`.

        Wagtail loads every view restriction on each call (one query each; a listing page calls it
        several times). The restricted paths are cached instead, and a plain path-prefix filter
        keeps the database plan trivial. (A correlated NOT EXISTS made PostgreSQL scan the page
        table once per listed page.) Serving a page still checks its restrictions in the database.
        """
        private = Q()
        for path in private_paths():
            private |= Q(path__startswith=path)
        return self.exclude(private) if private else self


HubPageManager = PageManager.from_queryset(HubPageQuerySet)


def pages():
    """All pages of any type, as a HubPageQuerySet (use instead of `Page.objects`)."""
    return HubPageQuerySet(Page)


class BasePage(Page):
    """What every page of the hub shares: a one-line summary for listings and search engines."""

    # Related rows the page's template shows, fetched with the page when it is served.
    route_select_related = ()
    # The model field that dates this page in listings and feeds (None: its first publication).
    date_field = None

    objects = HubPageManager()

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

    # How an editor can preview a draft: the page itself, or the card that lists it on the home
    # page, topic pages and search results (the summary is easy to get wrong without seeing it there).
    preview_modes = [("", "Page"), ("card", "Card in listings")]
    card_preview_template = "components/page_card_preview.html"

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        prefetch_page_renditions(self)
        return context

    def get_view_restrictions(self):
        """The view restrictions on this page or any ancestor (or the pages they alias), in one query.

        Wagtail loads the ancestors first; their paths follow from this page's own path.
        """
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        return PageViewRestriction.objects.filter(Q(page__path__in=paths) | Q(page__aliases__path__in=paths)).distinct()

    @property
    def meta_description(self):
        return self.search_description or self.summary

    def get_preview_template(self, request, mode_name):
        if mode_name == "card":
            return self.card_preview_template
        return super().get_preview_template(request, mode_name)

    def get_preview_context(self, request, mode_name):
        if mode_name == "card":
            # Only what the cards show: no listing page's queries are needed to see one card.
            from search.query import excerpt  # imported here: search builds on this module's models
            from search.views import result_text

            # The search result card reads the excerpt from the page, as search's view sets it.
            self.search_excerpt = excerpt(result_text(self), [])
            return {"page": self, "self": self, "request": request}
        return super().get_preview_context(request, mode_name)

    def serve_preview(self, request, mode_name):
        """A draft as the editor (or a share link's reviewer) sees it: never cached, never indexed."""
        request.is_preview = True
        response = super().serve_preview(request, mode_name)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex"
        return response

    @property
    def listing_date(self):
        """The date shown beside this page in listings; page types with their own date override it."""
        return self.first_published_at


class ContentPage(BasePage):
    """A page of content that belongs to one or more topics (guides, reviews, notes, articles)."""

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


def hub_page_models():
    """Every concrete page type of the hub (all built on BasePage)."""
    return [model for model in get_page_models() if issubclass(model, BasePage) and not model._meta.abstract]


def with_listing_fields(queryset, models_=None):
    """Annotate `listing_summary` and `sort_date` from each page type's own columns.

    A listing can then show title, summary and date from one query, instead of `.specific()`
    (one more query per page type on the page of results).
    """
    models_ = models_ or hub_page_models()
    summaries = [F(f"{m._meta.model_name}__summary") for m in models_]
    dates = [Cast(F(f"{m._meta.model_name}__{m.date_field}"), DateField()) for m in models_ if m.date_field]
    dates.append(Cast("first_published_at", DateField()))
    return queryset.annotate(
        listing_summary=Coalesce(*summaries, Value("")) if summaries else Value(""),
        sort_date=Coalesce(*dates) if len(dates) > 1 else dates[0],
    )


def as_cards(pages):
    """Give generic pages from a `with_listing_fields` query what `components/page_card.html` shows."""
    cards = list(pages)
    for page in cards:
        page.summary = page.listing_summary
        page.listing_date = page.sort_date
    return cards


def content_pages(topic=None, feeds_only=False):
    """Live, public content pages of every type, newest first by their listing date, in one query.

    Each has `listing_summary` and `sort_date`; call `.specific()` where the typed pages are needed.
    """
    models_ = [m for m in content_page_models() if m.in_feeds or not feeds_only]
    found = with_listing_fields(pages().live().public().type(*models_), models_)
    if topic is not None:
        tagged = Q()
        for model in models_:
            tagged |= Q(pk__in=model.objects.filter(topics=topic).values("pk"))
        found = found.filter(tagged)
    return found.order_by("-sort_date", "-pk")


def recently_published(count):
    """The `count` newest content pages by first publication, as cards.

    For suggestions: unlike `content_pages()`, whose per-type dates must all be computed before
    sorting, this reads the newest rows straight off the index on `first_published_at`.
    """
    models_ = content_page_models()
    found = with_listing_fields(pages().live().public().type(*models_), models_)
    return as_cards(found.order_by("-first_published_at", "-pk")[:count])


class HomePage(BasePage):
    """The front page of the hub: its name, strapline and what to read first."""

    intro = models.CharField(
        max_length=250,
        blank=True,
        help_text="The strapline under the site name: what the hub offers, in one sentence.",
    )

    # One front page per site: everything else hangs below it.
    max_count = 1
    latest_reviews_count = 5
    # The outline of every guide lives on the guides index; the home page shows the first few.
    home_guides_count = 6
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "topics.TopicIndexPage",
        "guides.GuideIndexPage",
        "reviews.TalkReviewIndexPage",
        "reviews.EventNotesIndexPage",
        "articles.ArticleIndexPage",
    ]

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
            found = Page.objects.filter(url_path=url_path).values_list("pk", "content_type_id").first()
            if found is not None:
                model = ContentType.objects.get_for_id(found[1]).model_class()  # cached per process
                related = getattr(model, "route_select_related", ())
                page = model.objects.select_related(*related).get(pk=found[0])
                return page.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        # Imported here: those apps' models build on this module's BasePage.
        from guides.models import GuideIndexPage, GuidePage
        from reviews.models import TalkReviewIndexPage, TalkReviewPage

        context = super().get_context(request, *args, **kwargs)
        context["featured"] = self.featured()
        context["guides"] = GuidePage.objects.for_outline()[: self.home_guides_count]
        context["guides_index"] = GuideIndexPage.objects.live().public().first()
        context["reviews_index"] = TalkReviewIndexPage.objects.live().public().first()
        context["latest_reviews"] = TalkReviewPage.objects.newest_first()[: self.latest_reviews_count]
        return context

    def featured(self):
        """The featured pages that are live and public, specific, in the editor's order."""
        ids = [feature.page_id for feature in self.featured_pages.all()]
        found = {page.pk: page for page in as_cards(with_listing_fields(pages().live().public().filter(pk__in=ids)))}
        return [found[pk] for pk in ids if pk in found]


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
