"""Importers for files editors bring from elsewhere: Hugo-style event notes and talk transcripts.

Each reads and checks a whole file before anything is written, and reports a problem as
`SourceError` carrying the file and line, which the management commands print as `FILE:LINE: …`;
then it writes the page in one transaction. The pieces every markdown importer shares live in
`core.markdown.reading`.
"""

from django.utils.text import slugify
from wagtail.models import Page

from core.markdown.reading import SourceError, read_text

__all__ = ["SourceError", "read_text", "unique_slug"]


def unique_slug(parent, title, fallback):
    """A slug from `title` that no child of `parent` has yet (`fallback` when the title gives none)."""
    base = slugify(title)[:240] or fallback
    slug, n = base, 2
    while Page.objects.child_of(parent).filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
