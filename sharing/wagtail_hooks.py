"""'Share draft' in the page's admin menus, and the admin views behind it."""

from django.urls import include, path
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from . import admin_urls


class ShareDraftMenuItem(PageMenuItem):
    label = "Share draft"
    icon_name = "link"
    url_name = "sharing_admin:page_links"

    def is_shown(self, user):
        return self.page.permissions_for_user(user).can_edit()


@hooks.register("register_admin_urls")
def register_sharing_urls():
    return [path("sharing/", include(admin_urls))]


@hooks.register("register_page_header_buttons")
def share_draft_header_button(page, user, view_name, next_url=None):
    yield ShareDraftMenuItem(page=page, priority=66)


@hooks.register("register_page_listing_more_buttons")
def share_draft_listing_button(page, user, next_url=None):
    yield ShareDraftMenuItem(page=page, priority=66)
