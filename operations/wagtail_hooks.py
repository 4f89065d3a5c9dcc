"""Admin hooks: Editors delete only their own drafts, and no image or document a live page uses."""

from django.urls import reverse
from wagtail import hooks
from wagtail.models import Page

from operations.deletion import (
    in_use_message,
    live_pages_using,
    may_change_live_content,
    page_deletion_refusal,
    refuse,
)


@hooks.register("before_delete_page")
def refuse_deleting_live_pages_or_others_drafts(request, page):
    reason = page_deletion_refusal(request.user, page)
    if reason:
        return refuse(request, reason, reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_deletions_editors_may_not_make(request, action_type, objects, action):
    if action_type != "delete" or request.method != "POST":
        return None
    for obj in objects:
        if isinstance(obj, Page):
            reason = page_deletion_refusal(request.user, obj)
        else:
            pages = [] if may_change_live_content(request.user) else live_pages_using(obj)
            reason = in_use_message(obj, pages, "delete") if pages else None
        if reason:
            return refuse(request, reason, getattr(action, "next_url", None) or reverse("wagtailadmin_home"))
    return None
