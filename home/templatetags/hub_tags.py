from django import template
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu_pages(context):
    """The hub's sections for the header: live children of the site root marked 'show in menus'.

    Each item carries `current` ("page", "true" or "") for `aria-current`.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    current = context.get("page")
    items = list(site.root_page.get_children().live().in_menu().only("id", "title", "path", "url_path"))
    for item in items:
        item.current = ""
        if current is not None and getattr(current, "path", "").startswith(item.path):
            item.current = "page" if current.pk == item.pk else "true"
        item.menu_url = item.get_url(request)
    return items
