from wagtail import hooks

from .views import serve_negotiated

# Every page URL answers Markdown to `Accept: text/markdown` (and 406 to an Accept it cannot meet).
hooks.register("before_serve_page", serve_negotiated)
