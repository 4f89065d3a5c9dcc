"""import_transcript FILE (--page REVIEW | --create --parent INDEX --title …): a transcript → a review.

The command parses its arguments and reports; reading and writing are `reviews.importers.transcripts`.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.page_lookup import describe_saved, find_page
from reviews.importers import SourceError
from reviews.importers.transcripts import create_episode_review, load_transcript, replace_transcript
from reviews.models import TalkReviewPage

# The option a new review's field comes from, to name it in an error.
OPTION_OF_FIELD = {
    "title": "--title",
    "talk_title": "--title",
    "audio_url": "--audio-url",
    "details_url": "--episode-url",
}


class Command(BaseCommand):
    help = (
        "Read a transcript ('HH:MM:SS text' lines or WebVTT) into a review, replacing any transcript it has "
        "(--page), or make a new review of a podcast episode that has none (--create --parent --title). "
        "Every timestamp stays a link to its moment. Saved as a draft for an editor to publish, unless --publish."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The transcript file: 'HH:MM:SS text' lines, or WebVTT (.vtt).")
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--page", help="The review to add the transcript to: page id or URL path.")
        target.add_argument("--create", action="store_true", help="Make a new review of a podcast episode.")
        new = parser.add_argument_group("a new episode review (with --create)")
        new.add_argument("--parent", help="Where the new review goes: the reviews index, e.g. /videos/.")
        new.add_argument("--title", help="The episode's title (also the review's, until an editor changes it).")
        new.add_argument("--audio-url", default="", help="The episode's audio file, for the player.")
        new.add_argument("--episode-url", default="", help="The episode's page on the podcast's site.")
        new.add_argument("--podcast", default="", help="The podcast's name.")
        parser.add_argument("--publish", action="store_true", help="Publish the review with its new transcript.")

    def handle(self, *args, file, page, create, publish, **options):
        if create:
            self.check_create_options(options)
        try:
            segments = load_transcript(file)
        except SourceError as error:
            raise CommandError(str(error)) from None
        if create:
            review = self.create(segments, options, publish)
        else:
            review = find_page(page, "--page")
            if not isinstance(review, TalkReviewPage):
                raise CommandError(f"--page {page}: '{review.title}' is not a talk review")
            replace_transcript(review, segments, publish=publish)
        moments = sum(len(segment.lines) for segment in segments)
        self.stdout.write(
            self.style.SUCCESS(
                f"{file}: {len(segments)} paragraphs, {moments} timed lines, on '{review.title}' "
                f"{describe_saved(review, publish)}"
            )
        )

    def check_create_options(self, options):
        missing = [f"--{name}" for name in ("parent", "title") if not options[name]]
        if missing:
            raise CommandError(f"--create needs {' and '.join(missing)}")
        if not (options["audio_url"] or options["episode_url"]):
            raise CommandError("--create needs --audio-url or --episode-url (or both), so readers can listen")

    def create(self, segments, options, publish):
        parent = find_page(options["parent"], "--parent")
        if not TalkReviewPage.can_create_at(parent):
            raise CommandError(f"--parent {options['parent']}: '{parent.title}' is not the index of reviews")
        try:
            return create_episode_review(
                parent,
                options["title"],
                segments,
                podcast=options["podcast"],
                audio_url=options["audio_url"],
                details_url=options["episode_url"],
                publish=publish,
            )
        except ValidationError as error:
            problems = "; ".join(
                f"{OPTION_OF_FIELD.get(field, field)}: {' '.join(messages)}"
                for field, messages in error.message_dict.items()
            )
            raise CommandError(f"the new review would not be valid: {problems}") from None
