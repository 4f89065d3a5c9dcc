from django.core.management.base import BaseCommand, CommandError

from portability.exchange import ExchangeError, export_site


class Command(BaseCommand):
    help = "Write every live page (Markdown with front matter), every image and the snippets to DIR."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Where to write the export (created if missing).")

    def handle(self, directory, **options):
        try:
            written = export_site(directory)
        except (ExchangeError, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Exported {len(written)} files to {directory}")
