from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, backup, site_counts


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump on PostgreSQL, SQLite's backup API on SQLite) and every media file "
        "(through the configured storage) into a new directory, or a .tar.gz when the name ends so."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Where to write: a new directory, or a file name ending .tar.gz.")

    def handle(self, *args, archive, **options):
        try:
            manifest = backup(archive, site_counts())
        except (BackupError, OSError) as error:  # OSError: a full disk, a folder it may not write to
            raise CommandError(str(error)) from None
        counts = ", ".join(f"{n} {name}" for name, n in manifest["counts"].items())
        self.stdout.write(self.style.SUCCESS(f"{archive}: {counts}, {len(manifest['media'])} media files"))
