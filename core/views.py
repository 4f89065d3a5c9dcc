"""Pages around the content that every site has."""

import logging

from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseForbidden, HttpResponseNotFound
from django.template import loader
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Site

from core.menu import main_menu
from core.site_url import absolute_url

logger = logging.getLogger(__name__)


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /search/",
        f"Sitemap: {absolute_url('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def page_not_found(request, exception):
    """The 404 page, with the site's sections to go on from.

    The menu is nearly always in the cache (every page shows it); otherwise it is read from the
    database, and a database that cannot be reached leaves the page with its search box alone.
    """
    try:
        site = Site.find_for_request(request)
        menu_pages = main_menu(site, request) if site else []
    except DatabaseError:
        logger.warning("404 page without the main menu: the database is unreachable")
        menu_pages = []
    return HttpResponseNotFound(loader.render_to_string("404.html", {"menu_pages": menu_pages}, request))


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token: the site's own page, saying what to do (CSRF_FAILURE_VIEW).

    Django's default is a bare technical page outside the site's layout. The reason stays in the log.
    """
    logger.warning("CSRF check failed: %s", reason, extra={"path": request.path})
    no_cookie = reason.startswith("CSRF cookie")
    return HttpResponseForbidden(loader.render_to_string("403_csrf.html", {"no_cookie": no_cookie}, request))
