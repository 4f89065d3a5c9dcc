"""The API's throttle, ahead of the page cache: an answer from the cache counts like any other."""

import functools
import math

from django.http import JsonResponse
from django.urls import reverse
from rest_framework.exceptions import Throttled

from .views import AnonymousThrottle


@functools.cache
def api_root():
    """Where hubsite/urls.py mounts the API ("/api/v2/")."""
    return reverse("wagtailapi:pages:listing").removesuffix("pages/")


class APIThrottleMiddleware:
    """Count every API request against its client's rate (`AnonymousThrottle`); over it, a 429 as DRF words it.

    It sits before the page cache (hubsite/settings/base.py): the views' own throttle would count
    only the requests that reach them, and the cached ones never do.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(api_root()):
            throttle = AnonymousThrottle()
            if not throttle.allow_request(request, None):
                wait = math.ceil(throttle.wait() or 1)
                return JsonResponse(
                    {"message": str(Throttled(wait).detail)}, status=429, headers={"Retry-After": str(wait)}
                )
        return self.get_response(request)
