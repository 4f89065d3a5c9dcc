from datetime import timedelta

from django import forms
from django.utils import timezone

from .models import DEFAULT_LIFETIME, MAX_LIFETIME, ShareLink


class ShareLinkForm(forms.Form):
    """What an editor chooses when sharing a draft: which version, and for how long."""

    days = forms.IntegerField(
        label="Link works for (days)",
        initial=DEFAULT_LIFETIME.days,
        min_value=1,
        max_value=MAX_LIFETIME.days,
        help_text="After this many days the link shows 'not found'. You can revoke it sooner.",
    )
    revision = forms.ModelChoiceField(
        label="Version",
        queryset=None,
        required=False,
        empty_label="The latest draft, whenever the link is opened",
        help_text="Choose a saved version to share that one only, even if the page changes later.",
    )

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.fields["revision"].queryset = page.revisions.select_related("user").order_by("-created_at", "-pk")
        self.fields["revision"].label_from_instance = self.revision_label

    @staticmethod
    def revision_label(revision):
        who = revision.user.get_username() if revision.user else "unknown"
        return f"{timezone.localtime(revision.created_at):%Y-%m-%d %H:%M} by {who}"

    def save(self, user):
        return ShareLink.objects.create(
            page=self.page,
            revision=self.cleaned_data["revision"],
            created_by=user,
            expires_at=timezone.now() + timedelta(days=self.cleaned_data["days"]),
        )
