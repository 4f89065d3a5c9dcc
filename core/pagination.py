"""The pagination every listing uses: one page size, one address per page, a 404 for any other `?page=`."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.utils.functional import SimpleLazyObject

from core.fragments import remembered

# Every listing shows this many items a page (indexes, topic pages).
PER_PAGE = 12


class SizedPaginator(Paginator):
    """A paginator told its listing's size, already read, so it asks the database for no count of its own."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.count = count  # over the cached_property


def paginate(request, owner, listing, per_page=PER_PAGE, prepare=None):
    """The page of `owner`'s listing that `?page=` asks for: (its number, the page).

    A number that is not one of its pages is a 404. The listing's size is read once per change of the
    site (core/fragments.py), so that costs no query; the page itself is read when it is first used,
    which the template skips while its cached fragment stands. `listing` makes the queryset (which
    costs time to build too); `prepare` gives the page's cards what they need before they are shown.
    The request keeps the number (`listing_page`): the page cache stores `?page=N` only for a listing
    that has that page (operations/page_cache.py), so made-up numbers cannot fill it, nor this cache.
    """
    size = remembered("listing-size", (owner.pk,), lambda: listing().count())
    try:
        number = Paginator(range(size), per_page).validate_number(request.GET.get("page", 1))
    except InvalidPage:
        raise Http404("This listing has no such page.") from None
    request.listing_page = number

    def read():
        # get_page(): should the listing have changed since its size was read (the page then renders
        # under a token already retired), its last page rather than an error.
        page = SizedPaginator(listing(), per_page, size).get_page(number)
        if prepare is not None:
            page.object_list = prepare(list(page.object_list))
        return page

    return number, SimpleLazyObject(read)


def page_address(request, number):
    """The address of page `number` of the listing `request` shows, keeping its other parameters.

    Page 1 is the listing's own address, without `?page=`: the one address it is cached under.
    """
    params = request.GET.copy()
    params.pop("page", None)
    if number != 1:
        params["page"] = number
    return f"?{params.urlencode()}" if params else request.path
