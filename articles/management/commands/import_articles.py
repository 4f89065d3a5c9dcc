"""import_articles PATH…: markdown posts (Hugo or Jekyll) → article pages under the articles index.

The command parses its arguments and reports; reading, checking and writing are
`articles.import_posts` (all read and checked before anything is written, in one transaction).
"""

from functools import partial
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.import_posts import check_run, import_posts, markdown_files, read_posts
from articles.models import ArticleIndexPage, ArticlePage
from core.importing import CREATED, UNCHANGED, UPDATED, Saving, add_saving_arguments, edit_url, outcome_line
from core.page_lookup import find_page
from topics.importing import add_topic_arguments, check_topics


class _Unended:
    """A command's stderr as tqdm writes to it: each write as it is (the command's own writer would end
    every one with a newline, and the bar redraws itself with carriage returns)."""

    def __init__(self, out):
        self.out = out

    def write(self, text):
        self.out.write(text, ending="")

    def flush(self):
        self.out.flush()


class Command(BaseCommand):
    help = (
        "Import markdown posts written for Hugo or Jekyll (files, or folders of them) as articles; a post imported "
        "again updates its page (found by its slug). Front matter: title, date (or a Jekyll file name "
        "2024-05-01-slug.md), slug, summary or description, tags and categories (topics), draft (or Jekyll's "
        "published: false). Saved as drafts for an editor to preview, unless --submit or --publish; a post marked "
        "as a draft, or one that needs attention (an image without alt text), stays a draft."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Markdown files, or folders searched for them.")
        parser.add_argument(
            "--parent", help="The articles index: page id or URL path, e.g. /articles/ (default: the only one)."
        )
        parser.add_argument(
            "--site-root",
            help="Where image paths starting with '/' (Jekyll's /assets/x.png) are found (default: the folder "
            "above the posts' _posts folder).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Check everything and say what would change.")
        add_saving_arguments(parser)
        add_topic_arguments(parser)

    def handle(self, *args, paths, parent, site_root, dry_run, create_topics, verbosity, **options):
        files = markdown_files(paths)
        folder = any(Path(path).is_dir() for path in paths)
        # A folder can hold hundreds of posts: show how far reading has got (on stderr, so output stays clean).
        quiet = not folder or verbosity < 1
        progress = partial(tqdm, desc="Reading", unit="post", file=_Unended(self.stderr), disable=quiet)
        posts, errors = read_posts(files, progress, site_root)
        # Posts that could not be read are reported before links are checked: a link to one of them
        # would otherwise be reported as broken too.
        self.stop_on(errors)
        index = self.articles_index(parent)
        self.stop_on(check_run(posts, index))
        if not posts:
            raise CommandError(f"{', '.join(paths)}: no markdown files (.md, .markdown) to import")
        saving = Saving.from_options(options)
        saving.check(index, new=True)
        names = [name for post in posts for name in post.topic_names]
        new_topics = check_topics(names, create=create_topics, saving=saving)
        outcomes = import_posts(posts, index, saving, dry_run=dry_run, create_topics=create_topics)
        if new_topics:
            self.stdout.write(f"{'would create' if dry_run else 'created'} topics: {', '.join(new_topics)}")
        self.report(outcomes, index, dry_run)

    def stop_on(self, errors):
        """Stop with the error (FILE:LINE: message), or with each on a line of its own: nothing has been written."""
        if len(errors) == 1:
            raise CommandError(errors[0])
        if errors:
            for error in errors:
                self.stderr.write(error)
            raise CommandError(f"{len(errors)} errors: nothing was written")

    def articles_index(self, reference):
        if reference:
            index = find_page(reference, "--parent")
            if not ArticlePage.can_create_at(index):
                raise CommandError(f"--parent {reference}: '{index.title}' is not an articles index")
            return index
        indexes = list(ArticleIndexPage.objects.all()[:2])
        if len(indexes) != 1:
            raise CommandError("--parent: say which articles index to import into" if indexes else "no articles index")
        return indexes[0]

    def report(self, outcomes, index, dry_run):
        counts = {CREATED: 0, UPDATED: 0, UNCHANGED: 0}
        attention = 0
        for outcome in outcomes:
            counts[outcome.action] += 1
            for reason in outcome.attention:
                self.stdout.write(self.style.WARNING(reason))
            attention += bool(outcome.attention)
            post, page = outcome.post, outcome.page
            if page is None:  # a new post in a dry run
                line = outcome_line(
                    post.path, f"would be {outcome.action}", outcome.state, f"{index.get_full_url()}{post.slug}/"
                )
            else:
                action = f"would be {outcome.action}" if dry_run and outcome.action != UNCHANGED else outcome.action
                line = outcome_line(post.path, action, outcome.state, page.get_full_url(), edit_url(page))
            self.stdout.write(line)
        summary = ", ".join(f"{n} {action}" for action, n in counts.items())
        summary = f"{summary}, {attention} drafts needing attention, 0 errors"
        if dry_run:
            self.stdout.write(self.style.SUCCESS(f"Dry run, nothing written. Would be: {summary}"))
        else:
            self.stdout.write(self.style.SUCCESS(summary))
