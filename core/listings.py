"""Listings of pages of several types from one query, each page a card."""

from django.db.models import DateField, F, Q, Value
from django.db.models.functions import Cast, Coalesce

from core.models import content_page_models, hub_page_models, pages


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


def as_cards(pages_):
    """Give generic pages from a `with_listing_fields` query what `components/page_card.html` shows."""
    cards = list(pages_)
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


def listed_pages(ids):
    """The live, public pages with these ids, as cards, in the order of `ids` (one query)."""
    found = {page.pk: page for page in as_cards(with_listing_fields(pages().live().public().filter(pk__in=ids)))}
    return [found[pk] for pk in ids if pk in found]
