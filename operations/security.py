"""Security plumbing: the admin's own Content Security Policy and the client's real address."""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp, with ADMIN_CONTENT_SECURITY_POLICY for the admin instead of the strict public one.

    The public site needs no inline script or style; the Wagtail admin still uses some. The admin's
    page previews render under /admin/ too, so they get the admin policy, whose `frame-ancestors
    'self'` lets the preview panel frame them.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts


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
