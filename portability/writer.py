"""Writing Markdown: what every page type's `markdown_parts` is handed to write its document with.

The page types say what their Markdown holds (`core.models.BasePage.markdown_parts` and the types'
own); this module is how it is written, and is passed to them as `md` (the apps they live in stand
below `portability` and cannot import it). It holds the CommonMark pieces, rich text HTML → CommonMark,
StreamField blocks, and links to pages' Markdown.

The Markdown is meant for people and programs that read text (language models, `curl`, an export
directory), so it is plain CommonMark that markdown-it parses back to the same headings, anchors,
code and links as the page's HTML:

- Headings carry their page anchor as an empty `<a id="…"></a>` at their start. `## Title {#id}` is
  not CommonMark (it would stay in the heading's text); raw inline HTML is, and survives every parser.
- A code block inside a list item (`<li>…<div class="rich-code"><pre>`) stays inside the item,
  indented under it, as a fenced block that keeps its newlines.
- Links keep the addresses the HTML has (root-relative for this site's pages).
- Images point at their file in the media storage, or (`export_site`) at the copy beside the page.
"""

import re
from contextvars import ContextVar
from html import escape
from html.parser import HTMLParser

import yaml
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from core.negotiation import markdown_address

# Where an image's Markdown points: its file in the media storage, or (export_site) the copy beside the page.
IMAGE_URL = ContextVar("image_url", default=lambda image: image.file.url)

# Characters that mean something in Markdown text; escaped wherever text is written.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_SPECIAL_INLINE = re.compile(r"([\\`*_\[\]<>~])")
# What would start a block if it opened a line: a heading, list item, quote, rule or fence.
_LINE_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|[-+=](?=\s|$)|(\d{1,9})([.)])(?=\s|$)|>)", re.M)


def escape_text(text):
    """Plain text made safe to place in Markdown: it reads back as the same characters."""
    text = _SPECIAL.sub(r"\\\1", text)
    text = text.replace("&", "&amp;") if re.search(r"&[#A-Za-z0-9]+;", text) else text

    def line_start(match):
        if match.group(3):  # "1." → "1\." (an ordered list marker otherwise)
            return f"{match.group(1)}{match.group(3)}\\{match.group(4)}"
        return f"{match.group(1)}\\{match.group(2)}"

    return _LINE_START.sub(line_start, text)


def escape_inline(text):
    """Text for one line outside a table (a link's words, a summary): Markdown and HTML escaped, `|` kept.

    A pipe means something only in a table; escaped elsewhere, readers that take the line as it is
    (llms.txt parsers) keep a literal `\\|`.
    """
    text = _SPECIAL_INLINE.sub(r"\\\1", text)
    return text.replace("&", "&amp;") if re.search(r"&[#A-Za-z0-9]+;", text) else text


def anchor(anchor_id):
    """An empty anchor markdown-it passes through as inline HTML, giving the same id as the page."""
    return f'<a id="{escape(anchor_id)}"></a>' if anchor_id else ""


def heading(level, text, anchor_id=""):
    return f"{'#' * level} {anchor(anchor_id)}{escape_text(' '.join(text.split()))}"


def fence(code, language=""):
    """A fenced code block whose fence is longer than any run of backticks in the code."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    marks = "`" * max(3, longest + 1)
    code = code.rstrip("\n")
    return f"{marks}{language or ''}\n{code}\n{marks}"


def destination(url):
    """A link destination as CommonMark reads it back unchanged: bare, or in <…> when it has spaces or brackets."""
    url = url.replace("\n", "").replace("\r", "")
    if re.search(r"[\s()<>\\]", url):
        return "<" + url.replace("<", "%3C").replace(">", "%3E").replace("\\", "%5C") + ">"
    return url


def link(text, url):
    if not url:
        return escape_text(text)
    return f"[{escape_text(text)}]({destination(url)})"


def image(alt, url):
    return f"![{escape_text(alt)}]({destination(url)})" if url else ""


def quote(markdown_text):
    """Markdown set in a blockquote, every line prefixed."""
    return "\n".join(f"> {line}" if line else ">" for line in markdown_text.split("\n"))


def bullet_list(items):
    return "\n".join(f"- {item}" for item in items)


def front_matter(values):
    """YAML front matter between `---` lines; empty values are left out, order is kept."""
    kept = {key: value for key, value in values.items() if value not in (None, "", [], {})}
    text = yaml.safe_dump(kept, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000)
    return f"---\n{text}---"


def document(meta, blocks):
    """A whole Markdown document: front matter, then the blocks separated by blank lines."""
    parts = [front_matter(meta), *(block.strip("\n") for block in blocks if block and block.strip())]
    return "\n\n".join(parts) + "\n"


# Rich text


_BLOCK_TAGS = {"p", "ul", "ol", "li", "blockquote", "pre", "div", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br"}


class _Node:
    __slots__ = ("tag", "attrs", "children")

    def __init__(self, tag, attrs=None):
        self.tag, self.attrs, self.children = tag, dict(attrs or {}), []


class _TreeBuilder(HTMLParser):
    """Rich text HTML → a small tree (Wagtail's stored rich text is well formed)."""

    VOID = {"br", "hr", "img", "embed"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, attrs)
        self.stack[-1].children.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(_Node(tag, attrs))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def _text_of(node):
    return "".join(child if isinstance(child, str) else _text_of(child) for child in node.children)


class _Writer:
    def __init__(self, heading_ids):
        self.heading_ids = heading_ids

    def blocks(self, node):
        """The Markdown blocks of a node's children (paragraphs, lists, code…), loose inline text as one."""
        out, inline = [], []

        def flush():
            text = "".join(inline).strip()
            if text:
                out.append(text)
            inline.clear()

        for child in node.children:
            if isinstance(child, str) or child.tag not in _BLOCK_TAGS or child.tag == "br":
                inline.append(self.inline(child))
                continue
            flush()
            block = self.block(child)
            if block:
                out.extend(block if isinstance(block, list) else [block])
        flush()
        return out

    def block(self, node):
        tag = node.tag
        if tag == "p":
            return self.inline_children(node).strip()
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = " ".join(self.inline_children(node).split())
            anchor_id = node.attrs.get("id") or self.heading_ids.get(_text_of(node).strip(), "")
            return f"{'#' * int(tag[1])} {anchor(anchor_id)}{text}"
        if tag in ("ul", "ol"):
            return self.list(node)
        if tag == "pre":
            return fence(_text_of(node), _language(node))
        if tag == "blockquote":
            return quote("\n\n".join(self.blocks(node)))
        if tag == "hr":
            return "---"
        return self.blocks(node)  # div (the code wrapper) and anything else: its content

    def list(self, node):
        items, number = [], int(node.attrs.get("start") or 1)
        for child in node.children:
            if isinstance(child, str) or child.tag != "li":
                continue
            marker = f"{number}. " if node.tag == "ol" else "- "
            number += 1
            parts = self.blocks(child) or [""]
            indent = " " * len(marker)
            lines = []
            for index, part in enumerate(parts):
                body = "\n".join(indent + line if line else "" for line in part.split("\n"))
                if index == 0:
                    body = marker + body[len(indent) :]
                lines.append(body)
            # Items holding more than text (code, a nested list) are separated from their parts by
            # a blank line only where CommonMark needs one: before a fence, which a lazy line cannot be.
            items.append("\n".join(lines) if not _needs_blank_lines(parts) else "\n\n".join(lines))
        return "\n".join(items)

    def inline_children(self, node):
        return "".join(self.inline(child) for child in node.children)

    def inline(self, node):
        if isinstance(node, str):
            return escape_text(re.sub(r"\s+", " ", node))
        tag = node.tag
        inner = self.inline_children(node)
        if tag == "br":
            return "\\\n"
        if tag in ("strong", "b"):
            return _wrap(inner, "**")
        if tag in ("em", "i"):
            return _wrap(inner, "*")
        if tag in ("s", "del", "strike"):
            return _wrap(inner, "~~")
        if tag == "code":
            return _code_span(_text_of(node))
        if tag == "a":
            href = node.attrs.get("href") or ""
            return link_markdown(inner, href) if href else inner
        if tag == "img":
            return image(node.attrs.get("alt") or "", node.attrs.get("src") or "")
        return inner


def _needs_blank_lines(parts):
    return any(part.startswith("`") for part in parts[1:])


def _language(pre):
    for node in [pre, *(child for child in pre.children if not isinstance(child, str))]:
        for css_class in (node.attrs.get("class") or "").split():
            if css_class.startswith("language-"):
                return css_class[len("language-") :]
    return ""


def _wrap(inner, marks):
    stripped = inner.strip()
    if not stripped:
        return inner
    lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()) :]
    return f"{lead}{marks}{stripped}{marks}{trail}"


def _code_span(code):
    code = " ".join(code.split("\n"))
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    marks = "`" * (longest + 1)
    pad = " " if code.startswith("`") or code.endswith("`") or (code.startswith(" ") and code.strip()) else ""
    return f"{marks}{pad}{code}{pad}{marks}"


def link_markdown(inner_markdown, href):
    return f"[{inner_markdown}]({destination(href)})"


def html_to_markdown(html, heading_ids=None):
    """Rich text HTML (as rendered: links expanded) → CommonMark.

    `heading_ids` maps a heading's text to the id the page gives it, for headings written in rich text.
    """
    builder = _TreeBuilder()
    builder.feed(str(html or ""))
    builder.close()
    return "\n\n".join(_Writer(heading_ids or {}).blocks(builder.root))


# StreamField blocks


def rich_text(value, heading_ids=None):
    return html_to_markdown(str(value) if value else "", heading_ids)


def block_markdown(block, value):
    """One StreamField child (or struct value) as Markdown blocks, by what the block is."""
    name = getattr(block, "name", "")
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(value)
    if name == "code" or {"language", "code"} <= set(getattr(block, "child_blocks", {})):
        return fence(value.get("code") or "", value.get("language") or "")
    if name == "quote":
        words = value.get("quote")
        text = rich_text(words) if hasattr(words, "source") else escape_text(words or "")
        who = value.get("attribution")
        if who:
            who_md = link(who, value.get("source_url")) if value.get("source_url") else escape_text(who)
            text += f"\n\n— {who_md}"
        return quote(text)
    if isinstance(block, blocks.StructBlock) and "image" in block.child_blocks:
        image_value = value.get("image")
        if image_value is None:
            return ""
        alt = "" if value.get("decorative") else value.get("alt_text") or ""
        caption = value.get("caption")
        return image(alt, IMAGE_URL.get()(image_value)) + (f"\n\n*{escape_text(caption)}*" if caption else "")
    if name == "resources":
        lines = [f"**{escape_text(value['heading'])}**"] if value.get("heading") else []
        items = []
        for item in value.get("links") or []:
            line = link(item.get("title") or "", item.url())
            if item.get("description"):
                line += f" — {escape_text(item['description'])}"
            items.append(line)
        return "\n\n".join([*lines, bullet_list(items)])
    if name == "table":
        return table_markdown(value)
    if isinstance(block, ImageChooserBlock):
        return image("", IMAGE_URL.get()(value)) if value else ""
    return escape_text(" ".join(block.get_searchable_content(value)))


def stream_markdown(stream):
    """A StreamField's blocks (or none, for None) as Markdown blocks."""
    return [block_markdown(child.block, child.value) for child in stream or []]


def table_markdown(value):
    """A table block as a pipe table (GitHub's extension; a CommonMark reader shows its text)."""
    rows = [[" ".join(str(cell or "").split()).replace("|", "\\|") for cell in row] for row in value.get("data") or []]
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    head = rows[0] if value.get("first_row_is_table_header") else [""] * width
    body = rows[1:] if value.get("first_row_is_table_header") else rows
    lines = [f"| {' | '.join(head)} |", f"|{'|'.join(['---'] * width)}|", *(f"| {' | '.join(row)} |" for row in body)]
    return "\n".join(lines)


# Pages


def markdown_url(page, request=None):
    """The address of a page's Markdown: `/guides/x.md`, or `/index.html.md` for the site's root."""
    return markdown_address(page.get_url(request) or "")


def page_list(pages, request):
    """Pages as a list of links to their Markdown, each with its summary."""
    lines = []
    for page in pages:
        line = link(page.title, markdown_url(page, request))
        if page.summary:
            line += f": {escape_text(' '.join(page.summary.split()))}"
        lines.append(line)
    return bullet_list(lines)


def _live_topics(page):
    # filter(live=True): a topic unpublished since stays off the page, as in the HTML. Cached on the
    # page: the front matter and the topic links read it once.
    if not hasattr(page, "_markdown_topics"):
        page._markdown_topics = list(page.topics.filter(live=True).order_by("title"))
    return page._markdown_topics


def topic_titles(page):
    """A content page's live topics by title, for its front matter."""
    return [topic.title for topic in _live_topics(page)]


def topic_links(page, request):
    """The page's topic chips as a line of links: `Topics: [Django](/topics/django/), …`."""
    topics = _live_topics(page)
    return f"Topics: {', '.join(link(topic.title, topic.get_url(request)) for topic in topics)}" if topics else ""
