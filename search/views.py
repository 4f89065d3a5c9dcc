from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page, get_page_models

from core.listings import content_pages, recently_published
from core.models import BasePage, ContentPage
from core.text import excerpt
from topics.models import TopicPage

from .query import MAX_QUERY_LENGTH, clean_query

RESULTS_PER_PAGE = 10


def searchable_types():
    """Page types a visitor can filter by, keyed by a short URL-safe name."""
    return {
        model._meta.model_name: model for model in get_page_models() if model is not Page and not model._meta.abstract
    }


@require_GET
def search(request):
    raw_query = request.GET.get("q", "")
    terms = clean_query(raw_query)
    query_string = " ".join(terms)
    types = searchable_types()
    chosen_type = request.GET.get("type", "")
    topics = list(TopicPage.objects.live().public().order_by("title").only("id", "title", "slug", "url_path"))
    chosen_topic = next((t for t in topics if t.slug == request.GET.get("topic")), None)

    # Wagtail's own public(): search backends accept only plain lookups on indexed fields.
    pages = Page.objects.live().public()
    if chosen_type in types:
        pages = pages.type(types[chosen_type])
    else:
        chosen_type = ""
    if chosen_topic is not None:
        pages = pages.filter(pk__in=content_pages(topic=chosen_topic).values("pk"))

    promotions = []
    results = None
    if query_string:
        query = Query.get(query_string)
        query.add_hit()
        promotions = [p for p in query.editors_picks.select_related("page") if p.page is None or p.page.live]
        promoted_ids = {p.page_id for p in promotions if p.page_id}
        found = pages.exclude(pk__in=promoted_ids).specific().search(query_string)
        results = Paginator(found, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        annotate_results(list(results.object_list), terms, request)

    context = {
        "search_query": "".join(ch for ch in raw_query[:MAX_QUERY_LENGTH] if ch.isprintable()),
        "query_string": query_string,
        "results": results,
        "promotions": promotions,
        "type_choices": [(key, model.get_verbose_name()) for key, model in sorted(types.items())],
        "chosen_type": chosen_type,
        "topics": topics,
        "chosen_topic": chosen_topic,
        "suggestions": [] if results else recently_published(5),
    }
    response = render(request, "search/search.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


def annotate_results(pages, terms, request):
    """Give each result its excerpt, a link (to the matching question where there is one) and topics."""
    by_model = {}
    for page in pages:
        # Wagtail's own root page is a plain Page: it has no words of its own to quote.
        page.search_excerpt = excerpt(page.excerpt_text() if isinstance(page, BasePage) else "", terms)
        anchor = page.search_anchor(terms) if hasattr(page, "search_anchor") else ""
        page.search_url = page.get_url(request) + (f"#{anchor}" if anchor else "")
        if isinstance(page, ContentPage):
            by_model.setdefault(type(page), []).append(page)
    for model_pages in by_model.values():
        prefetch_related_objects(model_pages, "topics")
