"""What a moderator is told after approving or requesting changes from the dashboard.

Wagtail's dashboard posts the action and redirects back without a word; the page editor says something
(operations/wagtail_hooks.py makes it say "published" when the approval published)."""

from django.contrib import messages
from wagtail.models import Page

WORKFLOW_ACTION_VIEW = "wagtailadmin_pages:workflow_action"


def outcome_message(page, action_name):
    title = page.get_admin_display_title()
    if action_name == "approve":
        if page.live and not page.has_unpublished_changes and not page.workflow_in_progress:
            return f"Page '{title}' has been approved and published."
        return f"Page '{title}' has been approved."
    if action_name == "reject":
        return f"Changes to '{title}' have been requested; its author has been told."
    return None


class WorkflowActionConfirmationMiddleware:
    """Adds a confirmation after a workflow action taken from the dashboard: a POST that redirects, or the
    "with comment" modal's success, after which Wagtail's script goes to the dashboard again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        if match is None or match.view_name != WORKFLOW_ACTION_VIEW or request.method != "POST":
            return response
        if not (response.status_code == 302 or b'"step": "success"' in response.content):
            return response  # a form with errors in the modal: nothing was done yet
        page = Page.objects.filter(pk=match.kwargs.get("page_id")).first()
        message = page and outcome_message(page, match.kwargs.get("action_name"))
        if message:
            messages.success(request, message)
        return response
