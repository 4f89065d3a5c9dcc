"""The pages browser tests visit, and checks that run inside the page."""

import io
from pathlib import Path

from django.core.management import call_command
from wagtail.models import Page

WIDTHS = (320, 390, 768, 1280)


def demo_site_urls():
    """Build the demo site; a URL for every public page type, plus search results, empty search and the 404."""
    call_command("load_demo_content", stdout=io.StringIO())  # publishing indexes the pages for search
    urls = {}
    for page in Page.objects.live().public().filter(depth__gte=2).specific().order_by("path"):
        urls.setdefault(type(page).__name__, page.url)
    return [*urls.values(), "/search/?q=django", "/search/", "/search/?q=zzzzqqqq-nothing", "/no-such-page/"]


# How far the page reaches past the window's right edge (0: no sideways scrolling).
OVERFLOW_JS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"

# WCAG 2.2's Target Size (Minimum), checked in the page: see target_size.js.
TARGET_SIZE_JS = (Path(__file__).parent / "target_size.js").read_text()
