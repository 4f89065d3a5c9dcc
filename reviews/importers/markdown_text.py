"""Markdown → the HTML Wagtail rich text stores: inline syntax, and runs of paragraphs and list items.

Rich text is passed once through the hub's Draftail converter (`core.rich_text`), so what is stored is
exactly what the editor would save.
"""

from html import escape

from core.rich_text import HubContentstateConverter
from reviews.blocks import NOTES_FEATURES

CONVERTER = HubContentstateConverter(NOTES_FEATURES)


# Inline markdown ---------------------------------------------------------------------------


def inline_html(nodes):
    """Inline syntax nodes → the HTML Wagtail rich text stores (b, i, s, code, a href)."""
    parts = []
    for node in nodes:
        kind = node.type
        if kind == "text":
            parts.append(escape(node.content, quote=False))
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("<br/>")
        elif kind == "code_inline":
            parts.append(f"<code>{escape(node.content, quote=False)}</code>")
        elif kind in ("strong", "em", "s"):
            tag = {"strong": "b", "em": "i", "s": "s"}[kind]
            parts.append(f"<{tag}>{inline_html(node.children)}</{tag}>")
        elif kind == "link":
            href = node.attrs.get("href", "")
            label = inline_html(node.children) or escape(href, quote=False)
            parts.append(f'<a href="{escape(href)}">{label}</a>')
        elif kind == "image":
            src = node.attrs.get("src", "")
            label = escape(inline_text(node.children) or src, quote=False)
            parts.append(f'<a href="{escape(src)}">{label}</a>')
        else:  # html_inline and anything new: keep the characters, never the markup
            parts.append(escape(node.content, quote=False))
    return "".join(parts)


def inline_text(nodes):
    """Inline syntax nodes → plain text (for headings and table cells)."""
    parts = []
    for node in nodes:
        if node.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif node.children:
            parts.append(inline_text(node.children))
        else:
            parts.append(node.content)
    return "".join(parts)


def inline_links(nodes):
    """Every link (href, text) inside inline nodes, in order."""
    found = []
    for node in nodes:
        if node.type == "link":
            found.append((node.attrs.get("href", ""), inline_text(node.children)))
        elif node.children:
            found.extend(inline_links(node.children))
    return found


def inline_children(node):
    """The inline children of a paragraph, heading or table cell."""
    return node.children[0].children if node.children else []


# Rich text as Draftail sees it: a flat run of paragraphs and list items with a depth --------


def rich_text_html(lines):
    """[('p', html) | ('li', 'ul'|'ol', depth, html) | ('pre', code)] → nested HTML lists, then Draftail's form.

    A 'pre' line is a code block written inside the list item before it: it stays inside that item.
    """
    parts, open_lists = [], []

    def close_to(depth):
        while len(open_lists) > depth:
            parts.append(f"</li></{open_lists.pop()}>")

    for line in lines:
        if line[0] == "p":
            close_to(0)
            parts.append(f"<p>{line[1]}</p>")
            continue
        if line[0] == "pre":
            parts.append(f"<pre>{escape(line[1], quote=False)}</pre>")
            continue
        _, tag, depth, html = line
        close_to(depth + 1)
        if len(open_lists) == depth + 1 and open_lists[-1] != tag:
            close_to(depth)
        if len(open_lists) == depth + 1:
            parts.append(f"</li><li>{html}")
            continue
        while len(open_lists) < depth:  # a jump in depth: Draftail keeps it as an empty parent item
            parts.append(f"<{tag}><li>")
            open_lists.append(tag)
        parts.append(f"<{tag}><li>{html}")
        open_lists.append(tag)
    close_to(0)
    return CONVERTER.to_database_format(CONVERTER.from_database_format("".join(parts)))
