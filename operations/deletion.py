"""What Editors may delete: their own draft pages, and images and documents no live page uses.

Wagtail lets anyone with "change" permission delete (or replace the file of) any image or document
and delete any draft page. For Editors, who cannot publish, that would change live pages without
moderation. So an Editor's delete, or file replacement, of an image or document that a live page
uses is refused with a message naming those pages; deleting a page is allowed only for their own
drafts. Whoever may publish (Moderators, superusers) keeps Wagtail's rules.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, ReferenceIndex

MEDIA_VIEWS = {
    # view name: (URL keyword of the object's id, model getter, what counts: "delete" or "replace")
    "wagtailimages:delete": ("image_id", "image", "delete"),
    "wagtailimages:delete_multiple": ("image_id", "image", "delete"),
    "wagtailimages:edit": ("image_id", "image", "replace"),
    "wagtailimages:edit_multiple": ("image_id", "image", "replace"),
    "wagtaildocs:delete": ("document_id", "document", "delete"),
    "wagtaildocs:delete_multiple": ("doc_id", "document", "delete"),
    "wagtaildocs:edit": ("document_id", "document", "replace"),
    "wagtaildocs:edit_multiple": ("doc_id", "document", "replace"),
}
MAX_NAMED_PAGES = 5


def may_change_live_content(user):
    """Superusers, and members of a group that may publish pages (Moderators)."""
    if user.is_superuser:
        return True
    return GroupPagePermission.objects.filter(group__user=user, permission__codename="publish_page").exists()


def live_pages_using(obj):
    """The live pages whose published content uses `obj` (Wagtail's reference index)."""
    page_type = ReferenceIndex._get_base_content_type(Page)
    ids = ReferenceIndex.get_references_to(obj).filter(base_content_type=page_type).values_list("object_id", flat=True)
    return list(Page.objects.filter(pk__in=[int(pk) for pk in ids], live=True).order_by("title"))


def in_use_message(obj, pages, action):
    titles = ", ".join(f"“{page.title}”" for page in pages[:MAX_NAMED_PAGES])
    if len(pages) > MAX_NAMED_PAGES:
        titles += f" and {len(pages) - MAX_NAMED_PAGES} more"
    verb = "delete it" if action == "delete" else "replace its file"
    return (
        f"“{obj}” is used on live pages: {titles}. Only a moderator can {verb}, as that would change "
        "published pages without review. Take it out of those pages (and submit them), or ask a moderator."
    )


def refuse(request, message, fallback_url):
    messages.error(request, message)
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        return JsonResponse({"success": False, "error_message": message}, status=403)
    return HttpResponseRedirect(fallback_url)


class MediaInUseGuardMiddleware:
    """Refuses an Editor's delete or file replacement of an image or document a live page uses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        guarded = MEDIA_VIEWS.get(match.view_name if match else "")
        if guarded is None or not request.user.is_authenticated:
            return None
        kwarg, kind, action = guarded
        # The delete confirmation ("Yes, delete") is not offered either: the editor is told why before the click.
        if request.method != "POST" and not (request.method == "GET" and action == "delete"):
            return None
        if action == "replace" and not request.FILES:
            return None  # editing the title, tags or focal point changes no page
        if may_change_live_content(request.user):
            return None
        obj = _media_model(kind).objects.filter(pk=view_kwargs.get(kwarg)).first()
        if obj is None:
            return None  # Wagtail's own 404
        pages = live_pages_using(obj)
        if not pages:
            return None
        namespace = "wagtailimages" if kind == "image" else "wagtaildocs"
        return refuse(request, in_use_message(obj, pages, action), reverse(f"{namespace}:edit", args=[obj.pk]))


def _media_model(kind):
    if kind == "image":
        from wagtail.images import get_image_model

        return get_image_model()
    from wagtail.documents import get_document_model

    return get_document_model()


def page_deletion_refusal(user, page):
    """Why `user` may not delete `page` (and the pages below it), or None if they may."""
    if may_change_live_content(user):
        return None
    pages = page.get_descendants(inclusive=True)
    if pages.filter(live=True).exists():
        return f"“{page.title}” is live (or has live pages below it): only a moderator can delete it."
    if pages.exclude(owner=user).exists():
        return f"“{page.title}” is another editor's draft (or holds one): you can delete only your own drafts."
    return None
