"""Markdown posts written for Hugo or Jekyll → the blocks of an `ArticlePage`.

`read_post` reads and checks one file without writing anything: its front matter (YAML `---` or
TOML `+++`; Jekyll's date in the file name), its headings (re-levelled under the page title, which
is the h1, and checked as the editor checks them), and its body mapped onto the article's blocks:
rich text for paragraphs, headings and lists, code with its language, tables, quotes and images.

Links between posts and images are only recorded here: which page a link points to and which
Wagtail image a file becomes are known once the whole run has been read (`Post.body`).
"""

import datetime
import re
from dataclasses import dataclass, field
from html import escape, unescape
from pathlib import Path, PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.text import slugify
from markdown_it.tree import SyntaxTreeNode
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from core.blocks import alt_text_problem
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

from .blocks import ARTICLE_FEATURES, ArticleBodyBlock

BODY_BLOCK = ArticleBodyBlock(required=False)
CONVERTER = HubContentstateConverter(ARTICLE_FEATURES)
# How deep Draftail lets a list nest (Wagtail's `maxListNesting`); deeper items stay at the last level.
MAX_LIST_DEPTH = 4
# Article rich text has h2–h4: the page title is the h1.
DEEPEST_HEADING = 4

JEKYLL_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)$")
# Hugo's `{{< ref "post.md" >}}` / `relref` and Jekyll's `{% post_url 2024-05-01-post %}` name another
# post; they are replaced by the name before markdown is parsed (inside a link they are not valid
# markdown), on the same line, so line numbers stay true.
HUGO_REF = re.compile(r"\{\{[<%]\s*(?:rel)?ref\s+\"([^\"]+)\"\s*[%>]\}\}")
JEKYLL_POST_URL = re.compile(r"\{%\s*post_url\s+(\S+?)\s*%\}")
TOC_SHORTCODE = re.compile(r"^\{\{[<%]\s*toc\s*[%>]\}\}$")
URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
# A link target recorded while reading, filled in when the page ids are known (NUL never occurs in
# text read_text accepts, so a marker cannot clash with the author's words).
LINK_MARKER = re.compile("\x00(\\d+)\x00")
# The image block's alt text field holds this much (core.blocks.AccessibleImageBlock).
ALT_TEXT_LIMIT = 250
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"}


@dataclass
class LinkRef:
    """A link in a post that may name another post: resolved to a page link if it does."""

    name: str  # the post's name as the link gives it: file name without date and extension
    names_file: bool  # it names a markdown file (`other.md`): it must be a post, else it is broken
    href: str
    line: int


@dataclass
class ImageRef:
    """A local image file a post shows, with the alt text its markdown gives it."""

    path: Path
    src: str
    alt: str
    caption: str
    line: int


@dataclass
class Post:
    """One markdown file, read and checked: what its article page will hold."""

    path: Path
    title: str
    slug: str
    date: datetime.date
    summary: str
    draft: bool
    topic_names: list
    slug_line: int = 1
    topics: list = field(default_factory=list)  # the topic pages `topic_names` name, set by `read_posts`
    items: list = field(default_factory=list)  # (kind, value): "rich" holds lines for rich_text_html
    links: list = field(default_factory=list)
    images: list = field(default_factory=list)

    @property
    def names(self):
        """What links from other posts may call this one: its file name (without date) and its slug."""
        return {post_name(self.path), self.slug}

    def attention(self):
        """Why this post cannot be published as it is (FILE:LINE: reason), e.g. an image without alt text."""
        reasons = []
        for image in self.images:
            problem = alt_text_problem(image.alt)
            if problem:
                said = "has no alt text" if not image.alt.strip() else f"has alt text '{image.alt}' that will not do"
                reasons.append(f"{self.path}:{image.line}: image '{image.src}' {said}: {problem} Kept as a draft.")
        return reasons

    def body(self, page_ids, image_ids):
        """The stream data of the body: links to posts as page links (`page_ids`: name → page id, or
        missing), images as the Wagtail image made from each file (`image_ids`: path → id or None)."""

        def fill(match):
            link = self.links[int(match[1])]
            page_id = page_ids.get(link.name)
            return f'linktype="page" id="{page_id}"' if page_id else f'href="{escape(link.href)}"'

        raw = []
        for kind, value in self.items:
            if kind == "rich":
                lines = [tuple(LINK_MARKER.sub(fill, p) if isinstance(p, str) else p for p in line) for line in value]
                raw.append({"type": "paragraph", "value": rich_text_html(lines, CONVERTER)})
            elif kind == "image":
                image = {"image": image_ids.get(value.path), "alt_text": value.alt, "caption": value.caption}
                raw.append({"type": "image", "value": {**image, "decorative": False}})
            else:
                raw.append({"type": kind, "value": value})
        try:
            # Deferred: what a draft may lack (alt text, an image not uploaded yet in a dry run) is
            # reported by `attention`, and the outline was checked line by line while reading.
            value = BODY_BLOCK.clean_deferred(BODY_BLOCK.to_python(raw))
        except ValidationError as error:
            raise SourceError(self.path, None, f"the article would not pass the editor's checks: {error}") from None
        return BODY_BLOCK.get_prep_value(value)


def post_name(path):
    """A post's name as links give it: the file name without Jekyll's date or the extension (a Hugo
    page bundle, `post/index.md`, is named by its folder)."""
    path = PurePosixPath(path)
    stem = path.parent.name if path.stem in ("index", "_index") else path.stem
    match = JEKYLL_NAME.match(stem)
    return match[2] if match else stem


def link_ref(href, line):
    """The LinkRef of a link that may point to another post; None for web addresses and anchors."""
    if not href or href.startswith(("#", "//")) or URL_SCHEME.match(href):
        return None
    target = href.split("#")[0].split("?")[0].rstrip("/")
    if not target or target in (".", ".."):
        return None
    names_file = PurePosixPath(target).suffix.lower() in (".md", ".markdown")
    name = post_name(target)
    if name in ("", ".", ".."):
        return None
    return LinkRef(name, names_file, href, line)


def read_post(path, site_root=None):
    """Read and check one markdown post; raises `SourceError` naming the file and line."""
    return parse_post(read_text(path), Path(path), site_root)


def jekyll_site_root(path):
    """The folder above the `_posts` folder a Jekyll post is in (None for a post that is not in one)."""
    return next((folder.parent for folder in Path(path).absolute().parents if folder.name == "_posts"), None)


def parse_post(text, path, site_root=None):
    """A post from its text; `path` locates errors, names the post and is where its images are found.

    An image path starting with `/` (Jekyll's `/assets/x.png`) is found under `site_root`, by default the
    folder above `_posts`.
    """
    text = HUGO_REF.sub(r"\1", text)
    text = JEKYLL_POST_URL.sub(r"\1.md", text)
    front, body, offset = FrontMatter.split(text, path)
    title = front.text_value(["title"], 255, required=True)
    jekyll = JEKYLL_NAME.match(path.stem)
    date = front.date_value(["date"])
    if date is None and jekyll:
        try:
            date = datetime.date.fromisoformat(jekyll[1])
        except ValueError:
            raise SourceError(path, None, f"the file name starts with '{jekyll[1]}', which is not a date") from None
    if date is None:
        raise front.error("date", "front matter has no 'date' and the file name does not start with one (YYYY-MM-DD-)")
    slug_text = front.text_value(["slug"], 255)
    slug = slugify(slug_text or post_name(path))[:255]
    if not slug:
        raise front.error("slug", f"no address can be made from '{slug_text or path.stem}': give the post a 'slug'")
    post = Post(
        path=path,
        title=title,
        slug=slug,
        date=date,
        summary=front.text_value(["summary", "description"], 300),
        # Hugo says `draft: true`; Jekyll says `published: false`.
        draft=front.bool_value("draft") or not front.bool_value("published", default=True),
        topic_names=front.names(["tags", "categories"]),
        slug_line=front.line("slug"),
    )
    _Builder(post, offset, Path(site_root) if site_root else jekyll_site_root(path)).build(body)
    if not post.items:
        raise SourceError(path, offset, "no text after the front matter: nothing to import")
    return post


class _Builder:
    """Maps a post's markdown syntax tree onto the article's blocks (`Post.items`)."""

    def __init__(self, post, offset, site_root):
        self.post, self.offset, self.site_root = post, offset, site_root
        self.lines = []
        self.current_line = None

    def line(self, node):
        return node.map[0] + self.offset + 1 if node.map else None

    def error(self, node, message):
        return SourceError(self.post.path, self.line(node), message)

    def rich(self, line):
        self.lines.append(line)

    def block(self, kind, value):
        self.flush()
        self.post.items.append((kind, value))

    def flush(self):
        if self.lines:
            self.post.items.append(("rich", self.lines))
            self.lines = []

    def html(self, nodes):
        return inline_html(nodes, self.link_attrs)

    def link_attrs(self, href):
        link = link_ref(href, self.current_line)
        if link is None:
            return None
        self.post.links.append(link)
        return f"\x00{len(self.post.links) - 1}\x00"

    def build(self, body):
        nodes = SyntaxTreeNode(MARKDOWN.parse(body)).children
        # Many posts repeat their title as a `# Title` first line: the page shows the title as its h1.
        first = nodes[0] if nodes else None
        if (
            first is not None
            and first.tag == "h1"
            and _same_words(inline_text(inline_children(first)), self.post.title)
        ):
            nodes = nodes[1:]
        self.levels = self.heading_levels(nodes)
        for node in nodes:
            self.current_line = self.line(node)
            self.add(node)
        self.flush()

    def heading_levels(self, nodes):
        """{heading node: its level on the page}: the shallowest becomes h2, the others follow it.

        Checked as the editor checks an article: every heading has words, none skips a level
        (screen reader users navigate by headings), none is deeper than h4.
        """
        headings = [node for node in nodes if node.type == "heading"]
        if not headings:
            return {}
        shift = min(int(node.tag[1]) for node in headings) - 2
        levels, previous = {}, 1
        for node in headings:
            text = _words(inline_text(inline_children(node)))
            level = int(node.tag[1]) - shift
            if not text:
                raise self.error(node, f"empty '{node.markup}' heading: write the words it announces")
            if level > previous + 1:
                before = "the page title" if previous == 1 else f"a '{'#' * (previous + shift)}' heading"
                raise self.error(
                    node,
                    f"heading '{node.markup} {text}' skips a level after {before}: "
                    f"use '{'#' * (previous + 1 + shift)}' (screen reader users navigate by headings)",
                )
            if level > DEEPEST_HEADING:
                raise self.error(
                    node,
                    f"heading '{node.markup} {text}' is too deep: an article has at most three levels of "
                    f"headings under its title ('{'#' * (2 + shift)}' to '{'#' * (DEEPEST_HEADING + shift)}')",
                )
            levels[id(node)] = previous = level
        return levels

    def add(self, node):
        kind = node.type
        if kind == "paragraph":
            self.add_paragraph(node)
        elif kind == "heading":
            self.rich(("h", self.levels[id(node)], self.html(inline_children(node))))
        elif kind in ("bullet_list", "ordered_list"):
            self.add_list(node, 0)
        elif kind in ("fence", "code_block"):
            code = node.content.strip("\n").rstrip()
            if code:
                self.block("code", {"language": code_language(node.info), "code": code})
        elif kind == "table":
            self.block("table", table_value(node))
        elif kind == "blockquote":
            self.add_quote(node)
        elif kind == "html_block":  # raw HTML is kept as the characters written, never as markup
            self.rich(("p", escape(" ".join(node.content.split()), quote=False)))
        elif kind != "hr":
            raise self.error(node, f"unsupported markdown ({kind})")

    def add_paragraph(self, node):
        """A paragraph's text as rich text; an image in it becomes an image block where it stands."""
        nodes = inline_children(node)
        if TOC_SHORTCODE.match(inline_text(nodes).strip()):  # the page builds its own contents
            return
        run = []
        for child in [*nodes, None]:
            if child is not None and child.type != "image":
                run.append(child)
                continue
            if inline_text(run).strip():
                self.rich(("p", self.html(_trimmed(run))))
            run = []
            if child is not None:
                self.block("image", self.image(node, child))

    def image(self, node, child):
        src = child.attrs.get("src", "")
        if not src or URL_SCHEME.match(src) or src.startswith("//"):
            raise self.error(node, f"image '{src}' is not a file beside the post: only local images can be imported")
        path, hint = self.image_path(node, src)
        # Only the site's own files: a post cannot import whatever the importing user can read
        # (../../.ssh/id_rsa.png, or a link to it), and the answer is the same whether it exists or not.
        boundary = (self.site_root or self.post.path.parent).resolve()
        if not path.is_relative_to(boundary):
            raise self.error(
                node, f"image '{src}' is outside the site's folder {boundary}: give the site's root with --site-root"
            )
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            kinds = ", ".join(sorted(IMAGE_SUFFIXES))
            raise self.error(node, f"image '{src}' is not a picture Wagtail can show ({kinds})")
        try:
            with PILImage.open(path) as picture:
                picture.verify()
        except FileNotFoundError:
            raise self.error(node, f"image '{src}' not found (looked for {path}{hint})") from None
        except (OSError, UnidentifiedImageError, SyntaxError):
            raise self.error(node, f"image '{src}' is not a readable image file") from None
        alt = _words(inline_text(child.children))
        if len(alt) > ALT_TEXT_LIMIT:
            raise self.error(node, f"the alt text of image '{src}' is longer than {ALT_TEXT_LIMIT} characters")
        ref = ImageRef(path, src, alt, _words(child.attrs.get("title") or ""), self.line(node))
        self.post.images.append(ref)
        return ref

    def image_path(self, node, src):
        """Where the file of image `src` is, and what to say if it is missing there."""
        if not src.startswith("/"):
            return (self.post.path.parent / src).resolve(), ""
        # Jekyll's `/assets/x.png` is a path from the site's root folder, not the disk's or the post's.
        if self.site_root is None:
            message = f"image '{src}' is a path from the site's root folder, and the post is in no _posts folder"
            raise self.error(node, f"{message}: give the site's root folder with --site-root")
        hint = f"; a path starting with '/' is looked for under the site root {self.site_root}: is --site-root right?"
        return (self.site_root / src.lstrip("/")).resolve(), hint

    def add_list(self, node, depth):
        tag = "ol" if node.type == "ordered_list" else "ul"
        level = min(depth, MAX_LIST_DEPTH)
        for item in node.children:
            item_open = False
            for child in item.children:
                self.current_line = self.line(child) or self.current_line
                if child.type in ("paragraph", "heading"):
                    self.no_images(child, "a list")
                    html = self.html(inline_children(child))
                    if item_open:
                        self.lines[-1] = (*self.lines[-1][:3], f"{self.lines[-1][3]}<br/>{html}")
                    else:
                        self.rich(("li", tag, level, html))
                        item_open = True
                elif child.type in ("bullet_list", "ordered_list"):
                    self.add_list(child, depth + 1)
                    item_open = False
                else:
                    # Article rich text holds no code or tables: they follow the list as blocks of their own.
                    self.add(child)
                    item_open = False

    def add_quote(self, node):
        """A blockquote becomes one quote block; a last line '-- Name' or '-- [Name](url)' says who said it."""
        paragraphs, attribution, url = [], "", ""
        children = node.children
        for index, child in enumerate(children):
            self.no_images(child, "a quote")
            split = split_attribution(inline_children(child)) if child.type == "paragraph" else None
            if split and index == len(children) - 1:
                words, attribution, url = split
                words = _words(unescape(strip_tags(words)))
                if words:
                    paragraphs.append(words)
            else:
                paragraphs.append(_plain(child))
        quote = "\n\n".join(p for p in paragraphs if p)
        if quote:
            self.block("quote", {"quote": quote, "attribution": attribution, "source_url": url})

    def no_images(self, node, where):
        if any(n.type == "image" for n in node.walk()):
            raise self.error(node, f"an image inside {where} cannot be imported: put it in a paragraph of its own")


def _words(text):
    return " ".join(text.split())


def _same_words(one, other):
    return _words(one).lower() == _words(other).lower()


def _trimmed(nodes):
    """Inline nodes without the spaces and line breaks left at their ends by an image taken out."""
    nodes = list(nodes)
    while nodes and nodes[0].type in ("softbreak", "hardbreak"):
        nodes.pop(0)
    while nodes and nodes[-1].type in ("softbreak", "hardbreak"):
        nodes.pop()
    return nodes


def _plain(node):
    """A block inside a quote as plain text (the quote block holds text): links keep their address."""
    if node.type in ("fence", "code_block"):
        return node.content.rstrip()
    if node.type in ("bullet_list", "ordered_list"):
        return "\n".join(f"- {_plain(item)}" for item in node.children)
    if node.type in ("paragraph", "heading"):
        nodes = inline_children(node)
        text = _words(inline_text(nodes))
        for href, label in inline_links(nodes):
            if href and href != label.strip():
                text = text.replace(label, f"{label} ({href})", 1) if label else f"{text} {href}"
        return text
    return "\n".join(_plain(child) for child in node.children or [])
