"""Share links: an unguessable address that shows one page's draft to a reviewer without an account."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

# How long a new link works unless the editor chooses otherwise.
DEFAULT_LIFETIME = timedelta(days=7)
# The longest an editor may make a link last: drafts should not be readable indefinitely.
MAX_LIFETIME = timedelta(days=90)


def new_token():
    # 32 random bytes: 43 URL-safe characters, not guessable and not derived from the page.
    return secrets.token_urlsafe(32)


def default_expiry():
    return timezone.now() + DEFAULT_LIFETIME


class ShareLinkQuerySet(models.QuerySet):
    def usable(self, now=None):
        """Links that still open their draft: not revoked and not expired."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ShareLink(models.Model):
    """A link an editor sends to a reviewer so they can read a page's draft before it is published."""

    token = models.CharField(
        max_length=64,
        unique=True,
        default=new_token,
        editable=False,
        help_text="The secret part of the link; whoever has it can read the draft until it expires.",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="share_links",
        help_text="The page whose draft the link shows. A link never shows any other page.",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="A particular saved version to show. Leave empty to always show the latest draft.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The editor who made the link.",
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text="When the link was made.")
    expires_at = models.DateTimeField(
        default=default_expiry,
        help_text="After this moment the link shows 'not found'. Links last 7 days unless you choose otherwise.",
    )
    revoked_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When an editor withdrew the link; it has shown 'not found' since.",
    )

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "share link"

    def __str__(self):
        return f"Share link for “{self.page.get_admin_display_title()}”"

    def get_absolute_url(self):
        return reverse("sharing:view", args=[self.token])

    def clean(self):
        if self.revision_id and self.page_id and self.revision.object_id != str(self.page_id):
            raise ValidationError({"revision": "That version belongs to another page."})

    @property
    def is_usable(self):
        return self.revoked_at is None and self.expires_at > timezone.now()

    def revoke(self):
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    @property
    def shows_live_version(self):
        """Whether the version this link shows is the one visitors see (its draft has since been published)."""
        page = self.page
        return page.live and (self.revision_id or page.latest_revision_id) == page.live_revision_id

    def page_to_show(self):
        """The draft this link shows: its chosen revision, or the page's latest one, as a specific page."""
        page = self.page.specific
        if self.revision_id is None:
            return page.get_latest_revision_as_object()
        # Looked up through the page's own revisions, so a link can only ever show its page.
        return page.revisions.get(pk=self.revision_id).as_object()
