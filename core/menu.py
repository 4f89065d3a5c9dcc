"""The header's main menu: the site root's live children marked 'show in menus', cached.

Every page shows the menu, so it is kept in the cache (shared between processes when Redis is
configured) and forgotten whenever any page is published, unpublished, moved or deleted.
"""

from django.core.cache import cache
from wagtail.models import Site

# v2: items carry url_path (breadcrumbs build on them); a new key so no process reads the old shape.
MENU_KEY = "hub:main-menu:v2:{site_id}"


def main_menu(site, request):
    """[{'id', 'title', 'path', 'url_path', 'url'}, …] for the site's main menu."""
    key = MENU_KEY.format(site_id=site.pk)
    items = cache.get(key)
    if items is None:
        children = site.root_page.get_children().live().in_menu().only("id", "title", "path", "url_path")
        items = [
            {"id": p.pk, "title": p.title, "path": p.path, "url_path": p.url_path, "url": p.get_url(request)}
            for p in children
        ]
        cache.set(key, items, timeout=None)
    return items


def forget_main_menu():
    cache.delete_many([MENU_KEY.format(site_id=pk) for pk in Site.objects.values_list("pk", flat=True)])
