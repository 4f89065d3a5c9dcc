"""The pages most like a page by what it says, found with the site's search and stored for related pages.

When a page is published, its title and summary are searched for as /search/ searches (search/query.py:
the words that search, stemmed, any of them; ranked by the backend in one pass, search/ranking.py),
among live, public content pages other than itself. The best `SIMILAR_COUNT` are stored in order
(`core.models.SimilarPage`); a page that shares too few topics to end with `RELATED_COUNT` related
pages ends with them too (core/related.py), read in the query its end makes anyway.

A page published before the pages most like it existed does not know them: `manage.py rebuild_similar`
finds them again for every live page (after a bulk import; `load_demo_content` runs it).
"""

from django.db import transaction
from wagtail.models import Page

from core.fragments import forget_fragments
from core.models import ContentPage, SimilarPage, content_page_models
from core.related import SIMILAR_COUNT

from .query import parse_query


def similar_to(page):
    """The ids of the live, public content pages most like `page` by its title and summary, most similar
    first; none for a page that is not a content page."""
    if not isinstance(page, ContentPage):
        return []
    query = parse_query(f"{page.title} {page.excerpt_text(with_body=False)}")
    if not query:
        return []
    # Wagtail's own public(): search backends accept only plain lookups on indexed fields. The page
    # itself is dropped here for the same reason (one more is asked for).
    candidates = Page.objects.live().public().type(*content_page_models())
    found = candidates.search(query.any_terms())[: SIMILAR_COUNT + 1]
    return [found_page.pk for found_page in found if found_page.pk != page.pk][:SIMILAR_COUNT]


def update_page(page):
    """Store the pages most like `page` in place of those stored before."""
    rows = [SimilarPage(page_id=page.pk, similar_id=pk, position=n) for n, pk in enumerate(similar_to(page))]
    with transaction.atomic():
        SimilarPage.objects.filter(page_id=page.pk).delete()
        SimilarPage.objects.bulk_create(rows)


def rebuild(pages, chunk=500):
    """The similar pages of every live content page of `pages`, found again; returns how many pages have some."""
    count = 0
    with transaction.atomic():
        SimilarPage.objects.all().delete()
        for page in pages.live().type(*content_page_models()).specific().iterator(chunk_size=chunk):
            rows = [SimilarPage(page_id=page.pk, similar_id=pk, position=n) for n, pk in enumerate(similar_to(page))]
            SimilarPage.objects.bulk_create(rows)
            count += bool(rows)
    # Related pages are kept in fragments until a page changes (core/fragments.py): these changed.
    forget_fragments()
    return count
