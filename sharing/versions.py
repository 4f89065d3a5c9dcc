"""Saved versions of a page as an editor tells them apart: their number and what each one changed."""

import json
import re

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.text import capfirst

# Enough to choose from; older versions stay in the page's History.
VERSIONS_SHOWN = 30
# Saved with every version but not something an editor changes in the form.
NOT_CONTENT = {"comments"}


def edited_fields(model):
    """{name in a revision's content: label} for what the model's edit form lets an editor change."""
    options = model.get_edit_handler().get_form_options()
    labels = {}
    for name in [*options.get("fields", []), *options.get("formsets", {})]:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue  # a form-only field, such as the comment notifications switch
        if name not in NOT_CONTENT:
            label = field.related_model._meta.verbose_name_plural if field.one_to_many else field.verbose_name
            labels[name] = str(capfirst(label))
    return labels


_BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')


def comparable(value):
    """A saved value without what the editor adds on every save without a change of content: StreamField
    block ids and the rich text editor's block keys."""
    if isinstance(value, str) and value.startswith("["):
        try:
            value = json.loads(value)  # StreamFields are stored as JSON text in a revision
        except ValueError:
            return value
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [comparable(item) for item in value]
    return _BLOCK_KEY.sub("", value) if isinstance(value, str) else value


def changes(fields, before, after):
    """The labels of the fields whose saved content differs between two revisions."""
    return [label for name, label in fields.items() if comparable(before.get(name)) != comparable(after.get(name))]


def version_labels(page):
    """{revision id: "Version 3 · 30 Nov 2026 10:06 by edna · changed Title, Body"} for the latest versions.

    Numbered from the page's first version; "live" marks the published one.
    """
    numbers = {
        pk: number
        for number, pk in enumerate(page.revisions.order_by("created_at", "pk").values_list("pk", flat=True), 1)
    }
    # One more than shown, so the oldest shown version can be compared with the one before it.
    recent = list(page.revisions.select_related("user").order_by("-created_at", "-pk")[: VERSIONS_SHOWN + 1])
    fields = edited_fields(page.specific_class)
    labels = {}
    for revision, previous in zip(recent[:VERSIONS_SHOWN], [*recent[1:], None], strict=False):
        who = revision.user.get_username() if revision.user else "unknown"
        parts = [f"Version {numbers[revision.pk]}"]
        if revision.pk == page.live_revision_id:
            parts[0] += " (live)"
        parts.append(f"{timezone.localtime(revision.created_at):%Y-%m-%d %H:%M} by {who}")
        if previous is None:
            parts.append("first version")
        else:
            changed = changes(fields, previous.content, revision.content)
            parts.append(f"changed {', '.join(changed)}" if changed else "no change to the content")
        labels[revision.pk] = " · ".join(parts)
    return labels
