"""import_articles PATH…: markdown posts (Hugo or Jekyll) → article pages under the articles index.

Everything is read and checked first; then pages and images are written in one transaction, so any
error leaves the site as it was. A post's slug is its identity: importing it again updates that
page with a new revision, and saves none when nothing changed.
"""

import re
from pathlib import Path

from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from articles.importing import read_post
from articles.models import ArticleIndexPage, ArticlePage
from core.markdown.reading import SourceError
from core.page_lookup import find_page
from topics.importing import resolve_topics

MARKDOWN_SUFFIXES = (".md", ".markdown")
BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')


def markdown_files(paths):
    """The files to read, in a stable order: files named, and every markdown file under folders named.

    Hugo's `_index.md` describes a section, not a post, so it is left out of folders.
    """
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            found = [p for p in path.rglob("*") if p.suffix.lower() in MARKDOWN_SUFFIXES and p.name != "_index.md"]
            files.extend(sorted(p for p in found if p.is_file()))
        else:
            files.append(path)  # a missing file is reported by read_post, as FILE: no such file
    return files


def without_ids(data):
    """Stream data without the ids made anew on every read (block ids, rich text's `data-block-key`s):
    what tells an unchanged post from a changed one."""
    if isinstance(data, dict):
        return {key: without_ids(value) for key, value in data.items() if key != "id"}
    if isinstance(data, list):
        return [without_ids(value) for value in data]
    if isinstance(data, str):
        return BLOCK_KEY.sub("", data)
    return data


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
        "Import markdown posts written for Hugo or Jekyll (files, or folders of them) as articles. Front matter: "
        "title, date (or a Jekyll file name 2024-05-01-slug.md), slug, summary or description, tags and categories "
        "(existing topics), draft (or Jekyll's published: false). Posts are published unless they are drafts or "
        "need attention (an image without alt text); a post imported again updates its page as a new revision."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Markdown files, or folders searched for them.")
        parser.add_argument(
            "--parent", help="The articles index: page id or URL path, e.g. /articles/ (default: the only one)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check everything and say what would change.")
        parser.add_argument(
            "--drafts", action="store_true", help="Save every page as a draft for an editor to publish."
        )

    def handle(self, *args, paths, parent, dry_run, drafts, verbosity, **options):
        files = markdown_files(paths)
        folder = any(Path(path).is_dir() for path in paths)
        posts, errors = [], []
        # A folder can hold hundreds of posts: show how far reading has got (on stderr, so output stays clean).
        quiet = not folder or verbosity < 1
        for path in tqdm(files, desc="Reading", unit="post", file=_Unended(self.stderr), disable=quiet):
            try:
                post = read_post(path)
                post.topics = resolve_topics(post.topic_names, path)
                post.body({}, {})  # the editor's checks on the blocks, before anything is written
                posts.append(post)
            except SourceError as error:
                errors.append(str(error))
        # Posts that could not be read are reported before links are checked: a link to one of them
        # would otherwise be reported as broken too.
        self.stop_on(errors)
        index = self.articles_index(parent)
        self.stop_on(self.check_run(posts, index))
        if not posts:
            raise CommandError(f"{', '.join(paths)}: no markdown files (.md, .markdown) to import")

        uploaded = []
        try:
            with transaction.atomic():
                outcomes = self.save(posts, index, dry_run, drafts, uploaded)
        except BaseException:
            # The database rolled back; files stored for new images would be left behind.
            for image in uploaded:
                image.file.storage.delete(image.file.name)
            raise
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

    def check_run(self, posts, index):
        """Errors only the whole run shows: two posts with one slug, links naming a post that is nowhere."""
        errors, by_slug = [], {}
        for post in posts:
            if post.slug in by_slug:
                errors.append(f"{post.path}:{post.slug_line}: slug '{post.slug}' is also {by_slug[post.slug].path}'s")
            by_slug.setdefault(post.slug, post)
        known = {name for post in posts for name in post.names}
        known |= set(ArticlePage.objects.child_of(index).values_list("slug", flat=True))
        for post in posts:
            for link in post.links:
                if link.names_file and link.name not in known:
                    errors.append(
                        f"{post.path}:{link.line}: link to '{link.href}' names no post of this import "
                        f"and no article under {index.url}"
                    )
        return errors

    def save(self, posts, index, dry_run, drafts, uploaded):
        """Create or update every page (nothing when `dry_run`); the outcome of each post, in order."""
        existing = {page.slug: page for page in ArticlePage.objects.child_of(index)}
        image_ids = {}
        for ref in (ref for post in posts for ref in post.images):
            if ref.path not in image_ids:
                image = self.image(ref, dry_run, uploaded)
                image_ids[ref.path] = image.pk if image else None
        pages = {}
        for post in posts:
            page = existing.get(post.slug)
            if page is None and not dry_run:
                # Created first, filled in below: links between new posts need every page's id.
                page = ArticlePage(
                    title=post.title, slug=post.slug, date=post.date, body=post.body({}, image_ids), live=False
                )
                index.add_child(instance=page)
            pages[post.slug] = page
        page_ids = {slug: page.pk for slug, page in existing.items()}
        page_ids.update({name: pages[post.slug].pk for post in posts for name in post.names if pages[post.slug]})

        outcomes = []
        for post in posts:
            body, page = post.body(page_ids, image_ids), pages[post.slug]
            attention = post.attention()
            publish = not (drafts or post.draft or attention)
            created = post.slug not in existing
            if created:
                action = "created"
            else:
                draft = page.get_latest_revision_as_object()
                same = self.same_content(draft, post, body)
                action = (
                    "unchanged"
                    if same and (not publish or (page.live and not page.has_unpublished_changes))
                    else "updated"
                )
            if not dry_run and action != "unchanged":
                target = page if created else draft
                target.title, target.date, target.summary, target.body = post.title, post.date, post.summary, body
                target.topics.set(post.topics)
                if created:
                    target.save()  # the page's own row holds its first version, as for a page an editor adds
                revision = target.save_revision(log_action=True)
                if publish:
                    revision.publish()
            outcomes.append((post, page, action, publish, attention))
        return outcomes

    @staticmethod
    def same_content(draft, post, body):
        theirs = (draft.title, draft.date, draft.summary, sorted(t.pk for t in draft.topics.all()))
        ours = (post.title, post.date, post.summary, sorted(t.pk for t in post.topics))
        return theirs == ours and without_ids(draft.body.get_prep_value()) == without_ids(body)

    @staticmethod
    def image(ref, dry_run, uploaded):
        """The Wagtail image of a file: one already uploaded with the same content, else a new one titled by
        its alt text (none in a dry run)."""
        Image = get_image_model()
        with ref.path.open("rb") as file:
            file_hash = hash_filelike(file)
        image = Image.objects.filter(file_hash=file_hash).order_by("pk").first()
        if image is not None or dry_run:
            return image
        with ref.path.open("rb") as file:
            image = Image(
                title=ref.alt or ref.path.stem,
                file=ImageFile(file, name=ref.path.name),
                file_size=ref.path.stat().st_size,
                file_hash=file_hash,
            )
            image.save()
        uploaded.append(image)
        return image

    def report(self, outcomes, index, dry_run):
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        attention = 0
        for post, page, action, publish, reasons in outcomes:
            counts[action] += 1
            for reason in reasons:
                self.stdout.write(self.style.WARNING(reason))
            attention += bool(reasons)
            url = page.get_full_url() if page else f"{index.get_full_url()}{post.slug}/"
            state = "published" if publish else "draft, needs attention" if reasons else "draft"
            verb = f"would be {action}" if dry_run and action != "unchanged" else action
            self.stdout.write(f"{post.path}: {verb} ({state}) {url}")
        summary = ", ".join(f"{n} {action}" for action, n in counts.items())
        summary = f"{summary}, {attention} drafts needing attention, 0 errors"
        if dry_run:
            self.stdout.write(self.style.SUCCESS(f"Dry run, nothing written. Would be: {summary}"))
        else:
            self.stdout.write(self.style.SUCCESS(summary))
