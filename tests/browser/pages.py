"""The pages browser tests visit, and checks that run inside the page."""

import io
from pathlib import Path

from django.core.management import call_command
from wagtail.models import Page

WIDTHS = (320, 390, 768, 1280)


def demo_site_urls():
    """Build the demo site; a URL for every public page type, plus search results, empty search and the 404."""
    call_command("load_demo_content", stdout=io.StringIO())  # publishing indexes the pages for search
    give_the_first_review_a_transcript()
    urls = {}
    for page in Page.objects.live().public().filter(depth__gte=2).specific().order_by("path"):
        urls.setdefault(type(page).__name__, page.url)
    return [*urls.values(), "/search/?q=django", "/search/", "/search/?q=zzzzqqqq-nothing", "/no-such-page/"]


def give_the_first_review_a_transcript(tmp_dir=None):
    """The demo reviews carry no transcripts (the seeds' wording is not ours to publish), so the first review
    gets a long one written here, imported as an editor would: browser tests then see the longest kind of
    review, with its contents list and timed transcript."""
    import tempfile

    from django.contrib.auth import get_user_model

    from reviews.models import TalkReviewPage

    # Imports act as a user: the superuser `make run` makes, here one of its own.
    importer, _ = get_user_model().objects.get_or_create(username="importer", is_superuser=True, is_staff=True)
    review = TalkReviewPage.objects.live().order_by("path").first()
    lines = [
        f"00:{n // 2:02d}:{(n % 2) * 30:02d} Part {n} of a conversation about testing Django sites, "
        "deploying them safely and keeping their pages accessible to every reader."
        for n in range(120)
    ]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", dir=tmp_dir) as transcript:
        transcript.write("\n\n".join(lines))
        transcript.flush()
        call_command(
            "import_transcript",
            transcript.name,
            page=str(review.pk),
            publish=True,
            user=importer.username,
            stdout=io.StringIO(),
        )


# How far the page reaches past the window's right edge (0: no sideways scrolling).
OVERFLOW_JS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"

# WCAG 2.2's Target Size (Minimum), checked in the page: see target_size.js.
TARGET_SIZE_JS = (Path(__file__).parent / "target_size.js").read_text()
