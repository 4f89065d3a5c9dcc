"""A run of `import_articles`: markdown posts (Hugo or Jekyll) → article pages under an articles index.

Everything is read and checked first (`read_posts`, then `check_run` for what only the whole run
shows, and `topics.importing.check_topics` for the tags); then pages, images and any new topics are
written in one transaction (`import_posts`), so any error leaves the site as it was. A post's slug is
its identity: importing it again updates that page with a new revision, and saves none when nothing
changed (`core.importing`). Reading one file is `articles.importing`.
"""

from pathlib import Path
from typing import NamedTuple

from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from core.importing import CREATED, UNCHANGED, page_state, set_values
from core.markdown.reading import SourceError
from topics.importing import resolve_topics

from .importing import Post, read_post
from .models import ArticlePage

MARKDOWN_SUFFIXES = (".md", ".markdown")


class Outcome(NamedTuple):
    """What a run did (or, in a dry run, would do) with one post."""

    post: Post
    page: ArticlePage | None  # None for a new post in a dry run
    action: str  # created, updated or unchanged
    state: str  # draft, submitted or published (what it would be, in a dry run)
    attention: list  # why it is kept as a draft (FILE:LINE: reason), if anything


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


def read_posts(files, progress=lambda files: files, site_root=None):
    """Read and check every file, writing nothing: (posts, errors), each error as `FILE:LINE: message`.

    `progress` wraps the files as they are read (the command's progress bar); `site_root` is where image
    paths starting with `/` are found (`articles.importing.parse_post`).
    """
    posts, errors = [], []
    for path in progress(files):
        try:
            post = read_post(path, site_root)
            post.body({}, {})  # the editor's checks on the blocks, before anything is written
            posts.append(post)
        except SourceError as error:
            errors.append(str(error))
    return posts, errors


def check_run(posts, index):
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
                    f"and no article under {index.get_full_url()}"
                )
    return errors


def import_posts(posts, index, saving, *, dry_run=False, create_topics=False):
    """Create or update the page of every post under `index`, in one transaction: the `Outcome` of each.

    Pages are saved as `saving` says (`core.importing.Saving`), except that a post marked as a draft,
    or one that needs attention, stays a draft. Topics named that do not exist are created when
    `create_topics` (after `topics.importing.check_topics`). Nothing is written when `dry_run`.
    """
    uploaded = []
    try:
        with transaction.atomic():
            return _save(posts, index, saving, dry_run, create_topics, uploaded)
    except BaseException:
        # The database rolled back; files stored for new images would be left behind.
        for image in uploaded:
            image.file.storage.delete(image.file.name)
        raise


def _save(posts, index, saving, dry_run, create_topics, uploaded):
    for post in posts:
        post.topics = resolve_topics(post.topic_names, create=create_topics, user=saving.user, dry_run=dry_run)
    existing = {page.slug: page for page in ArticlePage.objects.child_of(index)}
    image_ids = {}
    for ref in (ref for post in posts for ref in post.images):
        if ref.path not in image_ids:
            image = _image(ref, dry_run, uploaded)
            image_ids[ref.path] = image.pk if image else None
    pages = {}
    for post in posts:
        page = existing.get(post.slug)
        if page is None and not dry_run:
            # Created first, filled in below: links between new posts need every page's id.
            page = ArticlePage(
                title=post.title, slug=post.slug, date=post.date, body=post.body({}, image_ids), live=False
            )
            page.owner = saving.user
            index.add_child(instance=page)
        pages[post.slug] = page
    page_ids = {slug: page.pk for slug, page in existing.items()}
    page_ids.update({name: pages[post.slug].pk for post in posts for name in post.names if pages[post.slug]})

    outcomes = []
    for post in posts:
        page = pages[post.slug]
        values = {
            "title": post.title,
            "date": post.date,
            "summary": post.summary,
            "body": post.body(page_ids, image_ids),
            "topics": post.topics,
        }
        attention = post.attention()
        post_saving = saving.as_draft() if post.draft or attention else saving
        if post.slug not in existing:
            action = CREATED
            if not dry_run:
                set_values(page, values)
                page.save()  # the page's own row holds its first version, as for a page an editor adds
                post_saving.save(page, changed=True)
        else:
            action = post_saving.update(page, values, dry_run=dry_run)
        state = _state(page, post_saving, action, dry_run)
        outcomes.append(Outcome(post, page, action, state, attention))
    return outcomes


def _state(page, saving, action, dry_run):
    """Where the post's page stands after the run (or would, in a dry run)."""
    if dry_run and action != UNCHANGED:
        return saving.goal
    page.refresh_from_db()
    return page_state(page)


def _image(ref, dry_run, uploaded):
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
