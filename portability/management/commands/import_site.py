from django.core.management.base import BaseCommand, CommandError

from portability.exchange import ExchangeError, import_site


class Command(BaseCommand):
    help = "Rebuild the pages, images and snippets of an export_site DIR in a site that holds only its home page."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A directory written by export_site.")

    def handle(self, directory, **options):
        try:
            count = import_site(directory)
        except (ExchangeError, OSError, ValueError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Imported {count} pages from {directory}")
