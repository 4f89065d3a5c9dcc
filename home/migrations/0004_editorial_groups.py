"""Editors and Moderators groups and the approval workflow on the hub's pages (see operations/moderation.py)."""

from django.db import migrations

from operations.moderation import ensure_editorial_groups


def forwards(apps, schema_editor):
    ensure_editorial_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_home_featured_pages"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    # Reversing leaves the groups in place: people may have been added to them since.
    # Elidable: 0010 runs the same idempotent setup once the later models exist, so a squash needs only that one.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
