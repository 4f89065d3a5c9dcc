"""A run of `import_articles`: markdown posts (Hugo or Jekyll) → article pages under an articles index.

Everything is read and checked first (`read_posts`, then `check_run` for what only the whole run
shows); then pages and images are written in one transaction (`import_posts`), so any error leaves
the site as it was. A post's slug is its identity: importing it again updates that page with a new
revision, and saves none when nothing changed. Reading one file is `articles.importing`.
"""

import re
from pathlib import Path
from typing import NamedTuple

from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from core.markdown.reading import SourceError
from topics.importing import resolve_topics

from .importing import Post, read_post
from .models import ArticlePage

MARKDOWN_SUFFIXES = (".md", ".markdown")
BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')


class Outcome(NamedTuple):
    """What a run did (or, in a dry run, would do) with one post."""

    post: Post
    page: ArticlePage | None  # None for a new post in a dry run
    action: str  # "created", "updated" or "unchanged"
    published: bool
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
            post.topics = resolve_topics(post.topic_names, path)
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
                    f"and no article under {index.url}"
                )
    return errors


def import_posts(posts, index, *, dry_run=False, drafts=False):
    """Create or update the page of every post under `index`, in one transaction: the `Outcome` of each.

    Nothing is written when `dry_run`; every page is left a draft when `drafts`.
    """
    uploaded = []
    try:
        with transaction.atomic():
            return _save(posts, index, dry_run, drafts, uploaded)
    except BaseException:
        # The database rolled back; files stored for new images would be left behind.
        for image in uploaded:
            image.file.storage.delete(image.file.name)
        raise


def _save(posts, index, dry_run, drafts, uploaded):
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
            same = _same_content(draft, post, body)
            action = (
                "unchanged" if same and (not publish or (page.live and not page.has_unpublished_changes)) else "updated"
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
        outcomes.append(Outcome(post, page, action, publish, attention))
    return outcomes


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


def _same_content(draft, post, body):
    theirs = (draft.title, draft.date, draft.summary, sorted(t.pk for t in draft.topics.all()))
    ours = (post.title, post.date, post.summary, sorted(t.pk for t in post.topics))
    return theirs == ours and without_ids(draft.body.get_prep_value()) == without_ids(body)


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
