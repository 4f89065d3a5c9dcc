"""The site's one public address (SITE_URL) and everything that follows from it.

Every absolute URL the hub writes starts with SITE_URL, never with the Host a request happened to
send: a crawler, a feed reader or a cache that reached the site by another name (an internal
address, a load balancer's) must still be given the one address people should use.
Page URLs come from Wagtail's Site record, which `migrate` brings in step with SITE_URL
(`sync_default_site`); everything else is built here with `absolute_url`.
"""

from urllib.parse import urlsplit

from django.conf import settings


def site_url():
    """SITE_URL without a trailing slash, e.g. "https://hub.example.com"."""
    return settings.SITE_URL.rstrip("/")


def absolute_url(path):
    """`path` (a site-relative URL such as "/sitemap.xml") at the public address; absolute URLs pass through."""
    if urlsplit(path).scheme:
        return path
    return site_url() + "/" + path.lstrip("/")


def site_host_and_port(url=None):
    """(hostname, port) for Wagtail's Site record: the port is what makes Wagtail write https (443) or not."""
    parts = urlsplit(url or site_url())
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname, parts.port or default_port


def sync_default_site(using="default", **kwargs):
    """post_migrate: point the default Site at SITE_URL, so page URLs (canonical, sitemap, API) use it."""
    from wagtail.models import Site

    if not settings.SITE_URL:
        return
    hostname, port = site_host_and_port()
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return
    site.hostname, site.port = hostname, port
    site.save(using=using, update_fields=["hostname", "port"])
    Site.clear_site_root_paths_cache()
