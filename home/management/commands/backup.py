from django.core.management.base import BaseCommand, CommandError

from home.backup import BackupError, backup


def site_counts():
    """What a site holds, recorded in the manifest and compared by `restore`."""
    from django.contrib.auth import get_user_model
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, Revision

    from reviews.models import Event, Speaker

    models = {
        "pages": Page,
        "revisions": Revision,
        "images": get_image_model(),
        "documents": get_document_model(),
        "users": get_user_model(),
        "speakers": Speaker,
        "events": Event,
    }
    return {name: model.objects.count() for name, model in models.items()}


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
        except BackupError as error:
            raise CommandError(str(error)) from None
        counts = ", ".join(f"{n} {name}" for name, n in manifest["counts"].items())
        self.stdout.write(self.style.SUCCESS(f"{archive}: {counts}, {len(manifest['media'])} media files"))
