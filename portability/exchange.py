"""`export_site` and `import_site`: the whole hub as a directory of Markdown files, and back, losslessly.

The directory:

- `pages/index.md` (the home page) and `pages/<url path>.md` for every other live page: YAML front
  matter holding everything needed to rebuild the page exactly, then the page as Markdown for people
  (what `/<path>.md` serves).
- `images/<id>.<ext>` with `images/<id>.yaml` beside it (title, focal point). Alt text belongs to
  each use of an image, so it is in the pages' front matter (`listing_image_alt`, the image blocks).
- `collections.yaml`: the collections the images are in, each with its view restrictions, so a
  private collection's images stay private (an image's YAML names its collection).
- `snippets/speakers.yaml` and `snippets/events.yaml`.

Ids are kept: pages, images, speakers and events are recreated with the ids they had, so every
reference inside rich text (`<a linktype="page" id="…">`) and StreamFields (images, pages chosen)
points where it pointed. That is why the import goes into an empty site (the home page alone).
StreamFields are written as Wagtail stores them (`type`, `value`, `id` per block), so nothing a
Markdown conversion cannot express (block ids, a code block's language in a list item, alt text,
decorative images, tables) is lost. Pages keep their order (tree order) and `first_published_at`.

An export is read as if an attacker had written it (see "Import" below).
"""

import datetime
import io
from contextlib import contextmanager
from pathlib import Path

import yaml
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.color import no_style
from django.db import IntegrityError, connection, models, transaction
from django.db.models.signals import post_save, pre_save
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.blocks.base import get_error_json_data
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.models import Collection, CollectionViewRestriction, Page, Site

from core.markdown.reading import SourceError, load_yaml, read_text
from core.models import hub_page_models
from core.rich_text import clean_stream_data
from reviews.models import Event, Speaker

from .markdown import page_parts
from .writer import IMAGE_URL

# Wagtail's own page fields that an editor sets; the rest (paths, revisions, locks) are rebuilt.
PAGE_FIELDS = ["title", "slug", "seo_title", "search_description", "show_in_menus"]
IMAGE_FIELDS = ["title", "focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height"]
COLLECTIONS = "collections.yaml"
MAX_ID = 2**31 - 1
RENDITIONS = "portability.import.renditions"


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


def _collection_names():
    """{collection id: the names leading to it from below the root} ([] for the root itself)."""
    names, by_path = {}, {}
    for collection in Collection.objects.order_by("path"):
        parent = by_path.get(collection.path[: -Collection.steplen])
        by_path[collection.path] = names[collection.pk] = [] if parent is None else [*parent, collection.name]
    return names


def _restrictions_data(collection):
    """A collection's own view restrictions as YAML data (those of the collections above it apply too)."""
    rows = []
    for restriction in collection.view_restrictions.prefetch_related("groups").order_by("pk"):
        data = {"type": restriction.restriction_type}
        if restriction.restriction_type == restriction.GROUPS:
            data["groups"] = sorted(group.name for group in restriction.groups.all())
        # A shared password is never written: an export is no place for a secret (the import refuses
        # such a collection, and this site offers none: SHARED_PASSWORD is off).
        rows.append(data)
    return rows


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
    names = _collection_names()
    collections = [
        {"path": names[collection.pk], "view_restrictions": _restrictions_data(collection)}
        for collection in Collection.objects.filter(depth__gt=1).order_by("path")
    ]
    written.append(_write(directory / COLLECTIONS, _dump(collections).encode()))
    for image in get_image_model().objects.order_by("pk"):
        name = image_file_name(image)
        with image.open_file() as source:
            written.append(_write(directory / "images" / name, source.read()))
        meta = {"id": image.pk, "file": name, "collection": names[image.collection_id]}
        meta.update({field: getattr(image, field) for field in IMAGE_FIELDS})
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
#
# The directory may come from anyone: every file read is resolved and must be inside it, all YAML is
# read by `load_yaml` (safe, within limits), rich text is cleaned as the editor cleans it, and every
# value goes through the field's or block's own validation. Anything else is an ExchangeError in one
# line naming the file, and nothing is kept: the database is rolled back and stored images deleted.


def _one_line(text):
    return " ".join(str(text).split())


def _problem(error):
    """A validation error as one line; a block's says where in its stream (`3.links.0.url: Enter a valid URL.`)."""
    if not isinstance(error, ValidationError):
        return _one_line(error)

    def messages(data, where):
        found = [f"{where}: {message}" if where else message for message in data.get("messages", [])]
        for key, child in (data.get("blockErrors") or {}).items():
            found += messages(child, f"{where}.{key}" if where else str(key))
        return found

    if hasattr(error, "as_json_data"):
        return _one_line("; ".join(messages(get_error_json_data(error), "")))
    if hasattr(error, "error_dict"):  # a model's full_clean: the fields that failed, by name
        return _one_line("; ".join(f"'{name}': {' '.join(texts)}" for name, texts in error.message_dict.items()))
    return _one_line("; ".join(error.messages))


def _inside(folder, path, entry):
    """`path` resolved, refused unless inside `folder` (resolved): no `..`, absolute path or link leads out.

    Checked before the file is opened, with the same answer whether or not anything is there.
    """
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):  # a link that loops
        resolved = None
    if resolved is None or not resolved.is_relative_to(folder):
        raise ExchangeError(f"{entry} is outside the export's {folder.name} folder: refused")
    return resolved


def _read_text(folder, path):
    try:
        return read_text(_inside(folder, path, path))
    except SourceError as error:
        raise ExchangeError(str(SourceError(path, error.line, error.message))) from None


def _load_yaml(source, path, first_line=1, what="YAML"):
    try:
        return load_yaml(source, path, first_line, what)
    except SourceError as error:
        raise ExchangeError(str(error)) from None


def _read_yaml(folder, path, default=None, optional=False):
    """A YAML file of the export; one that may be left out (`optional`) gives `default` when it is not there."""
    if optional and not _inside(folder, path, path).is_file():  # inside first: no answer about elsewhere
        return default
    return _load_yaml(_read_text(folder, path), path)


def _read_page(folder, path):
    text = _read_text(folder, path)
    if not text.startswith("---\n") or "\n---\n" not in text[4:]:
        raise ExchangeError(f"{path}: expected YAML front matter between '---' lines")
    data = _load_yaml(text[4 : text.index("\n---\n", 4)], path, first_line=2, what="front matter")
    if not isinstance(data, dict) or not {"id", "type", "title", "slug"} <= set(data):
        raise ExchangeError(f"{path}: the front matter needs id, type, title and slug")
    _check_ids(path, data, "id")
    _check_ids(path, data, "parent", "position", optional=True)
    if not isinstance(data["type"], str):
        raise ExchangeError(f"{path}: 'type' must be a page type such as articles.ArticlePage")
    return data


def _is_id(value):
    """A whole number a database can hold as an id (PostgreSQL's `integer`)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_ID


def _check_ids(path, data, *keys, optional=False):
    """Refuse anything but an id under `keys` (or nothing at all, when `optional`)."""
    for key in keys:
        value = data.get(key)
        if optional and value is None:
            continue
        if not _is_id(value):
            raise ExchangeError(f"{path}: '{key}' must be a whole number from 0 to {MAX_ID}, not {value!r:.40}")


def _set_fields(instance, fields, data, where):
    """Set `fields` of `instance` from `data`, each converted by its field; rich text cleaned as the editor would."""
    for field in fields:
        if field.attname not in data:
            continue
        value = data[field.attname]
        try:
            if isinstance(field, StreamField):
                value = clean_stream_data(field.stream_block, value)
            elif value is None:
                if not field.null:
                    raise ValueError("must not be empty")
            elif field.is_relation:
                if not _is_id(value):
                    raise ValueError(f"{value!r:.40} is not an id")
            else:
                value = field.to_python(value)
        # A field's to_python meets shapes it never wrote (a list for a date): it fails as it can.
        except (ValidationError, ValueError, TypeError) as error:
            raise ExchangeError(f"{where}: '{field.attname}': {_problem(error)}") from None
        setattr(instance, field.attname, value)


def _validate_streams(instance, where):
    """Every StreamField of `instance` as its blocks validate it in the editor (links must be http(s)…)."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, StreamField):
            try:
                field.stream_block.clean(getattr(instance, field.attname))
            # The blocks' to_python meet shapes they never wrote, and fail as they can.
            except (ValidationError, ValueError, TypeError, AttributeError, KeyError) as error:
                raise ExchangeError(f"{where}: '{field.name}': {_problem(error)}") from None


def _models_by_label():
    return {model._meta.label: model for model in hub_page_models()}


def import_site(directory):
    """Rebuild the pages, images and snippets of an `export_site` directory in a site holding only its home page.

    Returns the number of pages. On an ExchangeError nothing is kept.
    """
    stored = []  # files written to storage (images, and renditions made as pages are published)

    def remember(sender, instance, **kwargs):
        stored.append(instance.file)

    post_save.connect(remember, sender=get_image_model().get_rendition_model(), weak=False, dispatch_uid=RENDITIONS)
    try:
        return _import_site(Path(directory), stored)
    except BaseException:
        for file in stored:  # the transaction is rolled back; the files it stored are not in it
            file.storage.delete(file.name)
        raise
    finally:
        post_save.disconnect(sender=get_image_model().get_rendition_model(), dispatch_uid=RENDITIONS)


@transaction.atomic
def _import_site(directory, stored):
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
    directory = directory.resolve()
    pages_dir = _inside(directory, directory / "pages", directory / "pages")
    if not _inside(pages_dir, pages_dir / "index.md", pages_dir / "index.md").is_file():
        raise ExchangeError(f"{pages_dir / 'index.md'}: not found (is this an export_site directory?)")

    _import_snippets(directory)
    collections = _import_collections(directory)
    _import_images(directory, collections, stored)
    files, by_id, order = _read_pages(pages_dir, home)
    root = by_id[order[0]]
    models_by_label = _models_by_label()
    created = {root["id"]: home.specific}
    for page_id in order[1:]:
        entry, where = by_id[page_id], files[page_id]
        model = models_by_label.get(entry["type"])
        if model is None:
            raise ExchangeError(f"{where}: unknown page type {entry['type']!r}")
        page = model(live=False)
        _fill(page, entry, where)
        with _saved_with_id(page, page_id), _refused_as(where):
            created[entry["parent"]].add_child(instance=page)
        created[page_id] = page
    _fill(created[root["id"]], root, files[root["id"]])
    _reset_sequences([Page, get_image_model(), Speaker, Event])
    for page_id in order:
        page, entry, where = created[page_id], by_id[page_id], files[page_id]
        _fill_related(page, entry, where)
        _validate_streams(page, where)
        with _refused_as(where):
            page.save_revision().publish()
        first_published_at = entry.get("first_published_at")
        if first_published_at:
            try:
                first_published_at = datetime.datetime.fromisoformat(first_published_at)
            except (TypeError, ValueError):
                raise ExchangeError(f"{where}: 'first_published_at' is not a date and time") from None
            Page.objects.filter(pk=page.pk).update(first_published_at=first_published_at)
    # References are checked at commit; an id that names nothing must fail here, in one line.
    try:
        connection.check_constraints()
    except IntegrityError as error:
        raise ExchangeError(f"the export refers to something it does not hold: {_one_line(error)}") from None
    return len(order)


def _read_pages(pages_dir, home):
    """(file of each page id, front matter of each page id, page ids from the home page down), checked."""
    files, by_id = {}, {}
    for path in sorted(pages_dir.rglob("*.md")):
        entry = _read_page(pages_dir, path)
        if entry["id"] in by_id:
            raise ExchangeError(f"{path}: page {entry['id']} is in {files[entry['id']]} too")
        files[entry["id"]], by_id[entry["id"]] = path, entry
    roots = [entry for entry in by_id.values() if entry.get("parent") is None]
    if len(roots) != 1:
        raise ExchangeError(f"{len(roots)} pages without a parent in the export: there must be one, the home page")
    root = roots[0]
    if root["type"] != home.specific_class._meta.label:
        raise ExchangeError(f"{files[root['id']]}: the home page here is a {home.specific_class._meta.label}")
    order = _tree_order(by_id.values(), root["id"])
    unplaced = sorted(set(by_id) - set(order))
    if unplaced:
        where, parent = files[unplaced[0]], by_id[unplaced[0]]["parent"]
        raise ExchangeError(f"{where}: its parent {parent} is not in the export, below the home page")
    taken = Page.objects.filter(pk__in=order[1:]).values_list("pk", flat=True).first()
    if taken is not None:
        raise ExchangeError(f"{files[taken]}: page id {taken} is taken in this site")
    return files, by_id, order


@contextmanager
def _refused_as(where):
    """A model's own validation (Wagtail validates every page it saves) as an ExchangeError naming the file."""
    try:
        yield
    except ValidationError as error:
        raise ExchangeError(f"{where}: {_problem(error)}") from None


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
    """Page ids from the root down, siblings in their exported order; pages not below the root are left out."""
    children = {}
    for entry in entries:
        children.setdefault(entry.get("parent"), []).append((entry.get("position") or 0, entry["id"]))
    order, stack = [], [root_id]
    while stack:
        page_id = stack.pop()
        order.append(page_id)
        stack.extend(child for _, child in sorted(children.get(page_id, []), reverse=True))
    return order


def _fill(page, entry, where):
    _set_fields(page, [Page._meta.get_field(name) for name in PAGE_FIELDS], entry, where)
    page.draft_title = page.title
    _set_fields(page, own_fields(type(page)), entry, where)


def _fill_related(page, entry, where):
    children, many = _related_fields(type(page))
    for field in many:
        ids = entry.get(field.name) or []
        if not isinstance(ids, list) or not all(_is_id(i) for i in ids):
            raise ExchangeError(f"{where}: '{field.name}' must be a list of ids")
        if field.related_model.objects.filter(pk__in=ids).count() != len(set(ids)):
            raise ExchangeError(f"{where}: '{field.name}' names an id that is not in the export")
        getattr(page, field.name).set(ids)
    for rel in children:
        name = rel.get_accessor_name()
        rows = entry.get(name) or []
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise ExchangeError(f"{where}: '{name}' must be a list of mappings")
        instances = []
        for row in rows:
            child = rel.related_model()
            _set_fields(child, _child_fields(rel.related_model), row, where)
            with _refused_as(f"{where}: '{name}'"):
                child.full_clean(exclude=[rel.field.name])
            instances.append(child)
        setattr(page, name, instances)


def _import_snippets(directory):
    for name, model in (("speakers", Speaker), ("events", Event)):
        path = directory / "snippets" / f"{name}.yaml"
        rows = _read_yaml(directory, path, default=[], optional=True) or []
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise ExchangeError(f"{path}: expected a list of {name}")
        for row in rows:
            instance = model()
            _set_fields(instance, model._meta.concrete_fields, row, path)
            _validate_streams(instance, path)
            with _refused_as(path):
                instance.full_clean()
            instance.save(force_insert=True)


def _restriction(data, path, label):
    """(type, group names) of an exported view restriction of collection `label`, checked."""
    kind, groups = data.get("type"), data.get("groups") or []
    if kind == CollectionViewRestriction.PASSWORD:
        raise ExchangeError(
            f"{path}: collection {label!r} is behind a shared password, which this site does not use: "
            "make it visible to logged-in users or groups, then export again"
        )
    kinds = (CollectionViewRestriction.LOGIN, CollectionViewRestriction.GROUPS)
    if kind not in kinds or not isinstance(groups, list) or not all(isinstance(g, str) for g in groups):
        raise ExchangeError(f"{path}: collection {label!r}: a view restriction is 'type: login' or 'type: groups'")
    return kind, tuple(sorted(groups))


def _import_collections(directory):
    """{names below the root: Collection} for the export's collections, made where missing, with their restrictions.

    A restriction is kept, so a private collection's images stay private; a collection that exists
    here already must have the same restrictions (not fewer: its images would be shown to more people).
    """
    root = Collection.get_first_root_node()
    found = {(): root}
    path = directory / COLLECTIONS
    rows = _read_yaml(directory, path, default=[], optional=True)
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise ExchangeError(f"{path}: expected a list of collections")
    for row in rows:
        names, restrictions = row.get("path"), row.get("view_restrictions") or []
        if not (isinstance(names, list) and names and all(isinstance(name, str) and name for name in names)):
            raise ExchangeError(f"{path}: a collection's path is a list of names, e.g. [Photos, Private]")
        if not isinstance(restrictions, list) or not all(isinstance(r, dict) for r in restrictions):
            raise ExchangeError(f"{path}: {'/'.join(names)}: view_restrictions must be a list")
        label, parent = "/".join(names), found.get(tuple(names[:-1]))
        if parent is None:
            raise ExchangeError(f"{path}: collection {label!r} comes before the collection it is in")
        wanted = sorted(_restriction(r, path, label) for r in restrictions)
        collection = Collection.objects.child_of(parent).filter(name=names[-1]).first()
        if collection is None:
            collection = parent.add_child(name=names[-1])
            for kind, group_names in wanted:
                groups = Group.objects.filter(name__in=group_names)
                missing = set(group_names) - {group.name for group in groups}
                if missing:
                    raise ExchangeError(
                        f"{path}: collection {label!r} is for the group {sorted(missing)[0]!r} only, which this "
                        "site does not have: create the group, then import again"
                    )
                restriction = CollectionViewRestriction.objects.create(collection=collection, restriction_type=kind)
                restriction.groups.set(groups)
        elif sorted((r["type"], tuple(r.get("groups", ()))) for r in _restrictions_data(collection)) != wanted:
            raise ExchangeError(
                f"{path}: collection {label!r} exists here with other view restrictions than in the export: "
                "give it the same ones, or remove it, then import again"
            )
        found[tuple(names)] = collection
    return found


def _import_images(directory, collections, stored):
    image_model = get_image_model()
    images_dir = _inside(directory, directory / "images", directory / "images")
    upload_field = WagtailImageField()
    for meta_path in sorted(images_dir.glob("*.yaml")):
        meta = _read_yaml(images_dir, meta_path)
        if not isinstance(meta, dict):
            raise ExchangeError(f"{meta_path}: expected the image's id, file and title")
        _check_ids(meta_path, meta, "id")
        name, names = meta.get("file"), meta.get("collection") or []
        if not isinstance(name, str) or not name:
            raise ExchangeError(f"{meta_path}: 'file' must name the image file beside it")
        path = _inside(images_dir, images_dir / name, f"{meta_path}: file {name!r}")
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names) or tuple(names) not in collections:
            raise ExchangeError(f"{meta_path}: collection {names!r:.60} is not in {COLLECTIONS}")
        if not path.is_file():
            raise ExchangeError(f"{meta_path}: file {name!r} not found")
        if path.stat().st_size > upload_field.max_upload_size:
            raise ExchangeError(f"{meta_path}: file {name!r} is larger than an editor may upload")
        content = path.read_bytes()
        try:  # the checks of an editor's upload: a format Wagtail accepts, its size in bytes and pixels
            upload_field.clean(SimpleUploadedFile(path.name, content))
        except ValidationError as error:
            raise ExchangeError(f"{meta_path}: file {name!r}: {_problem(error)}") from None
        # ImageFile, so the image's width and height are read from the file as an upload's are.
        image = image_model(
            id=meta["id"], collection=collections[tuple(names)], file=ImageFile(io.BytesIO(content), name=path.name)
        )
        _set_fields(image, [image_model._meta.get_field(field) for field in IMAGE_FIELDS], meta, meta_path)
        with _refused_as(meta_path):
            image.full_clean(exclude=["file"])
        image.save(force_insert=True)
        stored.append(image.file)


def _reset_sequences(model_list):
    """After rows with explicit ids, PostgreSQL's id sequences must move past them (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
