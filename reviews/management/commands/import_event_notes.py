"""import_event_notes FILE --parent INDEX: a Hugo-style markdown file → an event notes page, made or updated.

The command parses its arguments and reports; reading and writing are
`reviews.importers.markdown_notes`, saving `core.importing`, topics `topics.importing`.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from core.importing import Saving, add_saving_arguments, describe
from core.page_lookup import find_page
from reviews.importers import SourceError
from reviews.importers.markdown_notes import CREATE_EVENTS, find_event, import_event_notes, load_event_notes
from reviews.models import EventNotesPage
from topics.importing import add_topic_arguments, check_topics


class Command(BaseCommand):
    help = (
        "Import a Hugo-style markdown file (front matter, '## Day', '### Talk') as an event notes page; importing "
        "it again updates that page (found by its slug). Front matter: title, date and end_date, event (an "
        "event's name or slug, whose dates are then used), summary or description, tags and categories "
        "(topics), slug. Saved as a draft for an editor to preview, unless --submit or --publish."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The markdown file to import.")
        parser.add_argument("--parent", required=True, help="The event notes index: page id or URL path, e.g. /notes/.")
        add_saving_arguments(parser)
        add_topic_arguments(parser)
        parser.add_argument(
            CREATE_EVENTS,
            action="store_true",
            help="Create the event the front matter names when there is none by that name (with its date and "
            "end_date); without it, an unknown event stops the import.",
        )

    def handle(self, *args, file, parent, create_topics, create_events, **options):
        try:
            notes = load_event_notes(file)
            event = find_event(notes, create=create_events)
        except SourceError as error:
            raise CommandError(str(error)) from None
        parent_page = find_page(parent, "--parent")
        if not EventNotesPage.can_create_at(parent_page):
            raise CommandError(
                f"--parent {parent}: '{parent_page.title}' is a {parent_page.specific_class._meta.verbose_name}; "
                "event notes go under the event notes index"
            )
        saving = Saving.from_options(options)
        saving.check(parent_page, new=True)
        new_topics = check_topics(notes.topic_names, create=create_topics, saving=saving, source=file)
        new_event = event is not None and event.pk is None
        action, page = import_event_notes(notes, parent_page, saving, event=event, create_topics=create_topics)
        if new_event:
            self.stdout.write(f"created event: {event}")
        if new_topics:
            self.stdout.write(f"created topics: {', '.join(new_topics)}")
        topics = len({slugify(name) for name, _line in notes.topic_names})
        details = f"{len(notes.days)} days, {len(notes.talk_titles)} talks, {topics} topics"
        self.stdout.write(self.style.SUCCESS(describe(file, action, page, details)))
