"""The site health report: what is wrong on the live site, page by page, for editors to fix.

Everything is read in a fixed number of queries however many pages there are: the live pages (one query
per page type, for their own fields), Wagtail's reference index for what they link to, and the state of
every page, image and document they link to. Headings are read from each StreamField's stored JSON, so no
block is turned into Python (which would look up images page by page).
"""

import re
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site

# Kinds of problem, in the order the report lists them; the filter offers the same labels.
LINK_UNPUBLISHED = "Links to an unpublished page"
LINK_DELETED = "Links to a deleted page"
LINK_PRIVATE = "Links to a private page"
LINK_REDIRECTED = "Links to a redirected page"
IMAGE_GONE = "Uses a deleted image"
DOCUMENT_GONE = "Links to a deleted document"
NO_SUMMARY = "No summary"
NO_ALT_TEXT = "Listing image without alt text"
NO_META_DESCRIPTION = "No meta description"
HEADINGS_OUT_OF_ORDER = "Headings out of order"
NOT_REVIEWED = "Not reviewed recently"
KINDS = [
    LINK_UNPUBLISHED,
    LINK_DELETED,
    LINK_PRIVATE,
    LINK_REDIRECTED,
    IMAGE_GONE,
    DOCUMENT_GONE,
    NO_SUMMARY,
    NO_ALT_TEXT,
    NO_META_DESCRIPTION,
    HEADINGS_OUT_OF_ORDER,
    NOT_REVIEWED,
]
HEADING = re.compile(r"<h([1-6])\b")
# Links and images as rich text stores them. Wagtail drops an index row when its target is deleted, so
# links to deleted pages, images and documents are found in the stored content the report has loaded anyway.
STORED_LINK = re.compile(r'<(?:a|embed)\b[^>]*?(?:linktype|embedtype)="(page|document|image)"[^>]*?\bid="(\d+)"')


@dataclass
class Problem:
    """One row of the report: a live page and one thing wrong with it."""

    page_id: int
    title: str
    page_type: str
    problem: str
    detail: str


def review_after_days():
    """How long a page may go without a review before the report lists it (HUBSITE_REVIEW_AFTER_DAYS)."""
    return settings.HUBSITE_REVIEW_AFTER_DAYS


def heading_levels(raw):
    """Every heading level in a StreamField's stored JSON, in document order (rich text keeps its HTML)."""
    if isinstance(raw, str):
        return [int(level) for level in HEADING.findall(raw)]
    if isinstance(raw, dict):
        return [level for value in raw.values() for level in heading_levels(value)]
    if isinstance(raw, list):
        return [level for value in raw for level in heading_levels(value)]
    return []


def stored_links(raw):
    """(kind, id) of every page, document and image a StreamField's stored JSON links to or shows."""
    if isinstance(raw, str):
        return set(STORED_LINK.findall(raw))
    if isinstance(raw, dict):
        found = {("image", str(raw["image"]))} if isinstance(raw.get("image"), int) else set()  # image choosers
        return found.union(*(stored_links(value) for value in raw.values()))
    if isinstance(raw, list):
        return set().union(*(stored_links(value) for value in raw))
    return set()


def skipped_heading(levels):
    """The first (previous, level) pair that skips a level, counting the page title as level 1."""
    previous = 1
    for level in levels:
        if level > previous + 1:
            return previous, level
        previous = level
    return None


def _relative_path(url_path, roots):
    for root in roots:
        if url_path.startswith(root):
            return "/" + url_path[len(root) :]
    return url_path


class _Targets:
    """What the live pages link to, and the state of each target, read in a fixed number of queries."""

    def __init__(self, references, page_type, image_type, document_type):
        page_ids = {int(r["to_object_id"]) for r in references if r["to_content_type"] == page_type.pk}
        self.pages = {
            row["pk"]: row
            for row in Page.objects.filter(pk__in=page_ids).values("pk", "title", "live", "path", "url_path")
        }
        restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        self.private = set()
        if restricted and self.pages:
            under_restriction = reduce(or_, (Q(path__startswith=path) for path in restricted))
            self.private = set(Page.objects.filter(under_restriction, pk__in=self.pages).values_list("pk", flat=True))
        roots = sorted(Site.objects.values_list("root_page__url_path", flat=True), key=len, reverse=True)
        old_paths = set(Redirect.objects.values_list("old_path", flat=True))
        self.redirected = {
            pk for pk, row in self.pages.items() if _relative_path(row["url_path"], roots).rstrip("/") in old_paths
        }
        self.images = self._existing(get_image_model(), references, image_type)
        self.documents = self._existing(get_document_model(), references, document_type)

    @staticmethod
    def _existing(model, references, content_type):
        ids = {r["to_object_id"] for r in references if r["to_content_type"] == content_type.pk}
        return {
            str(pk)
            for pk in model.objects.filter(pk__in=[int(i) for i in ids if i.isdigit()]).values_list("pk", flat=True)
        }


def _link_problems(reference, targets, types):
    page_type, image_type, document_type = types
    target = reference["to_object_id"]
    if reference["to_content_type"] == page_type.pk:
        row = targets.pages.get(int(target))
        if row is None:
            return LINK_DELETED, f"Page {target} no longer exists"
        if not row["live"]:
            return LINK_UNPUBLISHED, f"“{row['title']}” is not published"
        if row["pk"] in targets.private:
            return LINK_PRIVATE, f"“{row['title']}” is private: visitors are asked to log in"
        if row["pk"] in targets.redirected:
            return LINK_REDIRECTED, f"“{row['title']}” has a redirect away from its address"
    elif reference["to_content_type"] == image_type.pk and target not in targets.images:
        return IMAGE_GONE, f"Image {target} no longer exists"
    elif reference["to_content_type"] == document_type.pk and target not in targets.documents:
        return DOCUMENT_GONE, f"Document {target} no longer exists"
    return None


def _streams(page):
    return [list(getattr(page, field.name).raw_data) for field in page._meta.fields if isinstance(field, StreamField)]


def _field_problems(page, today, review_after):
    summary = getattr(page, "summary", None)
    if summary is None:  # a page type that is not one of the hub's (Wagtail's root, a plain Page)
        return
    if not summary:
        yield NO_SUMMARY, "Cards and search results have nothing to say about the page"
        if not page.search_description:
            yield NO_META_DESCRIPTION, "Search engines get no description (neither the summary nor Promote's)"
    if page.listing_image_id and not page.listing_image_alt and not page.listing_image_decorative:
        yield NO_ALT_TEXT, "Describe the listing image, or tick it as decorative"
    levels = [level for raw in _streams(page) for level in heading_levels(raw)]
    skipped = skipped_heading(levels)
    if skipped:
        yield HEADINGS_OUT_OF_ORDER, f"A level {skipped[1]} heading follows a level {skipped[0]} one"
    reviewed = page.last_reviewed or (page.last_published_at and page.last_published_at.date())
    if reviewed and (today - reviewed).days > review_after:
        since = "last reviewed" if page.last_reviewed else "not reviewed; last published"
        yield NOT_REVIEWED, f"{since.capitalize()} {reviewed:%-d %B %Y}"


def site_health_problems(today=None):
    """Every problem on every live page of the hub, as report rows (pages in tree order)."""
    today = today or timezone.localdate()
    review_after = review_after_days()
    pages = list(Page.objects.live().filter(depth__gt=1).order_by("path").specific())
    types = (
        ContentType.objects.get_for_model(Page),
        ContentType.objects.get_for_model(get_image_model()),
        ContentType.objects.get_for_model(get_document_model()),
    )
    live = {str(page.pk) for page in pages}
    references = [
        reference
        for reference in ReferenceIndex.objects.filter(base_content_type=types[0])
        .values("object_id", "to_content_type", "to_object_id")
        .distinct()
        .order_by("object_id", "to_content_type", "to_object_id")
        if reference["object_id"] in live
    ]
    type_of = {"page": types[0].pk, "image": types[1].pk, "document": types[2].pk}
    indexed = {(r["object_id"], r["to_content_type"], r["to_object_id"]) for r in references}
    for page in pages:
        for kind, target in sorted(stored_links(_streams(page))):
            key = (str(page.pk), type_of[kind], target)
            if key not in indexed:
                indexed.add(key)
                references.append({"object_id": key[0], "to_content_type": key[1], "to_object_id": target})
    targets = _Targets(references, *types)
    links = {}
    for reference in references:
        problem = _link_problems(reference, targets, types)
        if problem:
            links.setdefault(int(reference["object_id"]), []).append(problem)
    rows = []
    for page in pages:
        page_type = page.specific_class._meta.verbose_name if page.specific_class else "page"
        for problem, detail in [*links.get(page.pk, []), *_field_problems(page, today, review_after)]:
            rows.append(Problem(page.pk, page.title, page_type.capitalize(), problem, detail))
    return rows
