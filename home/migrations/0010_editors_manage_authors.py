"""Editors and Moderators may add and edit authors, as they do speakers and events (operations/moderation.py)."""

from django.db import migrations

from operations.moderation import ensure_editorial_groups


def forwards(apps, schema_editor):
    # The same idempotent setup as 0004 and 0007, which now includes the authors.
    ensure_editorial_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0009_about_page"),
        ("core", "0002_authors"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
