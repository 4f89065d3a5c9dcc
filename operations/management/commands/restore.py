from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from operations.backup import BackupError, has_content, restore, site_counts
from operations.page_cache import purge


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup` (a directory or .tar.gz): the database, then every media file "
        "through the configured storage. Refuses to overwrite a site with content unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The backup directory or .tar.gz file.")
        parser.add_argument("--force", action="store_true", help="Replace the current site's content.")

    def handle(self, *args, archive, force, **options):
        try:
            current = site_counts()
        except DatabaseError:  # no tables yet: nothing to lose
            current = None
        if current and has_content(current) and not force:
            raise CommandError(
                f"the database is not empty ({current['pages']} pages, {current['users']} users): "
                "restore into an empty database, or pass --force to replace it"
            )
        try:
            manifest = restore(archive)
        except BackupError as error:
            raise CommandError(str(error)) from None
        purge(tree_paths=["/"])  # every cached page is of the site that was replaced
        restored = site_counts()
        if restored != manifest["counts"]:
            raise CommandError(f"restored {restored}, but the backup recorded {manifest['counts']}")
        counts = ", ".join(f"{n} {name}" for name, n in restored.items())
        self.stdout.write(self.style.SUCCESS(f"{archive}: restored {counts}, {len(manifest['media'])} media files"))
