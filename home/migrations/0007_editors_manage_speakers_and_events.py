"""Editors and Moderators may add and edit speakers and events (see operations/moderation.py)."""

from django.db import migrations

from operations.moderation import ensure_editorial_groups


def forwards(apps, schema_editor):
    # The same idempotent setup as 0004, which now includes the snippet permissions.
    ensure_editorial_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_homepage_listing_image"),
        ("reviews", "0007_speakers_in_order_and_dates_from_the_event"),
    ]

    # Elidable: 0010 runs the same idempotent setup once the later models exist, so a squash needs only that one.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
