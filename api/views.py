"""Wagtail's API v2, read-only and public: live pages nobody needs to log in to see, images, documents.

What changes from Wagtail's own endpoints, and why:
- Public means public to everyone: a logged-in editor gets the same answers as anyone (Wagtail's
  endpoints show a signed-in user their restricted pages and collections), so responses can be cached.
- Fields are what each page type declares in its `api_fields` (Wagtail's declaration, on the model:
  `core.models` for what all pages share, each section's models for their own), never a model's every
  column. A field not declared (an editor's draft notes, `seo_title`, `listing_image_alt`…) is never
  served; StreamFields are served as Wagtail's structured JSON (`[{"type", "value", "id"}]`).
- Bad input is a 400 with a message, never a 500: unknown operators, NUL bytes, bad numbers, an
  offset past `MAX_OFFSET` (one past the database's integer range made it fail).
- Every client is throttled (`API_ANON_RATE`), by `api.middleware.APIThrottleMiddleware` ahead of the
  page cache, so answers from the cache count too; JSON only (no browsable API, whose forms carry
  CSRF tokens); responses are cacheable for a minute by browsers and CDNs, and the page cache keeps
  query-less ones until a page is published.
"""

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db.models import Q
from django.http import JsonResponse
from rest_framework.renderers import JSONRenderer
from rest_framework.throttling import AnonRateThrottle
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection, CollectionViewRestriction, Site

from core.models import hub_page_models, pages
from operations.security import client_ip

CACHE_CONTROL = "public, max-age=60"
SEARCH_OPERATORS = {"and", "or"}
# Far deeper than any listing of the hub goes, and far inside every database's integer range.
MAX_OFFSET = 1_000_000


class AnonymousThrottle(AnonRateThrottle):
    """DRF's per-address throttle, at the rate `API_ANON_RATE` sets, for every client of the API.

    The address is the one the admin's login lockout uses: X-Forwarded-For is believed only from a peer
    in FORWARDED_ALLOW_IPS (DRF's own reading trusts the whole header unless told how many proxies
    there are, so a client could pick a new address per request).

    Requests are counted in the shared cache, so the limit holds across processes and machines.
    While it is down (Redis refusing or hanging: the circuit breaker in operations/cache_backend.py
    is open), each process counts in its own memory instead: a client gets at most the rate per
    process, where reading a cache that is not there would let every request through.
    """

    local_cache = LocMemCache("api-throttle", {})

    def get_rate(self):
        return settings.API_ANON_RATE

    def get_ident(self, request):
        return client_ip(request)

    def get_cache_key(self, request, view):
        # Every client is anonymous to the API (it has no authentication classes); and this runs
        # before the authentication middleware, so there is no `request.user` to ask.
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def allow_request(self, request, view):
        shared = caches["default"]
        if not _is_down(shared):
            self.cache = shared
            allowed = super().allow_request(request, view)
            if not _is_down(shared):
                return allowed
        # Down, or it went down during this request (a first timeout): count here.
        self.cache = self.local_cache
        return super().allow_request(request, view)


def _is_down(cache):
    """Whether the cache's circuit breaker is open (only ResilientRedisCache has one)."""
    return getattr(cache, "is_down", bool)()


class BoundedPagination(WagtailPagination):
    """Wagtail's offset and limit, with an offset beyond `MAX_OFFSET` refused like a limit beyond its maximum."""

    def paginate_queryset(self, queryset, request, view=None):
        try:
            too_far = int(request.GET.get("offset", 0)) > MAX_OFFSET
        except ValueError:
            too_far = False  # not a number: Wagtail's own check answers it
        if too_far:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class PublicAPIMixin:
    renderer_classes = [JSONRenderer]
    # Throttled by api.middleware.APIThrottleMiddleware, before the page cache can answer.
    throttle_classes = []
    pagination_class = BoundedPagination

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name, value in request.GET.items():
            if "\x00" in name or "\x00" in value:
                raise BadRequestError(f"{name.replace(chr(0), '')!r} holds a NUL character")
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")

    def handle_exception(self, exc):
        # Wagtail answers its own errors as {"message": …} and leaves DRF's as {"detail": …}: one shape for all.
        response = super().handle_exception(exc)
        if isinstance(response.data, dict) and set(response.data) == {"detail"}:
            response.data = {"message": str(response.data["detail"])}
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            response["Cache-Control"] = CACHE_CONTROL
        return response


class PublicPagesAPIViewSet(PublicAPIMixin, PagesAPIViewSet):
    # The page metadata every type shows (Wagtail's `meta` object); Wagtail's others (`seo_title`,
    # `show_in_menus`, `alias_of`, `locale`, `search_description`) are left out on purpose.
    meta_fields = ["type", "detail_url", "html_url", "slug", "first_published_at", "parent"]
    listing_default_fields = ["id", "type", "detail_url", "title", "html_url", "slug", "first_published_at"]
    nested_default_fields = ["id", "type", "detail_url", "title"]
    # `site` is dropped: this API answers for the site it is asked on.
    known_query_parameters = PagesAPIViewSet.known_query_parameters - {"site", "translation_of", "locale"}

    @classmethod
    def get_meta_fields(cls, model):
        return cls._convert_api_fields(cls.meta_fields)

    @classmethod
    def get_detail_default_fields(cls, model):
        return cls.get_body_fields_names(model) + list(cls.meta_fields)

    def get_base_queryset(self):
        """Live hub pages of this site outside every private section, whoever asks."""
        site = Site.find_for_request(self.request)
        if site is None:
            return pages().none()
        return pages().live().public().descendant_of(site.root_page, inclusive=True).type(*hub_page_models())


def _public_collections(queryset):
    """Objects outside every collection with a view restriction (and the collections below it).

    Left out by collection id, which search can filter on too (by the collection's path, every
    search answered 400 once a private collection existed).
    """
    private = Q()
    for path in CollectionViewRestriction.objects.values_list("collection__path", flat=True):
        private |= Q(path__startswith=path)
    if not private:
        return queryset
    return queryset.exclude(collection__in=list(Collection.objects.filter(private).values_list("pk", flat=True)))


class PublicImagesAPIViewSet(PublicAPIMixin, ImagesAPIViewSet):
    body_fields = ["id", "title", "width", "height"]
    meta_fields = ["type", "detail_url", "download_url"]
    listing_default_fields = ["id", "type", "detail_url", "title", "download_url"]

    def get_queryset(self):
        return _public_collections(self.model.objects.all().order_by("id"))


class PublicDocumentsAPIViewSet(PublicAPIMixin, DocumentsAPIViewSet):
    body_fields = ["id", "title"]
    meta_fields = ["type", "detail_url", "download_url"]
    listing_default_fields = ["id", "type", "detail_url", "title", "download_url"]

    def get_queryset(self):
        return _public_collections(self.model.objects.all().order_by("id"))


def not_found(request, *args, **kwargs):
    """Any other address under the API (`/api/v2/pages/abc/`, `/api/v2/nothing/`): a JSON 404 like its others."""
    return JsonResponse(
        {"message": "Not found: see /api/v2/pages/, /api/v2/images/ or /api/v2/documents/."}, status=404
    )
