"""An index on Wagtail's `url_path`, which routing looks every request up by (home.models.HomePage.route).

Wagtail itself routes by walking the tree (an indexed `path` lookup per level), so its page table
has no such index; without one, each request scanned the table (4 ms at 10,000 pages).
"""

from django.db import migrations

INDEX = "hub_page_url_path"


class Migration(migrations.Migration):
    dependencies = [("home", "0004_editorial_groups"), ("wagtailcore", "0001_initial")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (url_path)",
            f"DROP INDEX IF EXISTS {INDEX}",
        )
    ]
