"""Reading markdown files editors bring from elsewhere (Hugo, Jekyll): the pieces every importer shares.

- `read_text` refuses missing files and binary data; `SourceError` carries the file and line, which
  management commands print as `FILE:LINE: message`.
- `FrontMatter` reads YAML (`---`) or TOML (`+++`) front matter strictly: a wrong type is an error
  naming the line of its key.
- `load_yaml` is the one way YAML is read from a file (front matter here, an export's metadata in
  `portability`): safe loading (no Python tags), within limits of size, depth and alias expansion.
- markdown-it-py parses the body (`MARKDOWN`); the helpers turn its syntax nodes into the HTML
  Wagtail rich text stores, passed once through the hub's Draftail converter so what is stored is
  exactly what the editor would save. Each app maps the result onto its own blocks.
"""

import datetime
import re
import tomllib
from html import escape
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from yaml.composer import ComposerError

from core.blocks import CODE_LANGUAGES
from core.rich_text import code_block_tag

MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])

# A text file read whole: far beyond any post, transcript or exported page (the demo's largest is 26 KB).
MAX_TEXT_BYTES = 20_000_000
# YAML limits, far beyond what a page needs (the demo's largest front matter: 26 KB, 767 nodes, 13
# levels; a three-hour transcript about 300 KB and 20,000 nodes) and small enough that a crafted file
# cannot exhaust memory: an alias bomb is a few lines that expand to billions of nodes.
YAML_MAX_CHARACTERS = 2_000_000
YAML_MAX_NODES = 100_000  # counted with every alias expanded
YAML_MAX_DEPTH = 40


class SourceError(ValueError):
    """A problem in an input file, located by file name and (when known) line number."""

    def __init__(self, path, line, message):
        self.path, self.line, self.message = str(path), line, message
        super().__init__(str(self))

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


def read_text(path):
    """The file's text as UTF-8, refusing missing files and binary data with the line it starts on."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_TEXT_BYTES:
            raise SourceError(path, None, f"larger than {MAX_TEXT_BYTES:,} bytes: not a file this site reads")
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(path, None, "no such file") from None
    except IsADirectoryError:
        raise SourceError(path, None, "is a directory, not a file") from None
    except OSError as error:
        raise SourceError(path, None, f"cannot be read ({error.strerror})") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul != -1:
        raise SourceError(path, data.count(b"\n", 0, nul) + 1, "binary data (a NUL byte), not a text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise SourceError(path, line, "not UTF-8 text (binary data or another encoding)") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Front matter --------------------------------------------------------------------------------

_TOML_LINE = re.compile(r"\(at line (\d+)")


class FrontMatter:
    """The front matter of one file: typed access to its keys, errors as `FILE:LINE: message`."""

    def __init__(self, values, text, path):
        self.values, self.text, self.path = values, text, path

    @classmethod
    def split(cls, text, path):
        """(front matter, the text after it, the line number the text starts after).

        YAML between `---` lines (Hugo and Jekyll) or TOML between `+++` lines (Hugo).
        """
        lines = text.split("\n")
        fence = lines[0].strip() if lines else ""
        if fence not in ("---", "+++"):
            raise SourceError(path, 1, "expected YAML front matter between '---' lines, with a title and a date")
        closers = ("---", "...") if fence == "---" else ("+++",)
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in closers), None)
        if end is None:
            raise SourceError(path, 1, f"the front matter that starts here is never closed with '{fence}'")
        source = "\n".join(lines[1:end])
        values = _toml(source, path) if fence == "+++" else _yaml(source, path)
        if values is None:
            values = {}
        if not isinstance(values, dict):
            raise SourceError(path, 2, "front matter must be 'key: value' lines (a YAML mapping)")
        return cls(values, text, path), "\n".join(lines[end + 1 :]), end + 1

    def line(self, key):
        """The line of `key` in the file (1 when it is not there)."""
        for number, line in enumerate(self.text.split("\n"), start=1):
            if re.match(rf"^{re.escape(key)}\s*[:=]", line):
                return number
            if number > 1 and line.strip() in ("---", "+++"):
                break
        return 1

    def error(self, key, message):
        return SourceError(self.path, self.line(key), message)

    def _first(self, keys):
        return next((key for key in keys if self.values.get(key) not in (None, "", [])), None)

    def text_value(self, keys, limit, required=False):
        """One line of text from the first of `keys` present; numbers are text too, lists and maps are not."""
        key = self._first(keys)
        if key is None:
            if required:
                raise self.error(keys[0], f"front matter has no '{keys[0]}'")
            return ""
        value = self.values[key]
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise self.error(key, f"'{key}' must be text, not {_kind(value)}")
        value = " ".join(str(value).split())
        if len(value) > limit:
            raise self.error(key, f"'{key}' is longer than {limit} characters ({len(value)})")
        return value

    def date_value(self, keys, required=False, meaning="YYYY-MM-DD"):
        key = self._first(keys)
        if key is None:
            if required:
                raise self.error(keys[0], f"front matter has no '{keys[0]}' ({meaning})")
            return None
        value = self.values[key]
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value.strip()[:10])
            except ValueError:
                pass
        raise self.error(key, f"'{key}: {value}' is not a date (use YYYY-MM-DD)")

    def bool_value(self, key, default=False):
        """A true/false key; text such as "yes" is refused rather than guessed."""
        value = self.values.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.error(key, f"'{key}' must be true or false, not {_kind(value)} {value!r}")
        return value

    def names(self, keys):
        """[(name, line)] from list-of-text keys such as `tags` and `categories` (a single name is allowed)."""
        found = []
        for key in keys:
            value = self.values.get(key)
            if value in (None, "", []):
                continue
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise self.error(key, f"'{key}' must be a list of names, e.g. [django, testing]; got {_kind(value)}")
            found.extend((" ".join(name.split()), self.item_line(key, name)) for name in value)
        return found

    def item_line(self, key, item):
        """The line of `- item` in a block list under `key` (the key's own line for `[a, b]` lists)."""
        lines = self.text.split("\n")
        start = self.line(key)
        for number in range(start + 1, len(lines) + 1):
            line = lines[number - 1]
            if not line.strip().startswith("-") or line.strip() == "---":
                break
            if line.strip().lstrip("-").strip().strip("'\"") == item:
                return number
        return start


class _LimitedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing a document nested too deep or too large once its aliases are expanded."""

    def __init__(self, stream):
        super().__init__(stream)
        self.depth = 0
        self.sizes = {}  # id(node) → how many nodes it holds, its aliases expanded

    def compose_node(self, parent, index):
        mark = self.peek_event().start_mark
        alias = self.check_event(yaml.AliasEvent)
        self.depth += 1
        try:
            if self.depth > YAML_MAX_DEPTH:
                raise ComposerError(None, None, f"nested deeper than {YAML_MAX_DEPTH} levels", mark)
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        if alias:
            # The node it names must be complete: an alias inside its own anchor would be endless.
            if id(node) not in self.sizes:
                raise ComposerError(None, None, "an alias inside the value it names (a recursive alias)", mark)
            return node
        children = node.value if isinstance(node, yaml.SequenceNode) else []
        if isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        size = 1 + sum(self.sizes[id(child)] for child in children)
        if size > YAML_MAX_NODES:
            raise ComposerError(None, None, f"more than {YAML_MAX_NODES:,} values once its aliases are expanded", mark)
        self.sizes[id(node)] = size
        return node


def load_yaml(source, path, first_line=1, what="YAML"):
    """The data of YAML `source` (from file `path`, starting at its line `first_line`), safely and within limits.

    Errors are a `SourceError` naming the file and line: malformed YAML, a tag asking for a Python
    object, a date that cannot be, or a document beyond the size, depth or alias-expansion limits.
    """
    if len(source) > YAML_MAX_CHARACTERS:
        raise SourceError(path, first_line, f"{what} longer than {YAML_MAX_CHARACTERS:,} characters")
    loader = None
    try:
        loader = _LimitedLoader(source)  # refuses control characters at once (a ReaderError)
        return loader.get_single_data()
    except yaml.reader.ReaderError as error:
        line = source.count("\n", 0, error.position) + first_line
        raise SourceError(path, line, f"malformed {what}: {error.reason} (character {error.character:#x})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or "invalid YAML"
        line = mark.line + first_line if mark else first_line
        raise SourceError(path, line, f"malformed {what}: {problem}") from None
    except ValueError as error:  # YAML that parses but names an impossible date, e.g. 0000-00-00
        raise SourceError(path, first_line, f"malformed {what}: {error}") from None
    finally:
        if loader is not None:
            loader.dispose()


def _yaml(source, path):
    return load_yaml(source, path, first_line=2, what="front matter")


def _toml(source, path):
    try:
        return tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        # tomllib says where in its message only: "… (at line 3, column 7)", counted from the first `+++`'s next line.
        found = _TOML_LINE.search(str(error))
        problem = _TOML_LINE.split(str(error))[0].strip()
        raise SourceError(path, int(found[1]) + 1 if found else 2, f"malformed front matter: {problem}") from None


def _kind(value):
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list with something other than names in it" if value else "an empty list"
    if isinstance(value, bool):
        return "true/false"
    return type(value).__name__


# Inline markdown ---------------------------------------------------------------------------


def inline_html(nodes, link_attrs=None):
    """Inline syntax nodes → the HTML Wagtail rich text stores (b, i, s, code, a href).

    `link_attrs(href)` may return the attributes of a link instead of `href="…"` (an importer
    turning links between its files into page links).
    """
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
            parts.append(f"<{tag}>{inline_html(node.children, link_attrs)}</{tag}>")
        elif kind == "link":
            href = node.attrs.get("href", "")
            label = inline_html(node.children, link_attrs) or escape(href, quote=False)
            attrs = (link_attrs and link_attrs(href)) or f'href="{escape(href)}"'
            parts.append(f"<a {attrs}>{label}</a>")
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


# Rich text as Draftail sees it: a flat run of headings, paragraphs and list items with a depth --


def rich_text_html(lines, converter):
    """[('p', html) | ('h', level, html) | ('li', 'ul'|'ol', depth, html) | ('pre', code, language)] → rich text.

    Nested HTML lists first, then once through `converter` (a `core.rich_text.HubContentstateConverter`
    with the block's features), so the result is what the editor would save. A 'pre' line is a code
    block written inside the list item before it: it stays inside that item, with its language
    (`code_language`) as `core.rich_text` stores it.
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
        if line[0] == "h":
            close_to(0)
            parts.append(f"<h{line[1]}>{line[2]}</h{line[1]}>")
            continue
        if line[0] == "pre":
            parts.append(f"{code_block_tag(line[2])}{escape(line[1], quote=False)}</pre>")
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
    return converter.clean("".join(parts))


# Code, tables and quotes ---------------------------------------------------------------------

KNOWN_LANGUAGES = {code for code, _label in CODE_LANGUAGES}
LANGUAGE_ALIASES = {
    "py": "python",
    "python3": "python",
    "pycon": "python",
    "sh": "bash",
    "shell": "bash",
    "console": "bash",
    "zsh": "bash",
    "js": "javascript",
    "htmldjango": "django",
    "jinja": "django",
    "yml": "yaml",
    "postgresql": "sql",
    "psql": "sql",
}


def code_language(info):
    """The code block language of a fence's info string (```py → python); unknown ones are plain text."""
    name = (info or "").split()[0].lower() if (info or "").strip() else "text"
    name = LANGUAGE_ALIASES.get(name, name)
    return name if name in KNOWN_LANGUAGES else "text"


def cell_text(cell):
    """A table cell as plain text; a link keeps its target visible, as `label (address)`."""
    nodes = inline_children(cell)
    text = " ".join(inline_text(nodes).split())
    for href, label in inline_links(nodes):
        if href and href != label.strip():
            text = text.replace(label, f"{label} ({href})", 1) if label else f"{text} {href}"
    return text


def table_value(node):
    """A markdown table → the value of Wagtail's TableBlock (plain text cells, a header row if it has one)."""
    rows, header = [], False
    for section in node.children:
        header = header or section.type == "thead"
        for row in section.children:
            rows.append([cell_text(cell) for cell in row.children])
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    return {
        "data": rows,
        "first_row_is_table_header": header,
        "first_col_is_header": False,
        "table_header_choice": "row" if header else "neither",
        "table_caption": "",
        "cell": [],
        "mergeCells": [],
    }


# '-- Name' at the start of a line, or ' -- Name' after the words; not '--->' arrows.
ATTRIBUTION = re.compile(r"(?:^|\s)--(?:\s+|$)")
LINK_URL = re.compile(r"^https?://", re.I)


def split_attribution(nodes):
    """(quote html, attribution, url) when a paragraph ends in '-- Name' or '-- [Name](url)', else None."""
    for index in range(len(nodes) - 1, -1, -1):
        node = nodes[index]
        if node.type != "text":
            continue
        matches = list(ATTRIBUTION.finditer(node.content))
        if not matches:
            continue
        match, rest = matches[-1], nodes[index + 1 :]
        if any(n.type not in ("text", "link", "softbreak", "em", "strong") for n in rest):
            return None
        links = [n for n in rest if n.type == "link"]
        attribution = " ".join((node.content[match.end() :] + inline_text(rest)).split())
        url = links[0].attrs.get("href", "") if links else ""
        if len(links) > 1 or not attribution or len(attribution) > 150 or (url and not LINK_URL.match(url)):
            return None
        before = inline_html(nodes[:index]) + escape(node.content[: match.start()], quote=False)
        return before.strip(), attribution, url
    return None
