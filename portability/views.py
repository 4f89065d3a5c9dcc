"""Pages as Markdown (`/<path>.md`, `/<path>/index.html.md`, or `Accept: text/markdown`) and /llms.txt.

Only live, public pages: a draft, a page with a view restriction (on it or an ancestor) or a page of
another site is a 404, exactly like a path that names no page. Previews never come here (Wagtail
serves them through `serve_preview`, which skips the `before_serve_page` hook).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, TextField, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Site

from core.models import IndexPage, hub_page_models, pages
from core.negotiation import MARKDOWN_CONTENT_TYPE, negotiate
from core.site_url import absolute_url

from . import writer as md
from .markdown import page_markdown

NOT_ACCEPTABLE = "This page is available as text/html or text/markdown; the Accept header allowed neither.\n"


def markdown_response(page, request):
    response = HttpResponse(page_markdown(page, request), content_type=MARKDOWN_CONTENT_TYPE)
    response["X-Robots-Tag"] = "noindex"  # the HTML page is the one search engines should list
    return response


def public_page(site, url_path):
    """The live, public hub page at `url_path` under `site`'s root, specific, or Http404."""
    page = pages().live().filter(url_path=url_path).first()
    if page is None or not issubclass(page.specific_class or type(None), tuple(hub_page_models())):
        raise Http404("No such page")
    if not page.url_path.startswith(site.root_page.url_path) or page.get_view_restrictions().exists():
        raise Http404("No such page")
    return page.specific


@require_safe
def page_as_markdown(request, path=""):
    """`/guides/x.md` and `/guides/x/index.html.md` (path `guides/x`); `/index.html.md` is the home page."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site")
    path = path.strip("/")
    url_path = site.root_page.url_path + (f"{path}/" if path else "")
    return markdown_response(public_page(site, url_path), request)


def serve_negotiated(page, request, serve_args, serve_kwargs):
    """`before_serve_page` hook: the page's Markdown when the Accept header prefers it, 406 when it allows
    neither HTML nor Markdown; otherwise Wagtail serves the HTML as usual (with `Vary: Accept`)."""
    request.varies_on_accept = True
    wanted = negotiate(request)
    if wanted == "html":
        return None
    if wanted is None:
        return HttpResponse(NOT_ACCEPTABLE, status=406, content_type="text/plain; charset=utf-8")
    page = page.specific
    if not isinstance(page, tuple(hub_page_models())) or page.get_view_restrictions().exists():
        raise Http404("No such page")
    return markdown_response(page, request)


# /llms.txt

SUMMARY_CHARACTERS = 160


def section_models():
    """The section indexes llms.txt lists, in the order they declare (`IndexPage.llms_txt_section`)."""
    sections = [m for m in hub_page_models() if issubclass(m, IndexPage) and m.llms_txt_section is not None]
    return sorted(sections, key=lambda model: (model.llms_txt_section, model._meta.label))


def _one_line(text, limit=SUMMARY_CHARACTERS):
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


@require_safe
@cache_control(public=True, max_age=settings.FEED_CACHE_SECONDS)  # as the feeds: new pages show within a minute
def llms_txt(request):
    """The llms.txt proposal (llmstxt.org): the hub's name and purpose, then each section's newest pages.

    Each section lists at most LLMS_TXT_SECTION_PAGES pages and at most its share of LLMS_TXT_MAX_BYTES,
    then links to the section's own Markdown listing of every page, so the file stays small at any
    size of site. One query per section, whatever it holds.
    """
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site")
    home = site.root_page.specific
    sections = section_models()
    # Each index's summary is in its own type's table.
    summary = Coalesce(
        *(F(f"{model._meta.model_name}__summary") for model in sections), Value(""), output_field=TextField()
    )
    indexes = (
        pages()
        .live()
        .public()
        .child_of(home)
        .type(*sections)
        .filter(view_restrictions__isnull=True)
        .annotate(section_summary=summary)
        .order_by("path")
    )
    lines = [f"# {site.site_name or settings.WAGTAIL_SITE_NAME}", ""]
    purpose = home.intro or home.summary
    if purpose:
        lines += [f"> {md.escape_inline(_one_line(purpose, 300))}", ""]
    lines += [
        "Every page below is linked as Markdown (the same address with `.md`; or send `Accept: text/markdown`).",
        f"A read-only JSON API is at {absolute_url('/api/v2/pages/')}.",
        "",
    ]
    budget = settings.LLMS_TXT_MAX_BYTES - len("\n".join(lines).encode()) - 256
    # In the order the sections declare: guides, reviews, notes, articles (as the menu names them).
    order = {ContentType.objects.get_for_model(model).pk: rank for rank, model in enumerate(sections)}
    indexes = sorted(indexes, key=lambda index: (order[index.content_type_id], index.path))
    for index in indexes:
        lines += _section(request, index, budget // max(len(indexes), 1))
    return HttpResponse("\n".join(lines).rstrip("\n") + "\n", content_type="text/plain; charset=utf-8")


def _section(request, index, budget):
    title = md.escape_inline(index.title)
    listing = index.specific_deferred.get_listing().defer_streamfields()[: settings.LLMS_TXT_SECTION_PAGES]
    all_link = f"- [All of {title}]({absolute_url(md.markdown_url(index, request))})"
    if index.section_summary:
        all_link += f": {md.escape_inline(_one_line(index.section_summary))}"
    head = [f"## {title}", ""]
    used = len("\n".join([*head, all_link, ""]).encode()) + 2
    entries = []
    for page in listing:
        line = f"- [{md.escape_inline(page.title)}]({absolute_url(md.markdown_url(page, request))})"
        if page.summary:
            line += f": {md.escape_inline(_one_line(page.summary))}"
        size = len(line.encode()) + 1
        if used + size > budget:
            break
        entries.append(line)
        used += size
    return [*head, *entries, all_link, ""]
