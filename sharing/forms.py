from datetime import timedelta

from django import forms
from django.utils import timezone

from .models import DEFAULT_LIFETIME, MAX_LIFETIME, ShareLink
from .versions import version_labels


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
        help_text="Choose a saved version to share that one only, even if the page changes later. "
        "Versions are numbered from the first; each says what it changed.",
    )

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.version_labels = version_labels(page)
        self.fields["revision"].queryset = page.revisions.filter(pk__in=self.version_labels).order_by(
            "-created_at", "-pk"
        )
        self.fields["revision"].label_from_instance = lambda revision: self.version_labels[revision.pk]

    def save(self, user):
        return ShareLink.objects.create(
            page=self.page,
            revision=self.cleaned_data["revision"],
            created_by=user,
            expires_at=timezone.now() + timedelta(days=self.cleaned_data["days"]),
        )
