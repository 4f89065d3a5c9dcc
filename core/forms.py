"""The admin form every hub page is edited with."""

from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm

from core.blocks import alt_text_problem


class HubPageForm(WagtailAdminPageForm):
    """Wagtail's page form: the listing image's alt text checked, the summary shown as the meta description's
    fallback, and the schedule dialog saying which time zone its times are in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The admin shows times in the editor's own time zone (account settings) or else the site's.
        zone = timezone.get_current_timezone_name()
        for name, happens in (("go_live_at", "goes live"), ("expire_at", "is taken offline")):
            if name in self.fields:
                self.fields[name].help_text = (
                    f"Time zone: {zone}. The page {happens} within a few minutes after this time, "
                    "when the site next runs its scheduled publishing."
                )
        field = self.fields.get("search_description")
        if field is not None and self.instance.summary:
            # The meta description falls back to the summary: show which words search engines will get.
            field.widget.attrs["placeholder"] = f"Empty: search engines get the summary, “{self.instance.summary}”"

    def clean(self):
        cleaned_data = super().clean()
        # Like content images, a listing image needs alt text (or the decorative tick) to publish; a draft may wait.
        if (
            not self.is_deferred_validation
            and cleaned_data.get("listing_image")
            and not cleaned_data.get("listing_image_decorative")
        ):
            problem = alt_text_problem(cleaned_data.get("listing_image_alt") or "")
            if problem:
                self.add_error("listing_image_alt", problem)
        return cleaned_data
