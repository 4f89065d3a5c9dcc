"""Editors and Moderators may add, edit and delete search synonyms (see operations/moderation.py)."""

from django.db import migrations

from operations.moderation import ensure_editorial_groups


def forwards(apps, schema_editor):
    # The same idempotent setup as home 0004 and 0007, which now includes the synonyms.
    ensure_editorial_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_synonyms"),
        ("home", "0007_editors_manage_speakers_and_events"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
