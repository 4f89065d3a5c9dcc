"""The admin form every hub page is edited with."""

import json
import re

from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks.base import BlockField

from core.blocks import alt_text_problem

# What the editor's widgets add to a StreamField without the editor changing anything: Draftail gives every
# paragraph a `data-block-key`, and a browser's textarea posts CRLF line endings (JSON-escaped here).
EDITOR_NOISE = re.compile(r' data-block-key=\\"[^"\\]*\\"|\\r(?=\\n)')


def without_editor_noise(block, value):
    # Read back through the block first: a page saved before a block gained a field stores no key for
    # it, while the form posts the field's default; both are the same content.
    # (A stream converts its items lazily and writes back what it has not read as stored: read them all.)
    stream = block.to_python(block.get_prep_value(value))
    list(stream)
    return EDITOR_NOISE.sub("", json.dumps(block.get_prep_value(stream)))


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

    @cached_property
    def changed_data(self):
        """Django's changed fields, less StreamFields that differ from the saved page only in editor noise.

        Wagtail saves a revision for a workflow action (a moderator's *Approve*) only when the form has
        changed; without this, opening a page written outside Draftail (imports, the demo) and approving
        it unchanged saved an identical revision by the moderator."""
        changed = []
        for name, bound_field in self._bound_items():
            if not bound_field._has_changed():
                continue
            field = self.fields[name]
            if isinstance(field, BlockField):
                initial = self.get_initial_for_field(field, name)
                if without_editor_noise(field.block, initial) == without_editor_noise(field.block, bound_field.data):
                    continue
            changed.append(name)
        return changed

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
