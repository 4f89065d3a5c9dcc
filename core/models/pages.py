"""The abstract pages every page type of the hub builds on, and the queries they share."""

from django import forms
from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page, PageManager, PagePermissionTester, PageViewRestriction, get_page_models
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.api_fields import TopicsField, listing_image_fields
from core.forms import HubPageForm
from core.images import card_image, prefetch_page_renditions
from core.text import excerpt, stream_text

# Boost of passage headings in the search index: between the title's (Wagtail gives it 2) and body text's.
HEADING_BOOST = 1.5
# Search engines show about this many characters of a description.
META_DESCRIPTION_CHARACTERS = 160

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


class HubPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, less Delete and Move where the hub refuses them after the click anyway
    (operations/deletion.py): someone who cannot publish deletes or moves only their own drafts."""

    def _only_own_drafts(self):
        if self.user.is_superuser or "publish" in getattr(self, "permissions", set()):
            return True
        if self.page.live or self.page.owner_id != self.user.pk:
            return False
        if not self.page.numchild:
            return True
        below = self.page.get_descendants()
        return not below.filter(live=True).exists() and not below.exclude(owner=self.user).exists()

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk=ignore_bulk) and self._only_own_drafts()

    def can_move(self):
        return super().can_move() and self._only_own_drafts()


class BasePage(Page):
    """What every page of the hub shares: a summary and an optional image for cards, listings and search engines."""

    # Related rows the page's template shows, fetched with the page when it is served.
    route_select_related = ("listing_image",)
    # The model field that dates this page in listings and feeds (None: its first publication).
    date_field = None
    # Cards name a page's type with `{{ item.specific_class.get_verbose_name }}`; Django's templates call
    # what they resolve, so without this each card built an empty page of its type just to read a label.
    do_not_call_in_templates = True

    objects = HubPageManager()
    base_form_class = HubPageForm

    summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="One sentence on what the page offers. It is shown on the page's card in listings and "
        "search results, and is the meta description search engines show (unless one is set on the Promote tab).",
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional. Shown on the page's card and when the page is shared on social media, cropped around "
        "the image's focal point (set it when editing the image). Without one, sharing uses the site's image.",
    )
    listing_image_alt = models.CharField(
        "listing image alt text",
        max_length=250,
        blank=True,
        help_text="What the image shows, for people who cannot see it. Not the file name. Needed to publish, "
        "unless the image is decorative.",
    )
    listing_image_decorative = models.BooleanField(
        "listing image is decorative only",
        default=False,
        help_text="Tick only if the image adds nothing to the title and summary; screen readers will skip it.",
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="The day someone last checked that the whole page is still right. Set it when you have; "
        "guides show it to readers, and the site health report lists pages not reviewed for a long time.",
    )

    search_fields = Page.search_fields + [index.SearchField("summary")]
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("summary"),
                FieldPanel("listing_image"),
                FieldRowPanel([FieldPanel("listing_image_alt"), FieldPanel("listing_image_decorative")]),
            ],
            heading="On cards, in listings and search results",
        ),
    ]
    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("seo_title"),
                FieldPanel(
                    "search_description",
                    heading="Meta description",
                    help_text="What search engines show under the title. Leave empty to use the summary "
                    "(content tab), which is usually best.",
                ),
            ],
            heading="For search engines",
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading="For site menus"),
    ]

    settings_panels = [*Page.settings_panels, FieldPanel("last_reviewed")]

    # How an editor can preview a draft: the page itself, or the card that lists it on the home
    # page, topic pages and search results (the summary is easy to get wrong without seeing it there).
    preview_modes = [("", "Page"), ("card", "Card in listings")]
    card_preview_template = "components/page_card_preview.html"
    # Text fields (besides the body) whose words a search result's excerpt may quote.
    excerpt_fields = ("intro", "description")

    # What the capabilities above the page types (api, portability, search) read of each type, so a new
    # type declares its own in its app and touches no other (also `markdown_parts` below and
    # `IndexPage.llms_txt_section`).
    # The read-only API (`api/`) serves these fields besides the id and title, and no others; each type
    # adds its own (Wagtail's `api_fields`).
    api_fields = [APIField("summary"), *listing_image_fields()]
    # The search page's type filter (`search/`) offers this type under this label, in this order among
    # the others (None: not offered; what a visitor reads, not the pages that list it).
    search_filter_label = None
    search_filter_order = 0
    # The caches (`operations`) purge a changed page with its listings; True when pages of this type show
    # their siblings too (a guide's previous and next guide), so a change purges its whole section.
    siblings_show_each_other = False
    # True for the page that introduces the authors (the About page), which bylines link to.
    introduces_authors = False
    # True when pages of this type may be shown on pages of any other section (as related pages), so a
    # change purges every cached page.
    shown_across_sections = False

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        return HubPagePermissionTester(user, self)

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
        """What search engines show under the title: the editor's description, else the summary, else the intro."""
        intro = next((text for name in self.excerpt_fields if isinstance(text := getattr(self, name, None), str)), "")
        return self.search_description or self.summary or intro or self._first_words()

    def _first_words(self, limit=META_DESCRIPTION_CHARACTERS):
        """The page's own first words (its body), for a page with no summary or intro (an imported page)."""
        text = self.excerpt_text()
        return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"

    @cached_property
    def card_image(self):
        """The listing image's card picture, or None; listings read it in their own query (`with_card_images`)."""
        return card_image(self, self.listing_image_id)

    @property
    def card_image_alt(self):
        return "" if self.listing_image_decorative else self.listing_image_alt

    def excerpt_text(self, with_body=True):
        """The text a card or search result quotes from: the summary first, then the page's own words.

        A part already said (a topic whose description repeats its summary) is not said twice.
        """
        parts = [self.summary or self.search_description or ""]
        parts.extend(value for name in self.excerpt_fields if isinstance(value := getattr(self, name, None), str))
        body = getattr(self, "body", None)
        if with_body and body is not None and hasattr(body, "stream_block"):
            parts.append(stream_text(body))
        said = []
        for part in (" ".join(part.split()) for part in parts):
            if part and not any(part in earlier for earlier in said):
                said.append(part)
        return " ".join(said)

    def search_passages(self):
        """The parts of this page a search result can link to (core.passages.Passage); none by default."""
        return []

    def search_suggestions(self):
        """(text, anchor) of what search suggests for this page while a visitor types: its title first."""
        yield self.title, ""

    def markdown_parts(self, md, request):
        """What this page's Markdown says below its title: (front matter, Markdown blocks).

        `md` is the writer `portability` hands in (`portability/writer.py`, which the page types stand
        below and cannot import): the page says what its document holds, the writer how Markdown is
        written. Portability adds what every page's document has (title, type, address, summary, date;
        the title as the heading; a content page's topics). By default: the page's `body` StreamField.
        """
        return {}, md.stream_markdown(getattr(self, "body", None))

    def get_preview_template(self, request, mode_name):
        if mode_name == "card":
            return self.card_preview_template
        return super().get_preview_template(request, mode_name)

    def get_preview_context(self, request, mode_name):
        if mode_name == "card":
            # Only what the cards show: no listing page's queries are needed to see one card.
            # The search result card reads its excerpt from the page, as the search view sets it.
            self.search_excerpt = excerpt(self.excerpt_text(), [])
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
    # Every content page ends with related pages, from any section: a change to one purges them all.
    shown_across_sections = True
    # Pages show their previous and next sibling (core/related.py).
    siblings_show_each_other = True
    # The fields that order the section from its first page to its last, for "previous" and "next"
    # (None: the page's date, then the order pages were created in).
    sequence_fields = None
    # The StreamFields in which editors name related pages (core.blocks.RelatedPagesBlock).
    related_link_fields = ()
    # schema.org type for this page's JSON-LD (None: no item of its own, breadcrumbs only).
    json_ld_type = None

    author = models.ForeignKey(
        "core.Author",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who wrote this page: named in its byline, which links to their introduction on the About page. "
        "Search the authors, or create one in the chooser.",
    )
    topics = ParentalManyToManyField(
        "topics.TopicPage",
        blank=True,
        related_name="+",
        help_text="The site's subjects (such as Testing) this page is about: it is listed on the page of each "
        "topic you tick, and in its feeds.",
    )

    # The byline names the author: read with the page when it is served.
    route_select_related = (*BasePage.route_select_related, "author")
    content_panels = [*BasePage.content_panels, FieldPanel("author")]
    # The headings of the page's passages (questions, talks, sections) weigh more than body text.
    search_fields = BasePage.search_fields + [index.SearchField("search_headings", boost=HEADING_BOOST)]
    api_fields = [*BasePage.api_fields, APIField("topics", serializer=TopicsField())]

    class Meta:
        abstract = True

    topic_panel = FieldPanel("topics", widget=forms.CheckboxSelectMultiple)

    def search_heading_passages(self):
        """The passages whose headings name a subject (questions, talks, sections): indexed and suggested."""
        return [passage for passage in self.search_passages() if passage.is_heading]

    def search_headings(self):
        return " ".join(passage.heading for passage in self.search_heading_passages())

    def search_suggestions(self):
        """The title, then the headings of the page's passages, each with its anchor."""
        yield from super().search_suggestions()
        yield from ((passage.heading, passage.anchor) for passage in self.search_heading_passages())

    def json_ld_details(self, request, item):
        """What this type adds to its schema.org item (`item`: the Article fields every type has), as a dict.

        A type may change `@type` too (an episode is a PodcastEpisode); nothing by default.
        """
        return {}

    def markdown_parts(self, md, request):
        """The page's body (BasePage's default), with its topics in the front matter."""
        meta, blocks = super().markdown_parts(md, request)
        return {**meta, "topics": md.topic_titles(self)}, blocks

    @property
    def listing_date(self):
        return getattr(self, self.date_field) if self.date_field else self.first_published_at

    def adjacent_queries(self):
        """Subqueries for the pk of the previous and of the next live sibling in the section's order.

        Siblings share this page's ancestors, so only a restriction on a sibling itself can hide it
        from a visitor who can see this page.
        """
        fields = self.sequence_fields or (self.date_field or "first_published_at", "pk")
        siblings = type(self).objects.sibling_of(self, inclusive=False).live().filter(view_restrictions__isnull=True)
        before, after, equal = Q(pk__in=[]), Q(pk__in=[]), {}
        for name in fields:  # (a, b) < (x, y): a < x, or a = x and b < y
            value = getattr(self, name)
            before |= Q(**equal, **{f"{name}__lt": value})
            after |= Q(**equal, **{f"{name}__gt": value})
            equal[name] = value
        previous = siblings.filter(before).order_by(*(f"-{name}" for name in fields)).values("pk")[:1]
        following = siblings.filter(after).order_by(*fields).values("pk")[:1]
        return previous, following

    def topic_ids_for_related(self, request=None):
        """This page's topics, for related pages: a subquery, or in a preview the draft's own."""
        if getattr(request, "is_preview", False):
            return [topic.pk for topic in self.topics.all()]
        owner = f"{self._meta.model_name}_id"
        return self.topics.through.objects.filter(**{owner: self.pk}).values("topicpage_id")

    def get_context(self, request, *args, **kwargs):
        # Imported here: core.related reads listings, which stand on these models.
        from core.fragments import FRAGMENT_SECONDS, pages_version, remembered
        from core.related import Neighbourhood, neighbourhood, page_links

        context = super().get_context(request, *args, **kwargs)

        def read():
            # Reading the body's links means loading every block: only when not remembered.
            links = [link for name in self.related_link_fields for link in page_links(getattr(self, name))]
            return neighbourhood(self, request, links)

        if not self.pk or not self.path:  # a new page's preview: no section yet
            found = Neighbourhood()
        elif getattr(request, "is_preview", False) or not self.live:
            # A draft names its own links and topics: read for it alone, never cached.
            found = read()
        else:
            # What the page shows of other pages changes only when a page does: read once per change.
            found = remembered("neighbourhood", (self.pk, self.cache_key), read)
        context["neighbourhood"] = found
        context["pages_version"] = pages_version()
        context["fragment_seconds"] = FRAGMENT_SECONDS
        return context


def content_page_models():
    """Every concrete page type built on ContentPage."""
    return [model for model in get_page_models() if issubclass(model, ContentPage) and not model._meta.abstract]


def hub_page_models():
    """Every concrete page type of the hub (all built on BasePage)."""
    return [model for model in get_page_models() if issubclass(model, BasePage) and not model._meta.abstract]
