"""Listings of pages of several types from one query, each page a card."""

from django.db.models import BooleanField, CharField, DateField, F, Q, Value
from django.db.models.functions import Cast, Coalesce

from core.images import card_image, with_card_images
from core.models import content_page_models, hub_page_models, pages


def _first_of(models_, column, default):
    """The page's own value of `column`: each page has a row in its own type's table only."""
    values = [F(f"{m._meta.model_name}__{column}") for m in models_]
    return Coalesce(*values, default) if values else default


def with_listing_fields(queryset, models_=None):
    """Annotate `listing_summary`, `sort_date` and the listing image (id, alt text, card rendition) from each
    page type's columns.

    A listing can then show title, summary, date and image from one query, instead of `.specific()`
    (one more query per page type on the page of results).
    """
    models_ = models_ or hub_page_models()
    dates = [Cast(F(f"{m._meta.model_name}__{m.date_field}"), DateField()) for m in models_ if m.date_field]
    dates.append(Cast("first_published_at", DateField()))
    annotated = queryset.annotate(
        listing_summary=_first_of(models_, "summary", Value("")),
        sort_date=Coalesce(*dates) if len(dates) > 1 else dates[0],
        card_image_id=_first_of(models_, "listing_image", Value(None)),
        card_alt=_first_of(models_, "listing_image_alt", Value("", output_field=CharField())),
        card_decorative=_first_of(models_, "listing_image_decorative", Value(False, output_field=BooleanField())),
    )
    return with_card_images(annotated, "card_image_id")


def as_cards(pages_):
    """Give generic pages from a `with_listing_fields` query what `components/page_card.html` shows."""
    cards = list(pages_)
    for page in cards:
        page.summary = page.listing_summary
        page.listing_date = page.sort_date
        page.card_image = card_image(page, page.card_image_id)
        page.card_image_alt = "" if page.card_decorative else page.card_alt
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
