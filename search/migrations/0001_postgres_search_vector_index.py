"""An index for the expression Wagtail's PostgreSQL search backend filters on.

The backend matches `title || body @@ query`. The per-column GIN indexes it creates cannot serve
that concatenation, so without this index every search reads and joins every entry's vectors: 40 ms
at 10,000 pages even for a word that is on no page. (SQLite's FTS5 table needs nothing.)
"""

from django.db import migrations

INDEX = "search_indexentry_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create_index, drop_index)]
