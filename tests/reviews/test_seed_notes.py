"""The seed's conference notes (../shared/seeds/001_…txt), imported and compared with the source block by block.

Both the markdown and the rendered page are reduced to the same sequence of events per talk: list items
(depth, list type, number, words), code (and the item it sits in), quotes (all their words), paragraphs
and tables. The page must tell the same story as the file, in the same order.
"""

import re

import pytest
from django.core.management import call_command
from django.utils.text import slugify
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from core.outline import MAX_ANCHOR_LENGTH
from reviews.models import EventNotesPage
from tests.conftest import parse
from tests.reviews.conftest import seed

SEED_NOTES = "001_f92644eb82a98da5.txt"
MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def words(text):
    """Text compared as words: whitespace, markup and the attribution dash ('--' or '—') do not count."""
    return " ".join(text.replace("—", " ").replace(" -- ", " ").split())


# The source ---------------------------------------------------------------------------------


INLINE_CONTAINERS = {"inline", "strong", "em", "s", "link", "image"}


def md_text(node):
    if node.type in ("softbreak", "hardbreak"):
        return " "
    if node.type in ("text", "code_inline"):
        return node.content
    separator = "" if node.type in INLINE_CONTAINERS else " "
    return separator.join(md_text(child) for child in node.children)


def source_events(nodes, depth=0, item=None):
    events = []
    for node in nodes:
        if node.type == "paragraph" and item is None:
            events.append(("p", words(md_text(node))))
        elif node.type in ("bullet_list", "ordered_list"):
            tag = "ol" if node.type == "ordered_list" else "ul"
            start = int(node.attrs.get("start", 1)) if tag == "ol" else None
            events.append(("list", depth))
            for index, li in enumerate(node.children):
                own = " ".join(md_text(c) for c in li.children if c.type == "paragraph")
                number = start + index if start is not None else None
                events.append(("item", depth, tag, number, words(own)))
                events += source_events([c for c in li.children if c.type != "paragraph"], depth + 1, words(own))
        elif node.type in ("fence", "code_block"):
            events.append(("code", node.content.strip("\n").rstrip(), item))
        elif node.type == "blockquote":
            events.append(("quote", words(md_text(node))))
        elif node.type == "table":
            # A table cannot live inside rich text: a list holding one continues after it as a new list.
            rows = [[words(md_text(cell)) for cell in row.children] for part in node.children for row in part.children]
            events.append(("table", rows))
            if item is not None:
                events.append(("list", depth - 1))
    return events


def source_talks(text):
    body = text.split("\n---\n", 1)[1]
    talks, current = {}, None
    for node in SyntaxTreeNode(MARKDOWN.parse(body)).children:
        if node.type == "heading" and node.tag == "h3":
            current = talks.setdefault(md_text(node).strip(), [])
        elif node.type == "heading":
            current = None
        elif current is not None:
            current.append(node)
    return {title: source_events(nodes) for title, nodes in talks.items()}


# The page -----------------------------------------------------------------------------------


def own_text(li):
    return words("".join(t for t in li.find_all(string=True) if _owner(t) is li))


def _owner(text_node):
    """The list item a text belongs to directly (not through a nested list or a code block)."""
    for parent in text_node.parents:
        if parent.name in ("pre", "ul", "ol"):
            return None if parent.name == "pre" else parent
        if parent.name == "li":
            return parent
    return None


def page_events(elements, depth=0, item=None):
    events = []
    for element in elements:
        if element.name == "p":
            events.append(("p", words(element.get_text())))
        elif element.name in ("ul", "ol"):
            start = int(element.get("start", 1)) if element.name == "ol" else None
            events.append(("list", depth))
            for index, li in enumerate(element.find_all("li", recursive=False)):
                text = own_text(li)
                number = start + index if start is not None else None
                events.append(("item", depth, element.name, number, text))
                inner = [child for child in li.children if getattr(child, "name", None) in ("ul", "ol", "div")]
                events += page_events(inner, depth + 1, text)
        elif element.name == "div" and "rich-code" in element.get("class", []):
            events += [("code", pre.get_text(), item) for pre in element.find_all("pre")]
        elif element.name == "figure" and "code-block" in element.get("class", []):
            events.append(("code", element.pre.get_text().rstrip("\n"), item))
        elif element.name == "figure" and "quote" in element.get("class", []):
            parts = [p.get_text() if p.name == "p" else own_text(p) for p in element.find_all(["p", "li"])]
            caption = element.figcaption.get_text() if element.figcaption else ""
            events.append(("quote", words(" ".join([*parts, caption]))))
        elif element.name == "div" and "table-wrap" in element.get("class", []):
            rows = [[words(cell.get_text()) for cell in row.find_all(["th", "td"])] for row in element.find_all("tr")]
            events.append(("table", rows))
    return events


def page_talks(html):
    talks = {}
    for section in html.select("section.notes-talk"):
        title = section.h3.find(string=True, recursive=False).strip()
        blocks = [child for child in section.children if getattr(child, "name", None) and child.name != "h3"]
        talks[title] = page_events(blocks)
    return talks


@pytest.fixture
def seed_page(client, notes_index, admin_user):
    path = seed(SEED_NOTES)
    call_command("import_event_notes", str(path), "--parent", str(notes_index.pk), "--publish")
    page = EventNotesPage.objects.latest("pk")
    return path.read_text(), parse(client.get(page.url))


@pytest.mark.django_db
def test_every_talk_renders_the_same_blocks_in_the_same_order_as_the_source(seed_page):
    source, html = seed_page
    expected, rendered = source_talks(source), page_talks(html)
    assert list(rendered) == list(expected)
    assert len(expected) == 29
    for title, events in expected.items():
        assert rendered[title] == events, title


@pytest.mark.django_db
def test_the_lists_quotes_and_code_the_old_importer_broke_are_whole(seed_page):
    _source, html = seed_page
    talks = page_talks(html)
    lightning = talks["Lightning Talks - Day 2"]
    assert [e for e in lightning if e[0] == "list"] == [("list", 0), ("list", 1), ("list", 2), ("list", 2), ("list", 2)]
    assert [e[3] for e in lightning if e[0] == "item" and e[2] == "ol"] == [1, 2, 3]  # one list: not "1. 1. 1."

    managers = talks["Custom Model Managers and QuerySets: Graduating from Django Beginner to ORM Master"]
    assert sum(1 for e in managers if e == ("list", 0)) == 1
    code = next(e for e in managers if e[0] == "code")
    assert code[1].startswith("objects = CustomManager()") and code[2] == "How do you define Managers?"
    after_code = managers[managers.index(code) + 1 :]
    assert after_code[:2] == [("list", 1), ("item", 1, "ul", None, "Manager or QuerySet?")]

    panel = [e for e in talks[next(t for t in talks if t.startswith("Panel Discussion"))] if e[0] == "quote"]
    dialogue = next(q for q in panel if "ready to take that step" in q[1])
    assert "Jay" in dialogue[1] and dialogue[1].endswith('ready to have children?" Charles')


@pytest.mark.django_db
def test_anchors_end_on_a_whole_word_and_are_unique(seed_page):
    _source, html = seed_page
    headings = html.select("main h2[id], main h3[id]")
    ids = [h["id"] for h in headings]
    assert len(ids) == len(set(ids)) and len(ids) == 3 + 29
    for heading in headings:
        full = slugify(heading.find(string=True, recursive=False))
        anchor = re.sub(r"-\d+$", "", heading["id"]) if heading["id"] not in full else heading["id"]
        assert len(anchor) <= MAX_ANCHOR_LENGTH
        assert full == anchor or full.startswith(anchor + "-"), (heading["id"], full)
    long_ones = [h["id"] for h in headings if len(slugify(h.find(string=True, recursive=False))) > MAX_ANCHOR_LENGTH]
    assert len(long_ones) == 5
    assert {
        "contributing-to-django-or-how-i-learned-to-stop-worrying-and-just-try-to-fix-an",
        "html-ivating-your-django-web-apps-experience-with-htmx-alpinejs-and-streaming",  # not "…streaming-ht"
    } <= set(long_ones)
