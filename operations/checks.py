"""System checks for settings an operator gets wrong: `manage.py check` (and `check --deploy`) report them."""

import ipaddress

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def check_forwarded_allow_ips(app_configs=None, **kwargs):
    """FORWARDED_ALLOW_IPS entries must be addresses, networks or *; anything else trusts nobody."""
    errors = []
    for entry in settings.FORWARDED_ALLOW_IPS:
        if entry == "*":
            continue
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            errors.append(
                checks.Warning(
                    f"FORWARDED_ALLOW_IPS has {entry!r}, which is not an IP address, a network or *.",
                    hint="List the proxies' addresses, comma-separated (e.g. 127.0.0.1,10.0.0.0/8), as for gunicorn.",
                    id="operations.W001",
                )
            )
    return errors


@checks.register(checks.Tags.security, deploy=True)
def check_email_is_sent(app_configs=None, **kwargs):
    """In production, mail written to the console is mail nobody reads: password resets, moderation."""
    if settings.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend":
        return [
            checks.Warning(
                "EMAIL_URL is not set: password resets and moderation notifications are written to the log, not sent.",
                hint="Set EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.com:587, and DEFAULT_FROM_EMAIL.",
                id="operations.W002",
            )
        ]
    return []
