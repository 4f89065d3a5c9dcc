"""Who publishes the hub: a site setting editors fill, read wherever the site names its author or publisher."""

from django.core.cache import cache
from django.db import models
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core.site_url import site_url

ORGANISATION_CACHE_KEY = "hub:organisation:{site_id}"


@register_setting(icon="group")
class Organisation(BaseSiteSetting):
    """The organisation behind the site: the author of its feeds and the publisher in its structured data."""

    name = models.CharField(
        max_length=100,
        default="Learning Hub",
        help_text="The name feed readers show as the feeds' author and search engines as each page's publisher.",
    )
    url = models.URLField(
        blank=True,
        help_text="The organisation's own website, if it is not this site. Left empty, this site's address.",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A logo for search results: a PNG or JPEG at least 112 pixels wide, on a plain background.",
    )

    panels = [
        HelpPanel(
            content="Pages with a named author show that person too; this is who stands behind the site as a whole."
        ),
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("logo"),
    ]

    class Meta:
        verbose_name = "organisation"

    @property
    def address(self):
        return self.url or site_url() + "/"


def organisation_for(site):
    """The site's Organisation (made with its defaults the first time), kept in the cache until it is saved."""
    key = ORGANISATION_CACHE_KEY.format(site_id=site.pk)
    found = cache.get(key)
    if found is None:
        found = Organisation.objects.select_related("logo").get_or_create(site=site)[0]
        cache.set(key, found, None)
    return found


def forget_organisation(sender, instance, **kwargs):
    cache.delete(ORGANISATION_CACHE_KEY.format(site_id=instance.site_id))
