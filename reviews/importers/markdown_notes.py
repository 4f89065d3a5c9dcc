"""Hugo-style markdown event notes → the blocks of an `EventNotesPage`, and the page of them.

The file has YAML front matter (title, date, summary/description, tags/categories, and optionally
the event and the slug), `## ` headings for days, `### ` headings for talks, and markdown in between.
markdown-it-py parses it; this module only maps its syntax tree onto our blocks, so that every
heading, paragraph, list item (at its depth and number), link, quote (one per blockquote) with its
`-- attribution`, code block (with its language, or inside the list item it belongs to), table cell
and emoji reaches the page.

Rich text is passed once through the hub's Draftail converter, so what is stored is exactly what the
editor would save: opening the page in the admin and saving it changes nothing.

The page's slug (front matter `slug`, else made from the title) is its identity under the index:
importing the file again updates that page (`core.importing`).
"""

import datetime
import re
from dataclasses import dataclass, field
from html import escape

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from markdown_it.tree import SyntaxTreeNode

from core.markdown.reading import (
    MARKDOWN,
    FrontMatter,
    SourceError,
    code_language,
    inline_children,
    inline_html,
    inline_links,
    inline_text,
    read_text,
    rich_text_html,
    split_attribution,
    table_value,
)
from core.rich_text import HubContentstateConverter
from reviews.blocks import MAX_LIST_DEPTH, NOTES_FEATURES, EventNotesBodyBlock, NotesBlock
from reviews.models import Event, EventNotesPage
from topics.importing import resolve_topics

TOC_SHORTCODE = re.compile(r"^\{\{[<%]\s*toc\s*[%>]\}\}$")
NOTES_BLOCK = NotesBlock(required=False)
BODY_BLOCK = EventNotesBodyBlock(required=False)
CONVERTER = HubContentstateConverter(NOTES_FEATURES)
CREATE_EVENTS = "--create-events"


@dataclass
class EventNotes:
    """An event's notes as parsed from a file, ready to become an `EventNotesPage`."""

    path: str
    title: str
    slug: str
    start_date: datetime.date | None  # None only when `event_name` names the event, whose dates are used
    end_date: datetime.date | None = None
    summary: str = ""
    # The front matter's `event` (and its line): matched to an `Event` by `find_event`.
    event_name: str = ""
    event_line: int = 1
    # [(name, line)] from `tags` and `categories`: matched to topic pages by `resolve_topics`.
    topic_names: list = field(default_factory=list)
    intro: list = field(default_factory=list)
    days: list = field(default_factory=list)
    body: list = field(default_factory=list)

    @property
    def talk_titles(self):
        return [talk["title"] for day in self.days for talk in day["talks"]]


def load_event_notes(path):
    """Read and parse a Hugo markdown file; raises `SourceError` naming the file and line."""
    return parse_event_notes(read_text(path), path)


def find_event(notes, *, create=False):
    """The event the notes name (front matter `event`, by name or slug, any case), or None if they name none.

    An event the hub does not have is an error at the `event` line; with `create` it is a new event
    (not saved yet) with the front matter's dates instead.
    """
    if not notes.event_name:
        return None
    wanted = slugify(notes.event_name)
    # A name or a slug: compared as slugs, which the database cannot do (events are a short list).
    matches = [event for event in Event.objects.all() if slugify(event.name) == wanted]
    if len(matches) > 1 and notes.start_date:
        matches = [event for event in matches if event.start_date == notes.start_date] or matches
    if len(matches) > 1:
        named = "; ".join(f"{event.name} from {event.start_date}" for event in matches)
        message = f"event '{notes.event_name}' names {len(matches)} events ({named}): give the date of the one it is"
        raise SourceError(notes.path, notes.event_line, message)
    if matches:
        return matches[0]
    if not create:
        raise SourceError(
            notes.path,
            notes.event_line,
            f"unknown event '{notes.event_name}': add it under Talks › Events, or re-run with {CREATE_EVENTS}",
        )
    if notes.start_date is None:
        message = f"to create event '{notes.event_name}', give its first day as the front matter's 'date'"
        raise SourceError(notes.path, notes.event_line, message)
    return Event(name=notes.event_name, start_date=notes.start_date, end_date=notes.end_date)


def import_event_notes(notes, parent, saving, *, event=None, create_topics=False):
    """The notes as a page under `parent`: created, or the page made before (the child with the notes' slug)
    updated, saved as `saving` says (`core.importing.Saving`). Returns (action, page).

    `event` is what `find_event` returned (saved here if new); topics named that do not exist are created
    when `create_topics` (after `topics.importing.check_topics`). All in one transaction.
    """
    with transaction.atomic():
        if event is not None and event.pk is None:
            event.save()
        page = EventNotesPage.objects.child_of(parent).filter(slug=notes.slug).first()
        draft = page.get_latest_revision_as_object() if page else None
        values = {
            "title": notes.title,
            "summary": notes.summary,
            "intro": notes.intro,
            "body": notes.body,
            "topics": resolve_topics(notes.topic_names, create=create_topics, user=saving.user),
        }
        if event is not None:
            # The page's dates are its event's (as EventNotesPage.clean makes them when an editor saves).
            values.update(event=event, start_date=event.start_date, end_date=event.end_date)
        elif draft is None or draft.event_id is None:
            # An event an editor chose since the last import is kept, and its dates with it.
            values.update(start_date=notes.start_date, end_date=notes.end_date)
        if page is None:
            page = EventNotesPage(slug=notes.slug)
            return saving.create(parent, page, values), page
        return saving.update(page, values), page


def parse_event_notes(text, path="<string>"):
    front, body, offset = FrontMatter.split(text, path)
    title = front.text_value(["title"], 255, required=True)
    event_name = front.text_value(["event"], 200)
    slug_text = front.text_value(["slug"], 255)
    slug = slugify(slug_text or title)[:255]
    if not slug:
        message = f"no address can be made from '{slug_text or title}': give the notes a 'slug'"
        raise front.error("slug" if slug_text else "title", message)
    notes = EventNotes(
        path=str(path),
        title=title,
        slug=slug,
        # With an event named, its dates are the page's; without, the first day must be given.
        start_date=front.date_value(
            ["date", "start_date"], required=not event_name, meaning="the event's first day, YYYY-MM-DD"
        ),
        end_date=front.date_value(["end_date", "enddate"]),
        summary=front.text_value(["summary", "description"], 300),
        event_name=event_name,
        event_line=front.line("event"),
        topic_names=front.names(["tags", "categories"]),
    )
    _Builder(path, offset).build(body, notes)
    notes.intro = _canonical(NOTES_BLOCK, notes.intro, path)
    notes.body = _canonical(BODY_BLOCK, [{"type": "day", "value": day} for day in notes.days], path)
    return notes


def _canonical(stream_block, raw, path):
    """Stream data exactly as the editor saves it (validated, every block and list item with an id)."""
    try:
        return stream_block.get_prep_value(stream_block.clean(stream_block.to_python(raw)))
    except ValidationError as error:
        raise SourceError(path, None, f"the notes would not pass the editor's checks: {error}") from None


class _Blocks:
    """Collects raw stream blocks; consecutive paragraphs and lists share one rich text block."""

    def __init__(self, builder):
        self.builder = builder
        self.blocks = []
        self.lines = []

    def rich(self, line):
        self.lines.append(line)

    def extend_item(self, html):
        self.lines[-1] = (*self.lines[-1][:3], f"{self.lines[-1][3]}<br/>{html}")

    def block(self, kind, value, node):
        self.flush()
        self.blocks.append(self.builder.checked(kind, value, node))

    def flush(self):
        if self.lines:
            value = rich_text_html(self.lines, CONVERTER)
            self.blocks.append({"type": "paragraph", "value": value})
            self.lines = []


class _Quote(_Blocks):
    """Collects the inside of a blockquote as one quote block (a code block or table inside ends it)."""

    def __init__(self, builder, outer, node):
        super().__init__(builder)
        self.outer, self.node = outer, node

    def block(self, kind, value, node):
        self.close()
        self.outer.block(kind, value, node)

    def close(self, attribution="", url=""):
        if self.lines:
            value = {"quote": rich_text_html(self.lines, CONVERTER), "attribution": attribution, "source_url": url}
            self.outer.block("quote", value, self.node)
            self.lines = []

    def flush(self):
        pass


class _Builder:
    def __init__(self, path, offset):
        self.path, self.offset = path, offset

    def line(self, node):
        return node.map[0] + self.offset + 1 if node.map else None

    def error(self, node, message):
        return SourceError(self.path, self.line(node), message)

    def checked(self, kind, value, node):
        """A raw block, validated as the editor would validate it, or an error at its line."""
        block = NOTES_BLOCK.child_blocks[kind]
        try:
            block.clean(block.to_python(value))
        except ValidationError as error:
            raise self.error(node, f"this {kind} would not pass the editor's checks: {error}") from None
        return {"type": kind, "value": value}

    def build(self, body, notes):
        root = SyntaxTreeNode(MARKDOWN.parse(body))
        day = talk = None
        target = _Blocks(self)
        intro_target = target

        def finish():
            target.flush()
            if talk is not None:
                talk["notes"] = target.blocks
            elif day is not None:
                day["intro"] = target.blocks

        for node in root.children:
            if node.type == "heading" and node.tag in ("h2", "h3"):
                title = inline_text(inline_children(node)).strip()
                if not title:
                    raise self.error(node, f"empty '{node.markup} ' heading")
                finish()
                if node.tag == "h2":
                    day, talk = {"title": title, "intro": [], "talks": []}, None
                    notes.days.append(day)
                else:
                    if day is None:
                        raise self.error(node, f"talk '### {title}' comes before the first day ('## ') heading")
                    talk = {"title": title, "review": None, "notes": []}
                    day["talks"].append(talk)
                target = _Blocks(self)
                links = inline_links(inline_children(node))
                if links:  # a heading's links would be lost in a plain-text title
                    target.rich(("p", " · ".join(f'<a href="{escape(h)}">{escape(t or h)}</a>' for h, t in links)))
                continue
            self.add(node, target)
        finish()
        if not notes.days:
            raise SourceError(self.path, self.offset + 1, "no '## ' day headings: nothing to import")
        notes.intro = intro_target.blocks

    # Block syntax → blocks -----------------------------------------------------------------

    def add(self, node, out):
        kind = node.type
        if kind == "paragraph":
            text = inline_text(inline_children(node)).strip()
            if TOC_SHORTCODE.match(text):  # the page builds its own table of contents
                return
            out.rich(("p", inline_html(inline_children(node))))
        elif kind == "heading":  # h1 and h4–h6 inside notes: bold text keeps the outline intact
            out.rich(("p", f"<b>{inline_html(inline_children(node))}</b>"))
        elif kind in ("bullet_list", "ordered_list"):
            self.add_list(node, out, 0)
        elif kind in ("fence", "code_block"):
            code = node.content.strip("\n").rstrip()
            if code:
                out.block("code", {"language": code_language(node.info), "code": code}, node)
        elif kind == "table":
            out.block("table", table_value(node), node)
        elif kind == "blockquote":
            self.add_quote(node, out)
        elif kind == "html_block":
            out.rich(("p", escape(" ".join(node.content.split()), quote=False)))
        elif kind == "hr":
            return
        else:
            raise self.error(node, f"unsupported markdown ({kind})")

    def add_list(self, node, out, depth):
        tag = "ol" if node.type == "ordered_list" else "ul"
        level = min(depth, MAX_LIST_DEPTH)
        for item in node.children:
            item_open = False
            for child in item.children:
                if child.type in ("paragraph", "heading"):
                    html = inline_html(inline_children(child))
                    if item_open:
                        out.extend_item(html)
                    else:
                        out.rich(("li", tag, level, html))
                        item_open = True
                elif child.type in ("bullet_list", "ordered_list"):
                    self.add_list(child, out, depth + 1)
                    item_open = False
                elif child.type in ("fence", "code_block") and item_open:
                    # Code inside a list item stays in the item, so the list goes on after it (a
                    # paragraph after the code starts a new item: Draftail has no text after code).
                    code = child.content.strip("\n").rstrip()
                    if code:
                        out.rich(("pre", code, code_language(child.info)))
                    item_open = False
                else:
                    self.add(child, out)
                    item_open = False

    def add_quote(self, node, out):
        """A blockquote becomes one quote, however many paragraphs it has.

        An attribution ('-- Name') ending its last paragraph, and no other, becomes the quote's
        attribution; where several paragraphs are attributed (a dialogue), each keeps its own.
        """
        quote = _Quote(self, out, node)
        attributed = [c for c in node.children if c.type == "paragraph" and split_attribution(inline_children(c))]
        whole = attributed == node.children[-1:]  # only the last paragraph names someone: the whole quote's
        attribution = url = ""
        for child in node.children:
            if child.type == "paragraph":
                split = split_attribution(inline_children(child))
                if split and whole and (split[0] or quote.lines):
                    _words, attribution, url = split
                    if split[0]:
                        quote.rich(("p", split[0]))
                elif split and not whole:
                    link = f'<a href="{escape(split[2])}">{escape(split[1])}</a>' if split[2] else escape(split[1])
                    quote.rich(("p", f"{split[0]} — {link}".strip()))
                else:
                    quote.rich(("p", inline_html(inline_children(child))))
            elif child.type == "blockquote":
                for paragraph in child.children:
                    self.add(paragraph, quote)
            else:
                self.add(child, quote)
        quote.close(attribution, url)
