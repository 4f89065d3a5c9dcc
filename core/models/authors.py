"""The people who write the hub: a snippet chosen on guides, reviews, notes and articles."""

from django.core.cache import cache
from django.db import DatabaseError, models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Site, get_page_models
from wagtail.search import index

from core.blocks import ProfileLinkBlock

from .pages import pages

# The address of each site's About page, which every byline links to: cached until any page changes.
ABOUT_URL_KEY = "hub:about-url:{site_id}"


class Author(index.Indexed, models.Model):
    """Someone who writes for the hub: named in the byline of their pages and introduced on the About page."""

    name = models.CharField(max_length=200, unique=True, help_text="The name shown in bylines, as they write it.")
    slug = models.SlugField(
        unique=True,
        help_text="The author's anchor on the About page (e.g. 'ada-lovelace'): bylines link to /about/#<slug>.",
    )
    role = models.CharField(
        max_length=120,
        blank=True,
        help_text="Optional, a few words under the name, e.g. 'Editor' or 'Django developer'.",
    )
    bio = models.TextField(
        "short bio",
        max_length=600,
        help_text="Two or three sentences in the first person or the third: what they do and what they write about.",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: a square portrait, shown small beside the author's name on the About page.",
    )
    links = StreamField(
        [("link", ProfileLinkBlock())],
        blank=True,
        max_num=6,
        help_text="Where to find the author: website, Mastodon, GitHub (optional, up to six).",
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("role"),
        FieldPanel("bio"),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("links")], heading="Photo and links"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("bio")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


def about_page_url(request):
    """The address of the site's page that introduces its authors ('' if it has none), cached.

    The page type says it is that page (`introduces_authors`); the foundation cannot name it.
    """
    try:
        site = Site.find_for_request(request) if request is not None else None
        if site is None:
            return ""
        key = ABOUT_URL_KEY.format(site_id=site.pk)
        url = cache.get(key)
        if url is None:
            about_types = [model for model in get_page_models() if getattr(model, "introduces_authors", False)]
            found = pages().live().public().type(*about_types).descendant_of(site.root_page) if about_types else None
            page = found.order_by("path").first() if found is not None else None
            url = (page.get_url(request) or "") if page else ""
            cache.set(key, url, timeout=None)
    except DatabaseError:  # an error page shown while the database is down: no link, nothing cached
        return ""
    return url


def forget_about_page_url(**kwargs):
    cache.delete_many([ABOUT_URL_KEY.format(site_id=pk) for pk in Site.objects.values_list("pk", flat=True)])
