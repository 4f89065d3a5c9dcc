"""What the foundation keeps up to date when pages change: renditions, the menu, cached fragments, private sections."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from core.fragments import forget_fragments
from core.images import make_page_renditions
from core.menu import forget_main_menu
from core.models import Organisation, forget_about_page_url, forget_organisation, forget_private_paths


def _forget_main_menu_on_commit(**kwargs):
    # After commit, so no other process can re-cache the old menu in between.
    transaction.on_commit(forget_main_menu)


def _forget_about_page_url_on_commit(**kwargs):
    transaction.on_commit(forget_about_page_url)


def _forget_fragments_on_commit(**kwargs):
    # After commit, as the page cache's purge: no other process can re-cache the old lists in between.
    transaction.on_commit(forget_fragments)


def register_signal_handlers():
    # The organisation is cached; an editor's change shows in feeds and structured data at once.
    post_save.connect(forget_organisation, sender=Organisation, dispatch_uid="core.organisation.saved")
    page_published.connect(make_page_renditions, dispatch_uid="core.images.renditions")

    # The main menu is cached; any page change can add, rename or remove one of its items.
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(_forget_main_menu_on_commit, dispatch_uid=f"core.menu.{signal}")
    pre_delete.connect(_forget_main_menu_on_commit, sender=Page, dispatch_uid="core.menu.deleted")
    # So is the About page's address, which bylines link to.
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(_forget_about_page_url_on_commit, dispatch_uid=f"core.about.{signal}")
    pre_delete.connect(_forget_about_page_url_on_commit, sender=Page, dispatch_uid="core.about.deleted")

    # Fragments that list pages (core/fragments.py): any page change, a page made private or public too.
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(_forget_fragments_on_commit, dispatch_uid=f"core.fragments.{signal}")
    pre_delete.connect(_forget_fragments_on_commit, sender=Page, dispatch_uid="core.fragments.deleted")
    # Each process remembers the sites too (core/sites.py): a changed host name or root page shows at once.
    for signal in (post_save, post_delete):
        signal.connect(_forget_fragments_on_commit, sender=Site, dispatch_uid=f"core.fragments.site.{signal}")
    for signal in (post_save, post_delete):
        signal.connect(
            _forget_fragments_on_commit, sender=PageViewRestriction, dispatch_uid=f"core.fragments.private.{signal}"
        )

    # Listings hide private sections using a cached list of their paths.
    for signal in (post_save, post_delete):
        signal.connect(forget_private_paths, sender=PageViewRestriction, dispatch_uid=f"core.private.{signal}")
    post_page_move.connect(forget_private_paths, dispatch_uid="core.private.moved")
