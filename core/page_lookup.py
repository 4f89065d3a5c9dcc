"""Finding the page a management command works on, by id or URL path."""

from django.core.management.base import CommandError
from wagtail.models import Page, Site


def find_page(reference, option):
    """The specific page with this id (`42`) or URL path on the default site (`/notes/`)."""
    reference = str(reference).strip()
    if reference.isdigit():
        page = Page.objects.filter(pk=int(reference)).first()
    else:
        path = "/" + "/".join(part for part in reference.split("/") if part)
        path = path.rstrip("/") + "/"
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        candidates = [path]
        if site is not None:
            candidates.insert(0, site.root_page.url_path.rstrip("/") + path)
        page = Page.objects.filter(url_path__in=candidates).order_by("depth").first()
    if page is None:
        raise CommandError(f"{option} {reference}: no page with that id or URL path")
    return page.specific
