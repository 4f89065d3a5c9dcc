"""The front page of the hub, and the pages its editors feature on it."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, TextField, Value
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import INLINE_FEATURES
from core.fragments import FRAGMENT_SECONDS, pages_version
from core.images import with_card_images
from core.listings import listed_pages
from core.models import Author, BasePage, pages, with_topics
from guides.models import GuideIndexPage, GuidePage
from reviews.models import TalkReviewIndexPage, TalkReviewPage


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
        "home.AboutPage",
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
    api_fields = [*BasePage.api_fields, APIField("intro")]

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
        context = super().get_context(request, *args, **kwargs)
        # The template caches what they list as one fragment until any page changes (core/fragments.py).
        context["listings"] = HomeListings(self, request)
        context["pages_version"] = pages_version()
        context["fragment_seconds"] = FRAGMENT_SECONDS
        return context

    def sections(self, request):
        """The guides and reviews indexes the home page introduces: {"guides"|"reviews": {title, url, intro}}.

        One query for both (their intros live in two tables).
        """
        kinds = {ContentType.objects.get_for_model(GuideIndexPage).pk: "guides"}
        kinds[ContentType.objects.get_for_model(TalkReviewIndexPage).pk] = "reviews"
        indexes = (
            pages()
            .live()
            .public()
            .type(GuideIndexPage, TalkReviewIndexPage)
            .annotate(
                section_intro=Coalesce(
                    F("guideindexpage__intro"), F("talkreviewindexpage__intro"), Value(""), output_field=TextField()
                )
            )
            .order_by("-path")  # the first of each kind wins
        )
        return {
            kinds[index.content_type_id]: {
                "title": index.title,
                "url": index.get_url(request),
                "intro": index.section_intro,
            }
            for index in indexes
        }

    def featured(self):
        """The featured pages that are live and public, specific, in the editor's order."""
        return listed_pages([feature.page_id for feature in self.featured_pages.all()])

    def markdown_parts(self, md, request):
        """The strapline, the featured pages, the first guides and latest reviews, then the sections below it."""
        out = [md.escape_text(self.intro)] if self.intro else []
        featured = self.featured()
        if featured:
            out += [md.heading(2, "Featured"), md.page_list(featured, request)]
        guides = GuidePage.objects.for_outline()[: self.home_guides_count]
        if guides:
            out += [md.heading(2, "Developer Guides"), md.page_list(guides, request)]
        reviews = TalkReviewPage.objects.newest_first()[: self.latest_reviews_count]
        if reviews:
            out += [md.heading(2, "Latest reviews"), md.page_list(reviews, request)]
        sections = Page.objects.child_of(self).live().public().filter(view_restrictions__isnull=True).order_by("path")
        links = (md.link(section.title, md.markdown_url(section, request)) for section in sections)
        return {}, [*out, md.heading(2, "Sections"), md.bullet_list(links)]


class HomeListings:
    """What the home page lists below its strapline, read from the database only if it is rendered.

    The home page's template caches these lists as one fragment until any page changes, so a
    render that finds the fragment makes none of their queries.
    """

    def __init__(self, home, request):
        self.home = home
        self.request = request

    @cached_property
    def featured(self):
        return self._cards[0]

    @cached_property
    def latest_reviews(self):
        return self._cards[1]

    @cached_property
    def _cards(self):
        featured = self.home.featured()
        reviews = with_card_images(TalkReviewPage.objects.newest_first(), "listing_image")
        reviews = list(reviews[: self.home.latest_reviews_count])
        with_topics([*featured, *reviews], self.request)  # both lists' topics in one query
        return featured, reviews

    @cached_property
    def guides(self):
        return list(GuidePage.objects.for_outline()[: self.home.home_guides_count])

    @cached_property
    def sections(self):
        return self.home.sections(self.request)


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


class AboutPage(BasePage):
    """The About page: what the hub is and who writes it, with every author's introduction."""

    body = RichTextField(
        features=INLINE_FEATURES,
        help_text="What the hub is for and how it is written, in a few paragraphs. The authors follow, A to Z.",
    )

    # One per site: every byline links to its author's introduction here.
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    introduces_authors = True

    content_panels = [
        HelpPanel(
            content="<p>Write what the hub is for. Below your text the page introduces every author, A to Z: "
            "add or edit them in the <em>Authors</em> menu. Bylines on guides, reviews, notes and articles "
            "link to their author here.</p>",
            heading="How this page works",
        ),
        *BasePage.content_panels,
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    api_fields = [*BasePage.api_fields, APIField("body")]

    class Meta:
        verbose_name = "about page"

    def authors(self):
        """Every author A to Z, with their photo's rendition (two queries however many there are)."""
        return Author.objects.select_related("photo").prefetch_related("photo__renditions")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["authors"] = self.authors()
        return context

    def markdown_parts(self, md, request):
        """The text, then each author: name, role, bio and links."""
        out = [md.rich_text(self.body)]
        authors = list(self.authors())
        if authors:
            out.append(md.heading(2, "Who writes it", "authors"))
        for author in authors:
            out.append(md.heading(3, author.name, author.slug))
            out.extend(md.escape_text(text) for text in (author.role, author.bio) if text)
            links = [md.link(link.value["label"], link.value["url"]) for link in author.links]
            if links:
                out.append(md.bullet_list(links))
        return {}, out
