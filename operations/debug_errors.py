"""The designed 404 and 500 pages while developing (DEBUG), where Django would show its debug pages.

`make run` serves with DEBUG on, which makes Django answer a missing page or an error with its own
technical page: useful for a developer, but not what a visitor sees. hubsite/settings/dev.py adds
this middleware unless DEBUG_ERROR_PAGES=1 asks for Django's pages back. The traceback of an error
is still logged to the console.
"""

import logging

from django.conf import settings
from django.http import Http404

from core.views import page_not_found
from operations.views import server_error

logger = logging.getLogger("django.request")


class DesignedErrorPagesMiddleware:
    """Answer Http404 with the site's 404 page and any other exception with its 500 (or 503) page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not settings.DEBUG:  # Django's handlers show the same pages already
            return None
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        logger.exception("Internal Server Error: %s", request.path)
        return server_error(request)
