"""The pagination every listing uses: one page size, one address per page, a 404 for any other `?page=`."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404

# Every listing shows this many items a page (indexes, topic pages).
PER_PAGE = 12


def paginate(request, items, per_page=PER_PAGE):
    """The page of `items` that `?page=` asks for; a number that is not one of its pages is a 404.

    The request keeps the number it was shown (`listing_page`): the page cache stores `?page=N` only
    for a listing that has that page (operations/page_cache.py), so made-up numbers cannot fill it.
    """
    try:
        page = Paginator(items, per_page).page(request.GET.get("page", 1))
    except InvalidPage:
        raise Http404("This listing has no such page.") from None
    request.listing_page = page.number
    return page


def page_address(request, number):
    """The address of page `number` of the listing `request` shows, keeping its other parameters.

    Page 1 is the listing's own address, without `?page=`: the one address it is cached under.
    """
    params = request.GET.copy()
    params.pop("page", None)
    if number != 1:
        params["page"] = number
    return f"?{params.urlencode()}" if params else request.path
