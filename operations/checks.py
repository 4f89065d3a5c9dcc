"""System checks for settings an operator gets wrong: `manage.py check` (and `check --deploy`) report them."""

import ipaddress
import os
import pwd
import stat
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.core.cache.backends.filebased import FileBasedCache
from django.http.request import validate_host
from django.utils.module_loading import import_string


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


@checks.register(checks.Tags.security, deploy=True)
def check_site_url(app_configs=None, **kwargs):
    """SITE_URL is the address every absolute URL starts with: it must be set, and be a host the site answers to."""
    hint = "Set SITE_URL to the public address, e.g. SITE_URL=https://hub.example.com, with that host in ALLOWED_HOSTS."
    if not settings.SITE_URL:
        return [checks.Error("SITE_URL is not set: the site cannot name itself.", hint=hint, id="operations.E002")]
    parts = urlsplit(settings.SITE_URL)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path.strip("/") or parts.query:
        return [
            checks.Error(
                f"SITE_URL is {settings.SITE_URL!r}: it must be http:// or https:// and a host, with no path.",
                hint=hint,
                id="operations.E003",
            )
        ]
    if parts.scheme == "https" and parts.port not in (None, 443):
        # Wagtail's Site record says https only by port 443; any other port is written as http://.
        return [
            checks.Error(
                f"SITE_URL {settings.SITE_URL} uses https on port {parts.port}, which Wagtail's Site cannot represent.",
                hint="Serve https on port 443 (behind the proxy) and drop the port from SITE_URL, or use http://.",
                id="operations.E004",
            )
        ]
    if not validate_host(parts.hostname, settings.ALLOWED_HOSTS):
        return [
            checks.Error(
                f"SITE_URL's host {parts.hostname} is not in ALLOWED_HOSTS, so the site would refuse its own address.",
                hint=f"Add {parts.hostname} to ALLOWED_HOSTS (comma-separated), or correct SITE_URL.",
                id="operations.E005",
            )
        ]
    return []


@checks.register(checks.Tags.caches, checks.Tags.security)
def check_file_cache_directory(app_configs=None, **kwargs):
    """A file cache (production's without REDIS_URL: CACHE_DIR) must be writable by this app's user alone.

    Django's file cache unpickles every entry it reads, so whoever can put a file in its directory,
    or swap the directory for another, runs code as the app. An Error, not a Warning: `manage.py
    check` and every command that runs the checks (`migrate`, `runserver`) refuse to go on, and so
    does the WSGI application (hubsite/wsgi.py), which gunicorn loads.
    """
    errors = []
    for config in settings.CACHES.values():
        if not issubclass(import_string(config["BACKEND"]), FileBasedCache):
            continue
        unsafe = _unsafe_directory(Path(config["LOCATION"]))
        if unsafe is not None:
            problem, hint = unsafe
            errors.append(
                checks.Error(
                    f"The file cache directory {config['LOCATION']} {problem}: another local user could plant a "
                    "cache entry that runs code as this app (Django's file cache unpickles what it reads).",
                    hint=f"{hint} Every process that shares the cache (web, cron, commands) runs as that one user.",
                    id="operations.E001",
                )
            )
    return errors


def _unsafe_directory(directory):
    """(problem, fix) when users other than this process's could write into `directory`, else None."""
    me = _user_name(os.geteuid())
    try:
        found = directory.stat()
    except FileNotFoundError:
        found = None  # Django creates it, mode 700, when it first writes
    if found is not None:
        fix = f"chown {me} {directory} && chmod 700 {directory}."
        if not stat.S_ISDIR(found.st_mode):
            return "is not a directory", f"Point CACHE_DIR at a directory of its own ({fix})"
        if found.st_uid != os.geteuid():
            return f"belongs to {_user_name(found.st_uid)}, not {me} (the user this app runs as)", fix
        if found.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return f"is writable by other users (mode {stat.S_IMODE(found.st_mode):o})", fix
    for parent in directory.absolute().parents:
        mode = parent.stat().st_mode if parent.exists() else 0
        # Without the sticky bit (which /tmp has), anyone may rename the cache directory and put their own.
        if mode & stat.S_IWOTH and not mode & stat.S_ISVTX:
            return (
                f"is inside {parent}, which any user can write to (mode {stat.S_IMODE(mode):o})",
                f"chmod o-w {parent}, or set CACHE_DIR to a directory {me} alone can write to (chmod 700).",
            )
    return None


def _user_name(uid):
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"
