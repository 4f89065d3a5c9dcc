"""Security plumbing: which Content Security Policy a response gets, and the client's real address."""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp, with the policy chosen per request by `policy_for` (the strict public one by default)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None:
            policy = policy_for(request)
            if policy is not None:
                parts.config = default_config(policy["DIRECTIVES"])
        return parts


def policy_for(request):
    """The policy settings for `request`, or None for the public site's strict CONTENT_SECURITY_POLICY.

    A preview (the editor's preview panel, "Preview in new tab", a revision, a share link) is
    rendered by Wagtail as a dummy request for the page's public URL, passed through the middleware
    with `is_preview` set, so the path alone cannot tell it from a visitor's request. The outer admin
    or /share/ response keeps the header the preview was given.
    """
    if getattr(request, "is_preview", False):
        return settings.PREVIEW_CONTENT_SECURITY_POLICY
    if is_admin_path(request.path_info):
        return settings.ADMIN_CONTENT_SECURITY_POLICY
    return None


def is_admin_path(path):
    return path.startswith(tuple(settings.ADMIN_URL_PREFIXES))


def client_ip(request):
    """The visitor's IP address, for django-axes' login lockout.

    Behind TRUSTED_PROXY_COUNT proxies, each appends the address it received from to
    X-Forwarded-For, so the client is the entry that many places from the right; anything further
    left was written by the client and cannot be trusted. With no proxy, REMOTE_ADDR is the client.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and forwarded:
        return forwarded[-min(proxies, len(forwarded))]
    return request.META.get("REMOTE_ADDR")
