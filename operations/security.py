"""Security plumbing: which Content Security Policy a response gets, and the client's real address."""

import functools
import ipaddress

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
    """The visitor's IP address, for django-axes' login lockout (and anything else that needs it).

    X-Forwarded-For is believed only when it comes from a trusted proxy: the peer (REMOTE_ADDR)
    must be in FORWARDED_ALLOW_IPS, as gunicorn's setting of that name says (addresses or networks,
    or * for any peer). Each proxy appends the address it received from, so the client is the
    right-most entry that is not itself a listed proxy; anything further left was written by the
    client. A client that reaches gunicorn directly is its own REMOTE_ADDR, whatever it sends.
    """
    remote = request.META.get("REMOTE_ADDR")
    allowed = settings.FORWARDED_ALLOW_IPS
    if "*" not in allowed and not _listed(remote, allowed):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for address in reversed(forwarded):
        if not _listed(address, allowed):
            return address
    return forwarded[0] if forwarded else remote


def _listed(address, allowed):
    """Whether `address` is one of the addresses or networks in `allowed` ("*" lists none itself)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(allowed)))


@functools.cache
def _networks(allowed):
    networks = []
    for entry in allowed:
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            continue  # "*", or nonsense the system check reports
    return networks
