"""import_transcript FILE (--page REVIEW | --create --parent INDEX --title …): a transcript → a review.

The command parses its arguments and reports; reading and writing are `reviews.importers.transcripts`,
saving `core.importing`.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.importing import Saving, add_saving_arguments, describe
from core.page_lookup import find_page
from reviews.importers import SourceError
from reviews.importers.transcripts import import_episode, load_transcript, replace_transcript
from reviews.models import TalkReviewPage

# The option a new review's field comes from, to name it in an error.
OPTION_OF_FIELD = {
    "title": "--title",
    "talk_title": "--title",
    "audio_url": "--audio-url",
    "details_url": "--episode-url",
    "podcast": "--podcast",
}


class Command(BaseCommand):
    help = (
        "Read a transcript ('HH:MM:SS text' lines or WebVTT) into a review, replacing any transcript it has "
        "(--page), or into a review of a podcast episode (--create --parent --title), made the first time and "
        "updated after (found by the title's slug). Every timestamp stays a link to its moment. Saved as a "
        "draft for an editor to preview, unless --submit or --publish."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The transcript file: 'HH:MM:SS text' lines, or WebVTT (.vtt).")
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--page", help="The review to add the transcript to: page id or URL path.")
        target.add_argument(
            "--create", action="store_true", help="Make a review of a podcast episode (or update the one made before)."
        )
        new = parser.add_argument_group("an episode review (with --create)")
        new.add_argument("--parent", help="Where the review goes: the reviews index, e.g. /videos/.")
        new.add_argument("--title", help="The episode's title (also the review's, until an editor changes it).")
        new.add_argument("--audio-url", default="", help="The episode's audio file, for the player.")
        new.add_argument("--episode-url", default="", help="The episode's page on the podcast's site.")
        new.add_argument("--podcast", default="", help="The podcast's name.")
        add_saving_arguments(parser)

    def handle(self, *args, file, page, create, **options):
        if create:
            self.check_create_options(options)
        try:
            segments = load_transcript(file)
        except SourceError as error:
            raise CommandError(str(error)) from None
        if create:
            action, review = self.create(segments, options)
        else:
            review = find_page(page, "--page")
            if not isinstance(review, TalkReviewPage):
                raise CommandError(f"--page {page}: '{review.title}' is not a talk review")
            saving = Saving.from_options(options)
            saving.check(review, new=False)
            action = self.valid(lambda: replace_transcript(review, segments, saving))
        moments = sum(len(segment.lines) for segment in segments)
        details = f"{len(segments)} paragraphs, {moments} timed lines"
        self.stdout.write(self.style.SUCCESS(describe(file, action, review, details)))

    def check_create_options(self, options):
        missing = [f"--{name}" for name in ("parent", "title") if not options[name]]
        if missing:
            raise CommandError(f"--create needs {' and '.join(missing)}")
        if not (options["audio_url"] or options["episode_url"]):
            raise CommandError("--create needs --audio-url or --episode-url (or both), so readers can listen")

    def create(self, segments, options):
        parent = find_page(options["parent"], "--parent")
        if not TalkReviewPage.can_create_at(parent):
            raise CommandError(f"--parent {options['parent']}: '{parent.title}' is not the index of reviews")
        saving = Saving.from_options(options)
        saving.check(parent, new=True)
        return self.valid(
            lambda: import_episode(
                parent,
                options["title"],
                segments,
                saving,
                podcast=options["podcast"],
                audio_url=options["audio_url"],
                details_url=options["episode_url"],
            )
        )

    def valid(self, write):
        """What `write` returns, or a one-line error naming the options at fault if the review would not be valid
        (nothing is written then)."""
        try:
            return write()
        except ValidationError as error:
            problems = "; ".join(
                f"{OPTION_OF_FIELD.get(field, field)}: {' '.join(messages)}"
                for field, messages in error.message_dict.items()
            )
            raise CommandError(f"the review would not be valid: {problems}") from None
