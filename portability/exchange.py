"""`export_site` and `import_site`: the whole hub as a directory of Markdown files, and back, losslessly.

The directory:

- `pages/index.md` (the home page) and `pages/<url path>.md` for every other live page: YAML front
  matter holding everything needed to rebuild the page exactly, then the page as Markdown for people
  (what `/<path>.md` serves).
- `images/<id>.<ext>` with `images/<id>.yaml` beside it (title, focal point). Alt text belongs to
  each use of an image, so it is in the pages' front matter (`listing_image_alt`, the image blocks).
- `snippets/speakers.yaml` and `snippets/events.yaml`.

Ids are kept: pages, images, speakers and events are recreated with the ids they had, so every
reference inside rich text (`<a linktype="page" id="…">`) and StreamFields (images, pages chosen)
points where it pointed. That is why the import goes into an empty site (the home page alone).
StreamFields are written as Wagtail stores them (`type`, `value`, `id` per block), so nothing a
Markdown conversion cannot express (block ids, a code block's language in a list item, alt text,
decorative images, tables) is lost. Pages keep their order (tree order) and `first_published_at`.
"""

import datetime
import io
from contextlib import contextmanager
from pathlib import Path

import yaml
from django.core.files.images import ImageFile
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models.signals import pre_save
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site

from core.models import hub_page_models
from reviews.models import Event, Speaker

from .markdown import page_parts
from .writer import IMAGE_URL

# Wagtail's own page fields that an editor sets; the rest (paths, revisions, locks) are rebuilt.
PAGE_FIELDS = ["title", "slug", "seo_title", "search_description", "show_in_menus"]
IMAGE_FIELDS = ["title", "focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height"]


class ExchangeError(Exception):
    """Something about the directory or the site that stops an import, said in one line."""


def _dump(data):
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000)


def _value(field, value):
    """A model field's value as plain YAML data."""
    if isinstance(field, StreamField):
        return field.stream_block.get_prep_value(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def own_fields(model):
    """The concrete fields a page type adds to Wagtail's Page (the hub's own, from BasePage down)."""
    return [
        field
        for field in model._meta.concrete_fields
        if field.model is not Page and not field.primary_key and not isinstance(field, models.OneToOneField)
    ]


def _related_fields(model):
    """Ordered child rows (a review's speakers, the home page's features) and many-to-many fields (topics)."""
    children = [rel for rel in model._meta.related_objects if isinstance(rel.remote_field, ParentalKey)]
    many = [field for field in model._meta.get_fields() if isinstance(field, ParentalManyToManyField)]
    return children, many


def _child_fields(child_model):
    return [
        field
        for field in child_model._meta.concrete_fields
        if not field.primary_key and not isinstance(field, ParentalKey) and field.name != "sort_order"
    ]


def page_data(page, parent_id):
    """Everything needed to rebuild `page` (specific), as YAML data."""
    model = type(page)
    data = {"id": page.pk, "type": model._meta.label, "parent": parent_id}
    data.update({name: getattr(page, name) for name in PAGE_FIELDS})
    data["first_published_at"] = _value(None, page.first_published_at)
    for field in own_fields(model):
        data[field.attname] = _value(field, getattr(page, field.attname))
    children, many = _related_fields(model)
    for field in many:
        data[field.name] = sorted(getattr(page, field.name).values_list("pk", flat=True))
    for rel in children:
        fields = _child_fields(rel.related_model)
        data[rel.get_accessor_name()] = [
            {field.attname: _value(field, getattr(row, field.attname)) for field in fields}
            for row in getattr(page, rel.get_accessor_name()).all()
        ]
    return data


def image_file_name(image):
    """`<id>.<ext>`: the storage's own name can change on import (a name already taken gets a suffix)."""
    return f"{image.pk}{Path(image.file.name).suffix.lower()}"


def page_file(page):
    """`pages/index.md` for the site's root, else `pages/<its url path below the root>.md`."""
    site = Site.objects.get(is_default_site=True)
    relative = page.url_path[len(site.root_page.url_path) :].strip("/")
    return f"pages/{relative or 'index'}.md"


def export_site(directory):
    """Write every live page of the default site, every image and the snippets to `directory`."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        # Files left from another export would be mistaken for pages of this one on import.
        raise ExchangeError(f"{directory} is not empty: export into a new or empty directory")
    site = Site.objects.get(is_default_site=True)
    written, exported, positions = [], set(), {}
    models_ = tuple(hub_page_models())
    for page in site.root_page.get_descendants(inclusive=True).live().specific().order_by("path"):
        parent_id = page.get_parent().pk if page.depth > site.root_page.depth else None
        if not isinstance(page, models_) or (parent_id is not None and parent_id not in exported):
            continue  # not a hub page, or below a page that is not live: it could not be placed
        exported.add(page.pk)
        path = page_file(page)
        # Images as the files written beside the pages, relative to this page's file.
        up = "../" * path.count("/")
        token = IMAGE_URL.set(lambda image, up=up: f"{up}images/{image_file_name(image)}")
        try:
            _, blocks = page_parts(page)
        finally:
            IMAGE_URL.reset(token)
        data = page_data(page, parent_id)
        # Its place among its siblings: tree order is what guides and menus are listed in.
        data["position"] = positions[parent_id] = positions.get(parent_id, -1) + 1
        text = f"---\n{_dump(data)}---\n\n" + "\n\n".join(b.strip("\n") for b in blocks if b and b.strip()) + "\n"
        written.append(_write(directory / path, text.encode()))
    for image in get_image_model().objects.order_by("pk"):
        name = image_file_name(image)
        with image.open_file() as source:
            written.append(_write(directory / "images" / name, source.read()))
        meta = {"id": image.pk, "file": name, **{field: getattr(image, field) for field in IMAGE_FIELDS}}
        written.append(_write(directory / "images" / f"{image.pk}.yaml", _dump(meta).encode()))
    for name, model in (("speakers", Speaker), ("events", Event)):
        fields = list(model._meta.concrete_fields)
        rows = [{f.attname: _value(f, getattr(row, f.attname)) for f in fields} for row in model.objects.order_by("pk")]
        written.append(_write(directory / "snippets" / f"{name}.yaml", _dump(rows).encode()))
    return written


def _write(path, content):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


# Import


def _read_page(path):
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n") or "\n---\n" not in text[4:]:
        raise ExchangeError(f"{path}: expected YAML front matter between '---' lines")
    try:
        data = yaml.safe_load(text[4 : text.index("\n---\n", 4)])
    except yaml.YAMLError as error:
        raise ExchangeError(f"{path}: malformed front matter: {error}") from None
    if not isinstance(data, dict) or not {"id", "type", "title", "slug"} <= set(data):
        raise ExchangeError(f"{path}: the front matter needs id, type, title and slug")
    return data


def _set_fields(instance, fields, data):
    for field in fields:
        if field.attname in data:
            value = data[field.attname]
            if value is not None and not isinstance(field, StreamField) and not field.is_relation:
                value = field.to_python(value)
            setattr(instance, field.attname, value)


def _models_by_label():
    return {model._meta.label: model for model in hub_page_models()}


@transaction.atomic
def import_site(directory):
    """Rebuild the pages, images and snippets of an `export_site` directory in a site holding only its home page."""
    directory = Path(directory)
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise ExchangeError("there is no default site to import into")
    home = site.root_page
    below = list(home.get_children().values_list("title", flat=True)[:3])
    if below:
        raise ExchangeError(
            f"the site is not empty ({', '.join(below)}…): import_site needs a home page with nothing below it"
        )
    for label, model in (("images", get_image_model()), ("speakers", Speaker), ("events", Event)):
        if model.objects.exists():
            raise ExchangeError(f"the site already has {label}: import_site needs an empty site (ids are kept)")
    pages_dir = directory / "pages"
    if not (pages_dir / "index.md").is_file():
        raise ExchangeError(f"{pages_dir / 'index.md'}: not found (is this an export_site directory?)")

    _import_snippets(directory)
    _import_images(directory)
    entries = [_read_page(path) for path in sorted(pages_dir.rglob("*.md"))]
    # Parents first, siblings in their exported order (tree order; file names do not say it).
    by_id = {entry["id"]: entry for entry in entries}
    root = next((entry for entry in entries if entry["parent"] is None), None)
    if root is None:
        raise ExchangeError("no page without a parent (the home page) in the export")
    order = _tree_order(entries, root["id"])
    models_by_label = _models_by_label()
    created = {root["id"]: home.specific}
    for page_id in order[1:]:
        entry = by_id[page_id]
        model = models_by_label.get(entry["type"])
        if model is None:
            raise ExchangeError(f"page {page_id}: unknown page type {entry['type']!r}")
        if entry["parent"] not in created:
            raise ExchangeError(f"page {page_id}: its parent {entry['parent']} is not in the export")
        page = model(live=False)
        _fill(page, entry)
        with _saved_with_id(page, page_id):
            created[entry["parent"]].add_child(instance=page)
        created[page_id] = page
    _fill(created[root["id"]], root)
    _reset_sequences([Page, get_image_model(), Speaker, Event])
    for page_id in order:
        page, entry = created[page_id], by_id[page_id]
        _fill_related(page, entry)
        page.save_revision().publish()
        if entry.get("first_published_at"):
            Page.objects.filter(pk=page.pk).update(
                first_published_at=datetime.datetime.fromisoformat(entry["first_published_at"])
            )
    return len(order)


@contextmanager
def _saved_with_id(instance, wanted_id):
    """Save `instance` (a new page) under `wanted_id`.

    Wagtail treats a page with an id as existing (it looks up its old slug), so the page goes through
    `add_child` without one, as any new page, and gets its id only as the row is written (pre_save).
    """

    def give_id(sender, instance=None, **kwargs):
        if instance is target and instance.pk is None:
            instance.id = wanted_id

    target = instance
    pre_save.connect(give_id, weak=False, dispatch_uid="portability.import.id")
    try:
        yield
    finally:
        pre_save.disconnect(dispatch_uid="portability.import.id")
    if instance.pk != wanted_id:
        raise ExchangeError(f"page {wanted_id} could not be created with its id")


def _tree_order(entries, root_id):
    children = {}
    for entry in entries:
        children.setdefault(entry["parent"], []).append((entry.get("position", 0), entry["id"]))
    order, stack = [], [root_id]
    while stack:
        page_id = stack.pop()
        order.append(page_id)
        stack.extend(child for _, child in sorted(children.get(page_id, []), reverse=True))
    return order


def _fill(page, entry):
    for name in PAGE_FIELDS:
        if name in entry:
            setattr(page, name, entry[name])
    page.draft_title = page.title
    _set_fields(page, own_fields(type(page)), entry)


def _fill_related(page, entry):
    children, many = _related_fields(type(page))
    for field in many:
        getattr(page, field.name).set(entry.get(field.name) or [])
    for rel in children:
        rows = []
        for row in entry.get(rel.get_accessor_name()) or []:
            child = rel.related_model()
            _set_fields(child, _child_fields(rel.related_model), row)
            rows.append(child)
        setattr(page, rel.get_accessor_name(), rows)


def _import_snippets(directory):
    for name, model in (("speakers", Speaker), ("events", Event)):
        path = directory / "snippets" / f"{name}.yaml"
        if not path.is_file():
            continue
        for row in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            instance = model()
            _set_fields(instance, model._meta.concrete_fields, row)
            instance.save(force_insert=True)


def _import_images(directory):
    image_model = get_image_model()
    root = Collection.get_first_root_node()
    for meta_path in sorted((directory / "images").glob("*.yaml")):
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        content = (directory / "images" / meta["file"]).read_bytes()
        fields = {name: meta.get(name) for name in IMAGE_FIELDS}
        # ImageFile, so the image's width and height are read from the file as an upload's are.
        image = image_model(
            id=meta["id"], collection=root, file=ImageFile(io.BytesIO(content), name=meta["file"]), **fields
        )
        image.save(force_insert=True)


def _reset_sequences(model_list):
    """After rows with explicit ids, PostgreSQL's id sequences must move past them (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
