"""Rebuild the search suggestions (titles and headings) of every live page, e.g. after a bulk import."""

from django.core.management.base import BaseCommand
from wagtail.models import Page

from search.suggestions import rebuild


class Command(BaseCommand):
    help = "Rebuild the suggestions offered while typing a search (page titles and headings) for every live page."

    def handle(self, *args, **options):
        count = rebuild(Page.objects.all())
        self.stdout.write(f"{count} suggestions")
