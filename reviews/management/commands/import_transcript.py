from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from reviews.importers import SourceError
from reviews.importers.pages import find_page
from reviews.importers.transcripts import load_transcript
from reviews.models import TalkReviewPage


class Command(BaseCommand):
    help = (
        "Read a transcript ('HH:MM:SS text' lines or WebVTT) into a talk review, replacing any transcript "
        "it has. Saved as a draft revision for an editor to publish, unless --publish is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The transcript file: 'HH:MM:SS text' lines, or WebVTT (.vtt).")
        parser.add_argument("--page", required=True, help="The talk review: page id or URL path.")
        parser.add_argument("--publish", action="store_true", help="Publish the review with its new transcript.")

    def handle(self, *args, file, page, publish, **options):
        try:
            segments = load_transcript(file)
        except SourceError as error:
            raise CommandError(str(error)) from None
        review = find_page(page, "--page")
        if not isinstance(review, TalkReviewPage):
            raise CommandError(f"--page {page}: '{review.title}' is not a talk review")
        with transaction.atomic():
            # Start from the latest draft so an editor's unpublished changes are kept.
            draft = review.get_latest_revision_as_object()
            draft.transcript = [segment.as_block() for segment in segments]
            revision = draft.save_revision(log_action=True)
            if publish:
                revision.publish()
        state = "published" if publish else "saved as a draft"
        self.stdout.write(
            self.style.SUCCESS(f"{file}: {len(segments)} paragraphs {state} on '{review.title}' (page {review.pk})")
        )
