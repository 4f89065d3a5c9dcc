"""The reviewer's view of a shared draft, and the editor's admin views to make and revoke links."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_safe
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from core.site_url import absolute_url

from .forms import ShareLinkForm
from .models import ShareLink


@require_safe
def view_shared_draft(request, token):
    """Show a link's draft to anyone who has the link, until it expires or is revoked."""
    # 404 (never 403) for unknown, expired and revoked tokens: nothing tells a visitor a link existed.
    link = get_object_or_404(ShareLink.objects.usable().select_related("page"), token=token)
    try:
        page = link.page_to_show()
    except ObjectDoesNotExist as error:  # a revision of another page (or a deleted one)
        raise Http404 from error
    # Rendered as Wagtail renders a preview (a request for the page's own URL), flagged so that
    # base.html shows the draft banner instead of the editor's preview banner.
    response = page.make_preview_request(request, page.default_preview_mode, extra_request_attrs={"share_link": link})
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"  # keep the token out of other sites' logs
    return response


def editable_page(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


class PageShareLinksView(WagtailAdminTemplateMixin, FormView):
    """A page's share links, with a form to make a new one."""

    template_name = "sharing/page_share_links.html"
    form_class = ShareLinkForm
    header_icon = "link"

    def dispatch(self, request, page_id):
        self.page = editable_page(request, page_id)
        return super().dispatch(request, page_id)

    def get_page_title(self):
        return "Share draft"

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]), "label": self.get_page_subtitle()},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "page": self.page}

    def form_valid(self, form):
        link = form.save(self.request.user)
        messages.success(self.request, "Share link created. Copy it from the list below and send it to your reviewer.")
        return redirect(f"{reverse('sharing_admin:page_links', args=[self.page.pk])}#link-{link.pk}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        links = self.page.share_links.select_related("created_by", "revision")
        labels = context["form"].version_labels
        context.update(
            page=self.page,
            links=[(link, absolute_url(link.get_absolute_url()), labels.get(link.revision_id)) for link in links],
        )
        return context


class RevokeLinkView(WagtailAdminTemplateMixin, TemplateView):
    """Ask first (GET), then revoke (POST): whoever has the link loses it at once, with no way back."""

    template_name = "sharing/revoke_link.html"
    header_icon = "link"
    http_method_names = ["get", "post"]

    def dispatch(self, request, pk):
        self.link = get_object_or_404(ShareLink.objects.select_related("revision"), pk=pk)
        self.page = editable_page(request, self.link.page_id)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return "Revoke share link"

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]), "label": self.get_page_subtitle()},
            {"url": reverse("sharing_admin:page_links", args=[self.page.pk]), "label": "Share draft"},
            {"url": "", "label": "Revoke"},
        ]

    def get_context_data(self, **kwargs):
        url = absolute_url(self.link.get_absolute_url())
        return super().get_context_data(link=self.link, page=self.page, url=url, **kwargs)

    def post(self, request, pk):
        self.link.revoke()
        messages.success(request, "Share link revoked: it now shows 'not found'.")
        return redirect("sharing_admin:page_links", self.page.pk)
