from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Site

from articles import demo as articles_demo
from guides import demo as guides_demo
from home import demo as home_demo
from reviews import demo as reviews_demo
from topics import demo as topics_demo

# Order matters: topics exist before the pages tagged with them, and the home page's
# featured list is chosen last, from pages the others built.
DEMO_BUILDERS = [
    home_demo.build,
    topics_demo.build,
    guides_demo.build,
    reviews_demo.build,
    articles_demo.build,
    home_demo.feature,
]


class Command(BaseCommand):
    help = "Build the demo site's page tree (idempotent: only what is missing is created)."

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise CommandError("No default site. Run `python manage.py migrate` first.")
        home = site.root_page.specific
        with transaction.atomic():
            for build in DEMO_BUILDERS:
                build(home)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
