"""load_demo_content: build the demo site's page tree from code (idempotent: only what is missing is created)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page, Site

from demo import about, articles, guides, home, reviews, topics
from demo.pages import indexed_once
from search import similar

# Order matters: topics exist before the pages tagged with them, the pages guides link to before the
# guides, and the home page's
# featured list is chosen last, from pages the others built.
DEMO_BUILDERS = [
    topics.build,
    about.build,  # the author the other pages name
    guides.build_index,
    reviews.build,
    articles.build,
    guides.build,  # once the talks, notes and articles its sections link to exist
    home.build,
]


class Command(BaseCommand):
    help = "Build the demo site's page tree (idempotent: only what is missing is created)."

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise CommandError("No default site. Run `python manage.py migrate` first.")
        home_page = site.root_page.specific
        with transaction.atomic(), indexed_once():
            for build in DEMO_BUILDERS:
                build(home_page)
        # Each page looked for the pages most like it when it was published, before the later ones
        # existed and before any was indexed (above, at the end): look again, now that all are.
        similar.rebuild(Page.objects.all())
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
