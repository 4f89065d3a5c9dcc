"""Every page a cache may keep says that it varies by the Accept header (HTML or Markdown)."""

from django.utils.cache import patch_vary_headers


class VaryOnAcceptMiddleware:
    """Pages answer HTML or Markdown by the Accept header: say so, for every cache between here and the reader."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Set by `views.serve_negotiated` on every page Wagtail serves.
        if getattr(request, "varies_on_accept", False):
            patch_vary_headers(response, ["Accept"])
        return response
