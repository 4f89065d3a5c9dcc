"""What a content page shows at its end: related pages, and the previous and next page of its section.

Editors name related pages where they write (a guide's section or question, an article's section, a
talk in event notes, a review: `core.blocks.RelatedPagesBlock`). Where they named none, the pages
sharing the most topics with this one stand in, the more similar first among those sharing as many;
when fewer than `RELATED_COUNT` share a topic, the pages most like this one by what they say fill the
rest. Those are found by the site's search when the page is published and stored (`SimilarPage`,
search/similar.py), so reading them costs no query of its own. Either way, one query reads every card
the page shows (named links in its body too) with its previous and next sibling, and a published page
keeps what it read until any page changes (core/fragments.py), so most renders make no query for it.
"""

from dataclasses import dataclass, field

from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from core.blocks import PageLink
from core.listings import as_cards, with_listing_fields
from core.models import SimilarPage, content_page_models, pages

# How many related pages a page ends with (two rows of two in the reading column).
RELATED_COUNT = 4
# How many similar pages are kept for a page: enough to fill its related pages when some of them
# share topics with it, or have since been unpublished or made private.
SIMILAR_COUNT = 2 * RELATED_COUNT


@dataclass
class Neighbourhood:
    """The related cards a page ends with, and its previous and next page in its section (either may be None)."""

    related: list = field(default_factory=list)
    previous: object = None
    next: object = None
    # Every card read, by page id: the related pages, the neighbours and the pages named in the body
    # (a page a visitor cannot see has none).
    cards: dict = field(default_factory=dict)

    def __bool__(self):
        return bool(self.related or self.previous or self.next)


def page_links(value):
    """Every PageLink in a StreamField value, however deeply nested, in reading order (no query)."""
    if isinstance(value, PageLink):
        return [value]
    if isinstance(value, dict):  # StructValue
        return [link for child in value.values() for link in page_links(child)]
    if hasattr(value, "raw_data") or hasattr(value, "bound_blocks"):  # StreamValue, ListValue
        return [link for child in value for link in page_links(getattr(child, "value", child))]
    return []


def _shared_topics(topic_ids):
    """How many of `topic_ids` a page of any content type is filed under (an expression on pages)."""
    total = Value(0)
    for model in content_page_models():
        owner = f"{model._meta.model_name}_id"
        tagged = model.topics.through.objects.filter(**{owner: OuterRef("pk"), "topicpage_id__in": topic_ids})
        count = tagged.order_by().values(owner).annotate(shared=Count("pk")).values("shared")[:1]
        total = total + Coalesce(Subquery(count, output_field=IntegerField()), 0)
    return total


def _likeness(page):
    """Where a page stands among `page`'s most similar pages (0 the most similar; null if not among them)."""
    position = SimilarPage.objects.filter(page_id=page.pk, similar_id=OuterRef("pk")).values("position")[:1]
    return Subquery(position, output_field=IntegerField())


def _ranked(cards):
    """The related pages among `cards`: those sharing most topics first (the more similar, then the
    newer, first among equals), then the most similar of those sharing none."""

    def by_topics(card):
        likeness = SIMILAR_COUNT if card.likeness is None else card.likeness  # not similar: after all that are
        return -card.shared, likeness, -card.sort_date.toordinal(), -card.pk

    sharing = sorted((card for card in cards if card.shared > 0), key=by_topics)
    similar = sorted(
        (card for card in cards if not card.shared and card.likeness is not None), key=lambda card: card.likeness
    )
    return (sharing + similar)[:RELATED_COUNT]


def neighbourhood(page, request=None, links=()):
    """The page's related cards and its neighbours in its section, in one query.

    `links`: the PageLinks named in the page's content; their cards are among `cards`. When there
    are any, they are the related pages; otherwise the pages sharing most topics with this one are,
    filled up with the pages most similar to it.
    """
    previous_pk, next_pk = page.adjacent_queries()
    named = list(dict.fromkeys(int(link) for link in links if int(link) != page.pk))
    if named:
        related = Q(pk__in=named)
    else:
        topic_ids = page.topic_ids_for_related(request)
        candidates = (
            pages()
            .live()
            .public()
            .type(*content_page_models())
            .exclude(pk=page.pk)
            .annotate(shared=_shared_topics(topic_ids), likeness=_likeness(page))
            .filter(shared__gt=0)
            .order_by("-shared", F("likeness").asc(nulls_last=True), "-first_published_at", "-pk")
            .values("pk")[:RELATED_COUNT]
        )
        similar = SimilarPage.objects.filter(page_id=page.pk).values("similar_id")
        related = Q(pk__in=Subquery(candidates)) | Q(pk__in=Subquery(similar))
    found = (
        with_listing_fields(pages().live().public())
        .filter(related | Q(pk=Subquery(previous_pk)) | Q(pk=Subquery(next_pk)))
        .annotate(
            side=Case(
                When(pk=Subquery(previous_pk), then=Value(-1)),
                When(pk=Subquery(next_pk), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    )
    if not named:
        found = found.annotate(shared=_shared_topics(page.topic_ids_for_related(request)), likeness=_likeness(page))
    cards = as_cards(found)
    by_pk = {card.pk: card for card in cards}
    result = Neighbourhood(
        cards=by_pk,
        previous=next((card for card in cards if card.side == -1), None),
        next=next((card for card in cards if card.side == 1), None),
    )
    if named:
        result.related = [by_pk[pk] for pk in named if pk in by_pk][:RELATED_COUNT]
    else:
        result.related = _ranked(cards)
    return result
