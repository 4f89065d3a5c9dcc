"""Admin hooks: Editors delete only their own drafts, and no image or document a live page uses."""

from django.contrib import messages
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from operations.deletion import (
    in_use_message,
    live_pages_using,
    may_change_live_content,
    page_deletion_refusal,
    refuse,
)
from operations.site_health_views import SiteHealthReportView, may_see_site_health


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


@hooks.register("after_edit_page")
def say_published_when_an_approval_publishes(request, page):
    """Wagtail says "updated" after any workflow action from the editor; when approving published the page,
    say so, as approving from the dashboard does."""
    approved = request.POST.get("action-workflow-action") and request.POST.get("workflow-action-name") == "approve"
    if not approved:
        return None
    page = Page.objects.get(pk=page.pk)  # the view's copy predates the publish the approval made
    if not page.live or page.has_unpublished_changes or page.workflow_in_progress:
        return None
    # Wagtail's "has been updated." was queued by this request; Django's storage has no public way to drop one.
    storage = messages.get_messages(request)
    storage._queued_messages = [m for m in storage._queued_messages if "has been updated." not in str(m.message)]
    messages.success(request, f"Page '{page.get_admin_display_title()}' has been published.")
    return None


class SiteHealthMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_site_health(request.user)


@hooks.register("register_reports_menu_item")
def register_site_health_menu_item():
    return SiteHealthMenuItem("Site health", reverse("site_health"), name="site-health", icon_name="warning", order=50)


@hooks.register("register_admin_urls")
def register_site_health_urls():
    return [
        path("reports/site-health/", SiteHealthReportView.as_view(), name="site_health"),
        path(
            "reports/site-health/results/",
            SiteHealthReportView.as_view(results_only=True),
            name="site_health_results",
        ),
    ]
