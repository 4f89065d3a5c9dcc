import json

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from core.blocks import CODE_LANGUAGES
from core.images import SOCIAL_IMAGE_SPEC, listing_image
from core.menu import main_menu
from core.models import about_page_url, hub_page_models, organisation_for, private_paths
from core.negotiation import markdown_address
from core.pagination import page_address
from core.rich_text import scrollable_code
from core.site_url import absolute_url

register = template.Library()

# The characters that could end a <script> element or start a comment inside JSON-LD.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def with_scrollable_code(html):
    """Rendered rich text whose code blocks can be scrolled from the keyboard (core.rich_text.scrollable_code)."""
    return mark_safe(scrollable_code(html, dict(CODE_LANGUAGES)))  # noqa: S308 - Wagtail's own rendered rich text


@register.simple_tag(takes_context=True)
def main_menu_pages(context):
    """The hub's sections for the header, each with `current` ("page", "true" or "") for `aria-current`."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    current = context.get("page")
    current_path = getattr(current, "path", "") if current is not None else ""
    items = []
    for item in main_menu(site, request):
        state = ""
        if current_path.startswith(item["path"]):
            state = "page" if current.pk == item["id"] else "true"
        items.append({**item, "current": state})
    return items


@register.simple_tag(takes_context=True)
def page_link(context, number):
    """The address of page `number` of the listing being shown (page 1: the listing's own address)."""
    return page_address(context["request"], number)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's public address; for page N ≥ 2 of a listing, that page's own (`?page=N`), not page 1's."""
    page, request = context.get("page"), context.get("request")
    url = page.get_full_url(request)
    number = getattr(request, "listing_page", 1)
    return f"{url}?page={number}" if url and number > 1 else url


@register.simple_tag(takes_context=True)
def markdown_alternate(context):
    """The address of the page's Markdown form (portability/), or "" for a page without one.

    Live, public hub pages have one; a preview, a private section's page or another page type does not.
    """
    page, request = context.get("page"), context.get("request")
    if page is None or not getattr(page, "pk", None) or getattr(request, "is_preview", False) or not page.live:
        return ""
    if not isinstance(page, tuple(hub_page_models())) or page.path.startswith(tuple(private_paths())):
        return ""
    return markdown_address(page.get_url(request))


# Shared pages without a listing image show the site's own card (its size, for og:image:width/height).
DEFAULT_SOCIAL_IMAGE = {"path": "img/social-card.png", "width": 1200, "height": 630, "alt": "Learning Hub"}


@register.simple_tag(takes_context=True)
def social_image(context):
    """The image social networks show for the page: its listing image cropped around its focal point, or the site's."""
    page = context.get("page")
    image = listing_image(page) if page is not None else None
    if image is not None:
        rendition = image.get_rendition(SOCIAL_IMAGE_SPEC)  # made on publish, prefetched with the page's images
        found = {"url": rendition.url, "width": rendition.width, "height": rendition.height, "alt": page.card_image_alt}
    else:
        found = {**DEFAULT_SOCIAL_IMAGE, "url": static(DEFAULT_SOCIAL_IMAGE["path"])}
    found["url"] = absolute_url(found["url"])
    return found


def _breadcrumbs(page, request=None):
    """Ancestors between the home page (inclusive) and `page` (exclusive), worked out once per page."""
    if not hasattr(page, "_breadcrumbs"):
        known = _ancestors_known_already(page, request)
        page._breadcrumbs = (
            known
            if known is not None
            else list(page.get_ancestors().filter(depth__gte=2).only("id", "title", "url_path"))
        )
    return page._breadcrumbs


def _ancestors_known_already(page, request):
    """The ancestors of a section's index or of a page in it, without a query, or None.

    Serving the page loaded the site's root page, and the sections are the cached main menu; a page
    deeper down, or in a section left out of the menu, needs the database.
    """
    site = Site.find_for_request(request) if request is not None else None  # cached on the request by routing
    if site is None or not Site.root_page.is_cached(site):
        return None
    root = site.root_page
    if not page.path.startswith(root.path) or not root.depth < page.depth <= root.depth + 2:
        return None
    ancestors = [root]
    if page.depth == root.depth + 2:
        section_path = page.path[: len(root.path) + page.steplen]
        section = next((item for item in main_menu(site, request) if item["path"] == section_path), None)
        if section is None:
            return None
        ancestors.append(
            Page(id=section["id"], title=section["title"], path=section["path"], url_path=section["url_path"])
        )
    return ancestors


@register.simple_tag(takes_context=True)
def breadcrumb_pages(context):
    page = context.get("page")
    if page is None or getattr(page, "depth", 0) <= 2:
        return []
    request = context.get("request")
    crumbs = _breadcrumbs(page, request)
    for crumb in crumbs:
        crumb.crumb_url = crumb.get_url(request)
    return crumbs


@register.simple_tag(takes_context=True)
def json_ld(context):
    """schema.org JSON-LD for the page: its BreadcrumbList, and an Article where the type has one."""
    page = context.get("page")
    request = context.get("request")
    if page is None or request is None or not getattr(page, "pk", None):
        return ""
    graph = []
    if page.depth == 2:
        graph.append(_website(page, request))
    if page.depth > 2:
        trail = [*_breadcrumbs(page, request), page]
        graph.append(
            {
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {"@type": "ListItem", "position": n, "name": p.title, "item": p.get_full_url(request)}
                    for n, p in enumerate(trail, start=1)
                ],
            }
        )
    if getattr(page, "json_ld_type", None):
        graph.append(_article(context, page, request))
    if not graph:
        return ""
    data = json.dumps({"@context": "https://schema.org", "@graph": graph}).translate(_JSON_SCRIPT_ESCAPES)
    # `data` can no longer close the script element: <, > and & are \u-escaped above.
    return mark_safe(f'<script type="application/ld+json">{data}</script>')  # noqa: S308


def _organisation(request):
    """The organisation behind the site (a setting editors fill), as schema.org names it."""
    site = Site.find_for_request(request)
    organisation = organisation_for(site)
    logo = (
        absolute_url(organisation.logo.get_rendition("max-600x600").url)
        if organisation.logo
        else absolute_url(static("icons/icon-512.png"))
    )
    return {"@type": "Organization", "name": organisation.name, "url": organisation.address, "logo": logo}


def _article(context, page, request):
    """The page as an Article (or the type it declares) with what Google documents as required or recommended.

    Headline, description, url, image, author, publisher, datePublished and dateModified; then what the
    page type adds (`json_ld_details`: a guide's sections, a review's video, an episode's audio).
    """
    organisation = _organisation(request)
    url = page.get_full_url(request)
    item = {
        "@type": page.json_ld_type,
        "headline": page.title,
        "description": page.meta_description,
        "url": url,
        "mainEntityOfPage": url,
        "image": [social_image(context)["url"]],
        # The page's author where it names one, else the organisation that publishes the hub.
        "author": [_person(page.author, request) if getattr(page, "author", None) else organisation],
        "publisher": organisation,
    }
    if page.listing_date:
        item["datePublished"] = page.listing_date.isoformat()
    # When the content last changed: the last publication (demo pages carry their own dates).
    modified = page.last_published_at or page.first_published_at
    if modified:
        item["dateModified"] = modified.isoformat()
    item.update(page.json_ld_details(request, item))
    return item


def _website(home, request):
    """The site itself, with the search that lets search engines offer a search box for it."""
    root = home.get_full_url(request)
    return {
        "@type": "WebSite",
        "name": "Learning Hub",
        "url": root,
        "description": home.meta_description,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{root.rstrip('/')}{reverse('search')}?q={{search_term_string}}",
            },
            "query-input": "required name=search_term_string",
        },
    }


# One way to write a date for readers, on cards, pages and search results alike.
READING_DATE_FORMAT = "F j, Y"


@register.filter
def reading_date(value):
    """A date as readers see it everywhere on the hub: "December 7, 2026"."""
    return date_format(value, READING_DATE_FORMAT) if value else ""


@register.simple_tag(takes_context=True)
def visible_pages(context, links):
    """The cards of the named pages (PageLinks) a visitor may see, in order, from the page's `neighbourhood`
    (core/related.py), which read them all at once: drafts and private pages are left out, and so is
    every link where there is no page (a block's preview in the editor)."""
    cards = getattr(context.get("neighbourhood"), "cards", {})
    return [cards[int(link)] for link in links or () if link is not None and int(link) in cards]


def _author_url(author, request):
    about = about_page_url(request)
    return f"{about}#{author.slug}" if about else ""


@register.simple_tag(takes_context=True)
def author_url(context, author):
    """Where a byline's name links: the author's introduction on the About page ('' without one)."""
    return _author_url(author, context.get("request"))


def _person(author, request):
    """The author as a schema.org Person, with their introduction on the About page as its address."""
    person = {"@type": "Person", "name": author.name}
    if url := _author_url(author, request):
        person["url"] = absolute_url(url)
    return person


@register.simple_tag(takes_context=True)
def about_url(context):
    """The address of the site's About page ('' without one), for the footer."""
    return about_page_url(context.get("request"))
