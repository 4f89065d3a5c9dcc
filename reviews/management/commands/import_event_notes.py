"""import_event_notes FILE --parent INDEX: a Hugo-style markdown file → a new event notes page.

The command parses its arguments and reports; reading and writing are
`reviews.importers.markdown_notes`.
"""

from django.core.management.base import BaseCommand, CommandError

from core.page_lookup import describe_saved, find_page
from reviews.importers import SourceError
from reviews.importers.markdown_notes import create_event_notes_page, load_event_notes
from reviews.models import EventNotesPage
from topics.importing import resolve_topics


class Command(BaseCommand):
    help = (
        "Import a Hugo-style markdown file (front matter, '## Day', '### Talk') as a new event notes page. "
        "The summary comes from 'summary' or 'description', the topics from 'tags' and 'categories' "
        "(each must name an existing topic). It is saved as a draft for an editor to preview and publish, "
        "unless --publish is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The markdown file to import.")
        parser.add_argument("--parent", required=True, help="The event notes index: page id or URL path, e.g. /notes/.")
        parser.add_argument("--publish", action="store_true", help="Publish the page instead of leaving a draft.")

    def handle(self, *args, file, parent, publish, **options):
        try:
            notes = load_event_notes(file)
            topics = resolve_topics(notes.topic_names, file)
        except SourceError as error:
            raise CommandError(str(error)) from None
        parent_page = find_page(parent, "--parent")
        if not EventNotesPage.can_create_at(parent_page):
            raise CommandError(
                f"--parent {parent}: '{parent_page.title}' is a {parent_page.specific_class._meta.verbose_name}; "
                "event notes go under the event notes index"
            )
        page = create_event_notes_page(notes, parent_page, topics, publish=publish)
        counts = f"{len(notes.days)} days, {len(notes.talk_titles)} talks, {len(topics)} topics"
        self.stdout.write(self.style.SUCCESS(f"{file}: {notes.title} ({counts}) {describe_saved(page, publish)}"))
