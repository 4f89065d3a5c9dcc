"""The pagination every listing uses: one page size, and no error for a bad `?page=`."""

from django.core.paginator import Paginator

# Every listing shows this many items a page (indexes, topic pages).
PER_PAGE = 12


def paginate(request, items, per_page=PER_PAGE):
    """One page of `items`; a bad or out-of-range `?page=` gives the first or last page, never an error."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
