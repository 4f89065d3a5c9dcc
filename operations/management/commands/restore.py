"""restore ARCHIVE [--force]: put back a backup made by `backup` (the work is `operations.backup.restore_site`)."""

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, SiteNotEmpty, restore_site


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
            manifest, restored = restore_site(archive, replace=force)
        except SiteNotEmpty as error:
            raise CommandError(f"{error}: restore into an empty database, or pass --force to replace it") from None
        except (BackupError, OSError) as error:  # OSError: an archive it may not read
            raise CommandError(str(error)) from None
        counts = ", ".join(f"{n} {name}" for name, n in restored.items())
        self.stdout.write(self.style.SUCCESS(f"{archive}: restored {counts}, {len(manifest['media'])} media files"))
