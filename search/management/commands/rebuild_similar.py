"""Find again the pages most like each live page (its related pages' fill), e.g. after a bulk import."""

from django.core.management.base import BaseCommand
from wagtail.models import Page

from search.similar import rebuild


class Command(BaseCommand):
    help = "Find again, with search, the pages most like each live content page (shown among its related pages)."

    def handle(self, *args, **options):
        count = rebuild(Page.objects.all())
        self.stdout.write(f"{count} pages with similar pages")
