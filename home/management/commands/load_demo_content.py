from importlib import import_module

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Site

# Order matters: topics exist before the pages tagged with them, and the home page's
# featured list is chosen last, from pages the others built. "module" means module.build.
DEMO_BUILDERS = [
    "home.demo",
    "topics.demo",
    "guides.demo",
    "reviews.demo",
    "articles.demo",
    "home.demo:feature",
]


class Command(BaseCommand):
    help = "Build the demo site's page tree (idempotent: only what is missing is created)."

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise CommandError("No default site. Run `python manage.py migrate` first.")
        home = site.root_page.specific
        with transaction.atomic():
            for entry in DEMO_BUILDERS:
                module, _, function = entry.partition(":")
                getattr(import_module(module), function or "build")(home)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
