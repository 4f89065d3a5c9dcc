"""Keep PostgreSQL's search vectors in the table row, where a search reads them.

A page's `body` vector (a few KB) and its plain-text copy `body_text` (read only by fuzzy search,
which the hub does not use) made most rows longer than the 2 KB at which PostgreSQL moves values to
the TOAST table. A search for a common word then fetched every matching vector from there, twice
(to match and to rank): 1.7x the time of reading them inline at 10,000 pages. Rows may now be up to
a block long before anything moves, the plain text goes out of line first and the vector last.
Existing rows keep their layout until they are written again: run `manage.py update_index`.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"


def inline(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} SET (toast_tuple_target = 8160)")
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN body_text SET STORAGE EXTERNAL")
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN body SET STORAGE MAIN")


def default(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} RESET (toast_tuple_target)")
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN body_text SET STORAGE EXTENDED")
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN body SET STORAGE EXTENDED")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_suggestions")]

    operations = [migrations.RunPython(inline, default)]
