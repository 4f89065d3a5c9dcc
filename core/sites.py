"""The Wagtail Site a request is for, remembered by each process until a page or a site changes.

Wagtail looks the site up for every page it serves, then loads its root page: two queries, a third
of a page's render once what the page shows is kept (core/fragments.py). Sites change rarely; they
and their root page are remembered under the token any page change replaces (a site's change
replaces it too: core/signal_handlers.py), and for at most a minute, in case the change was made
while the shared cache could not be told.
"""

import time

from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.views import serve

from core.fragments import pages_version

# A minute at most, and a few host names and ports: a made-up port asks the database, as before.
REMEMBER_SECONDS = 60
MAX_REMEMBERED = 16

_remembered = {}


def site_for_request(request):
    """Wagtail's site for `request` (None if no site serves it), with its root page loaded."""
    version = pages_version()
    if version is None:  # the shared cache is down: no token to trust
        return Site._find_for_request(request)
    key = (split_domain_port(request._get_raw_host())[0], request.get_port())
    found = _remembered.get(key)
    if found is None or found[0] != version or found[1] < time.monotonic():
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page.specific  # noqa: B018 - loaded once, for every request routed through it
        if len(_remembered) >= MAX_REMEMBERED:
            _remembered.clear()
        found = _remembered[key] = (version, time.monotonic() + REMEMBER_SECONDS, site)
    return found[2]


class RememberedSiteMiddleware:
    """Give a request for a page its site before Wagtail looks for it (`Site.find_for_request` reads it from
    there). Other views (health checks, the admin, feeds) are left to look it up as they always have."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is serve:
            request._wagtail_site = site_for_request(request)
