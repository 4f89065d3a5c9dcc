from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

from core.listings import content_pages, recently_published
from core.models import BasePage, ContentPage
from core.text import excerpt
from topics.models import TopicPage

from .filters import type_choices
from .passages import ListThenResults, matching_passages, passage_ranked
from .query import MAX_QUERY_LENGTH, parse_query
from .suggestions import corrected_words, suggest
from .synonyms import synonym_groups

RESULTS_PER_PAGE = 10
# At most this many results and the query may have a typo worth pointing out.
FEW_RESULTS = 2
# While fewer pages than this hold every word, pages holding some of them are shown too (after
# them unless a passage of theirs holds more of the words: search/passages.py).
ENOUGH_RESULTS = RESULTS_PER_PAGE
# The parameter of "Search instead for …": the query as typed, not corrected.
EXACT = "exact"


def _printable(raw):
    return "".join(ch for ch in raw[:MAX_QUERY_LENGTH] if ch.isprintable())


@require_safe
def search(request):
    raw_query = request.GET.get("q", "")
    query = parse_query(raw_query, synonyms=synonym_groups(), prefix=True)
    types = type_choices()
    chosen_type = request.GET.get("type", "")
    topics = list(TopicPage.objects.live().public().order_by("title").only("id", "title", "slug", "url_path"))
    chosen_topic = next((t for t in topics if t.slug == request.GET.get("topic")), None)

    # Wagtail's own public(): search backends accept only plain lookups on indexed fields.
    pages = Page.objects.live().public()
    if chosen_type in types:
        pages = pages.type(types[chosen_type].model)
    else:
        chosen_type = ""
    if chosen_topic is not None:
        pages = pages.filter(pk__in=content_pages(topic=chosen_topic).values("pk"))

    promotions, results, any_terms, did_you_mean, showing_results_for = [], None, False, None, None
    if query.words:
        record = Query.get(query.text)
        record.add_hit()
        promotions = [p for p in record.editors_picks.select_related("page") if p.page is None or p.page.live]
    if query:
        promoted_ids = {p.page_id for p in promotions if p.page_id}
        searches = Searches(pages.exclude(pk__in=promoted_ids).specific())
        found, count, any_terms = _found(searches, query)
        if count <= FEW_RESULTS:
            did_you_mean = _did_you_mean(query, searches, count, request)
        if did_you_mean and not count and request.GET.get(EXACT) != "1":
            # No page has every word and the correction's words are on some: show those (and offer the query
            # as typed).
            showing_results_for = {
                **did_you_mean,
                "original_url": f"{reverse('search')}?{urlencode({**_filters(request), 'q': query.text, EXACT: 1})}",
            }
            query, did_you_mean = parse_query(did_you_mean["text"], synonyms=synonym_groups()), None
            found, count, any_terms = _found(searches, query)
        results = Paginator(passage_ranked(found, query), RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        annotate_results(list(results.object_list), query, request)

    context = {
        "search_query": _printable(raw_query),
        "query_string": query.text,
        "only_common_words": bool(query.words) and not query,
        "results": results,
        "any_terms": any_terms,
        "did_you_mean": did_you_mean,
        "showing_results_for": showing_results_for,
        "promotions": promotions,
        "type_choices": [(key, choice.label) for key, choice in types.items()],
        "chosen_type": chosen_type,
        "topics": topics,
        "chosen_topic": chosen_topic,
        "suggestions": [] if results else recently_published(5),
    }
    response = render(request, "search/search.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


class Searches:
    """The searches one request makes among `candidates`, each made once: a correction is counted
    to decide whether to offer it and then shown, and each search ranks every page it matches."""

    def __init__(self, candidates):
        self.candidates = candidates
        self._made = {}

    def __call__(self, backend_query, excluding=()):
        key = (repr(backend_query), tuple(excluding))
        if key not in self._made:
            candidates = self.candidates.exclude(pk__in=excluding) if excluding else self.candidates
            self._made[key] = candidates.search(backend_query)
        return self._made[key]


def _found(search, query):
    """(the pages found, how many hold every word, whether none does and some words were enough)."""
    found = search(query.backend_query())
    count = found.count()
    # Few pages have every word: show those that have some too, after them (if none has them all, say
    # so). A quoted phrase is asked for as such: pages without it join only if no page has it.
    if len(query.terms) > 1 and not count:
        return search(query.any_terms()), count, True
    if len(query.terms) > 1 and count < ENOUGH_RESULTS and not query.searching_phrases:
        # Pages with a rare word and a common one are not lost among thousands saying the common one.
        every_word = list(found)
        some_words = search(query.any_terms(), excluding=[page.pk for page in every_word])
        return ListThenResults(every_word, some_words), count, False
    return found, count, False


def _filters(request):
    return {key: value for key, value in request.GET.items() if key in ("type", "topic")}


def _did_you_mean(query, search, count, request):
    """{text, url} of the query with its typos corrected from the site's words, if that finds more."""
    words = corrected_words(query, finds=lambda word: search(parse_query(word).backend_query()).count())
    if words is None:
        return None
    corrected = parse_query(" ".join(words))
    if search(corrected.backend_query()).count() <= count:
        return None
    params = urlencode({"q": corrected.text, **_filters(request)})
    return {"text": corrected.text, "url": f"{reverse('search')}?{params}"}


def annotate_results(pages, query, request):
    """Give each result its link, its best passages (each with a snippet) or an excerpt, and topics."""
    by_model = {}
    for page in pages:
        page.search_url = page.get_url(request)
        page.search_passages_found = matching_passages(page, query, page.search_url) if page.search_url else []
        if isinstance(page, BasePage):
            # With passages shown, the page's own words are its summary; without, any of its text.
            page.search_excerpt = excerpt(page.excerpt_text(with_body=not page.search_passages_found), query.terms)
        else:
            # Wagtail's own root page is a plain Page: it has no words of its own to quote.
            page.search_excerpt = ""
        if isinstance(page, ContentPage):
            by_model.setdefault(type(page), []).append(page)
    for model_pages in by_model.values():
        prefetch_related_objects(model_pages, "topics")


@require_safe
def suggestions(request):
    """Titles and headings for what has been typed so far, as JSON: {"suggestions": [{text, url, page}]}."""
    response = JsonResponse({"suggestions": suggest(request.GET.get("q", ""), request)})
    response["X-Robots-Tag"] = "noindex"
    return response
