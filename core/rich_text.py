"""Rich text as the hub stores it: Wagtail's Draftail conversion, with lists and code blocks kept whole.

Draftail edits rich text as a flat run of blocks (paragraphs, list items with a depth); Wagtail turns
that into HTML with draftjs_exporter when an editor saves, and back when the editor opens. Two
things are repaired here, for every rich text field (the widget is set in WAGTAILADMIN_RICH_TEXT_EDITORS)
and for the importers, which store exactly what the editor would:

- A list that holds a nested list of the other kind (`<ul>` in `<ol>` or the reverse) came out as
  several lists after the nested one, so numbering restarted ("1. 1. 1."). draftjs_exporter opens a
  new wrapper when it returns from a deeper list of another type. In Draftail's model two sibling
  lists of the same type cannot follow each other (consecutive items of one type at one depth are
  one list), so rejoining adjacent `</ol><ol>` and `</ul><ul>` restores exactly what was edited.
- A code block (the `code-block` feature, stored as `<pre>`) keeps its line breaks and indentation,
  and one written inside a list item stays inside that item, so the list goes on after it. Its
  language, when it has one, is stored as `<pre class="language-python">` (the class the code block
  StreamField block's template and the Markdown writer use) and kept in Draftail's block data, so an
  editor saving the page keeps it.

Rich text that did not come from the editor (an import, a file) is passed through the same conversion
(`clean_rich_text`, `clean_stream_data`), so it is stored exactly as the editor would store it: what
the field's features cannot hold is dropped, which is every tag and attribute the editor does not
make (`<script>`, `<iframe>`, `<form>`, `onerror=`…) and every link to a scheme other than http(s),
mailto, tel and ftp (`javascript:`). Its reader also takes HTML that is not well formed.
"""

import re
from functools import lru_cache

from draftjs_exporter.dom import DOM
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.admin.rich_text.converters.contentstate_models import Block
from wagtail.admin.rich_text.converters.html_to_contentstate import (
    BLOCK_KEY_NAME,
    KEEP_WHITESPACE,
    BlockElementHandler,
    HtmlToContentStateHandler,
)
from wagtail.admin.rich_text.editors.draftail import DraftailRichTextArea
from wagtail.admin.rich_text.editors.draftail.features import BlockFeature
from wagtail.blocks import ListBlock, RichTextBlock, StreamBlock, StructBlock
from wagtail.rich_text import features as feature_registry

CODE_BLOCK = "code-block"
CODE_WRAPPER_CLASS = "rich-code"
SPLIT_LIST = re.compile(r"</(ol|ul)><\1>")
LANGUAGE_CLASS = re.compile(r"^language-([a-z0-9][a-z0-9+#.-]*)$")
BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')


def code_block_tag(language):
    """The opening tag of a code block in `language` (none for plain text), as rich text stores it."""
    return f'<pre class="language-{language}">' if language and language != "text" else "<pre>"


class CodeBlock(Block):
    """A code block, carrying its language in Draftail's block data (`{"language": "python"}`)."""

    def __init__(self, *args, language="", **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language

    def as_dict(self):
        data = super().as_dict()
        if self.language:
            data["data"] = {"language": self.language}
        return data


STORED_PRE = re.compile(r"<pre\b([^>]*)>")
LANGUAGE_ATTRIBUTE = re.compile(r'\bclass="language-([a-z0-9][a-z0-9+#.-]*)"')


def scrollable_code(html, language_labels):
    """Rendered rich text with each code block reachable by keyboard: `tabindex="0"` and a name.

    A code block keeps its lines and scrolls sideways when one is longer than the column, as the
    code StreamField block does; a region that scrolls must take focus so it can be scrolled without
    a mouse (axe: scrollable-region-focusable). Stored rich text holds only the editor's `<pre>`
    (see the module doc), so the attributes are added when it is rendered, not saved.
    """
    if "<pre" not in html:
        return html

    def focusable(match):
        found = LANGUAGE_ATTRIBUTE.search(match[1])
        name = f"Code: {language_labels.get(found[1], found[1])}" if found else "Code"
        return f'<pre{match[1]} tabindex="0" role="region" aria-label="{name}">'

    return STORED_PRE.sub(focusable, html)


def code_block_element(props):
    """A code block's `<pre>`, with the class of its language when it has one."""
    language = (props["block"].get("data") or {}).get("language") or ""
    attributes = {"class": f"language-{language}"} if LANGUAGE_CLASS.match(f"language-{language}") else {}
    return DOM.create_element("pre", attributes, props["children"])


class CodeBlockElementHandler(BlockElementHandler):
    """`<pre>` → a code block with its language; inside a list item it is one level deeper, i.e. part of that item."""

    def create_block(self, name, attrs, state, contentstate):
        found = LANGUAGE_CLASS.match(attrs.get("class") or "")
        in_item = state.list_item_type is not None
        return CodeBlock(
            self.block_type,
            depth=state.list_depth + 1 if in_item else state.list_depth,
            key=attrs.get(BLOCK_KEY_NAME),
            language=found[1] if found else "",
        )


class WrapperElementHandler:
    """The `<div>` that holds code blocks: no content of its own (not an empty paragraph)."""

    def handle_starttag(self, name, attrs, state, contentstate):
        pass

    def handle_endtag(self, name, state, contentstate):
        pass


class HtmlToContentState(HtmlToContentStateHandler):
    """Wagtail's HTML reader, except that text inside a code block keeps its whitespace."""

    def handle_data(self, content):
        block = self.state.current_block
        if block is not None and block.type == CODE_BLOCK:
            block.text += content
            self.state.leading_whitespace = KEEP_WHITESPACE
            return
        super().handle_data(content)

    def handle_endtag(self, name):
        # Wagtail's reader expects the well-formed HTML the editor writes (it asserts each end tag
        # matches); a file may hold any. An end tag closes what was left open inside it (`<p><br>…</p>`),
        # and one that closes nothing open is ignored.
        if name not in (open_name for open_name, _handler in self.open_elements):
            return
        while self.open_elements[-1][0] != name:
            super().handle_endtag(self.open_elements[-1][0])
        super().handle_endtag(name)


class HubContentstateConverter(ContentstateConverter):
    """Draftail ⇄ database HTML with lists kept whole and code blocks kept verbatim (see module doc)."""

    def __init__(self, features=None):
        super().__init__(features)
        self.html_to_contentstate_handler = HtmlToContentState(features)

    def to_database_format(self, contentstate_json):
        return SPLIT_LIST.sub("", super().to_database_format(contentstate_json))

    def clean(self, html):
        """`html` as the editor saves it with this converter's features (see the module doc).

        Raises ValueError for a link the editor could not have made (a page link without a number).
        """
        if not html.strip():
            return ""  # an empty field, not an empty paragraph
        try:
            contentstate = self.from_database_format(html)
        except (KeyError, ValueError) as error:
            raise ValueError(f"rich text with a link the editor cannot read ({error})") from None
        return self.to_database_format(contentstate)


@lru_cache
def _converter(features):
    return HubContentstateConverter(list(features))


def clean_rich_text(html, features=None):
    """`html` as the editor saves it in a rich text field or block with `features` (None: Wagtail's default).

    The editor keys each block (for comments); HTML without keys is given none, so cleaning HTML
    that is already clean changes nothing (an export imported and exported again is the same).
    """
    if features is None:
        features = feature_registry.get_default_features()
    cleaned = _converter(tuple(features)).clean(html)
    return cleaned if "data-block-key" in html else BLOCK_KEY.sub("", cleaned)


def clean_stream_data(block, data):
    """A StreamField's stored data (`block`: its StreamBlock) with every rich text in it cleaned as the editor would.

    Raises ValueError when the data is not shaped as `block` stores it (so there is no rich text
    that could slip through unseen).
    """
    if isinstance(block, RichTextBlock):
        if data is None:
            return data
        if not isinstance(data, str):
            raise ValueError(f"rich text must be text, not {type(data).__name__}")
        return clean_rich_text(data, block.features)
    if isinstance(block, StreamBlock):
        if not isinstance(data, list) or not all(isinstance(child, dict) for child in data):
            raise ValueError("a stream of blocks must be a list of {type, value, id}")
        cleaned = []
        for child in data:
            kind = child.get("type")
            if not isinstance(kind, str) or kind not in block.child_blocks:
                raise ValueError(f"unknown block type {kind!r}")
            cleaned.append({**child, "value": clean_stream_data(block.child_blocks[kind], child.get("value"))})
        return cleaned
    if isinstance(block, ListBlock):
        if not isinstance(data, list):
            raise ValueError("a list block's value must be a list")
        return [
            {**item, "value": clean_stream_data(block.child_block, item["value"])}
            if block._item_is_in_block_format(item)
            else clean_stream_data(block.child_block, item)
            for item in data
        ]
    if isinstance(block, StructBlock):
        if not isinstance(data, dict):
            raise ValueError(f"the value of a {block.name or 'struct'} block must be a mapping")
        return {
            name: clean_stream_data(block.child_blocks[name], value) if name in block.child_blocks else value
            for name, value in data.items()
        }
    return data


class HubDraftailRichTextArea(DraftailRichTextArea):
    """Wagtail's Draftail editor, saving through `HubContentstateConverter`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.converter = HubContentstateConverter(self.features)


def register_code_block(features):
    """The `code-block` rich text feature: preformatted code, which may sit inside a list item.

    The wrapper lets the exporter nest the block inside the list item it belongs to.
    """
    features.register_editor_plugin(
        "draftail", CODE_BLOCK, BlockFeature({"type": CODE_BLOCK, "icon": "code", "description": "Code block"})
    )
    features.register_converter_rule(
        "contentstate",
        CODE_BLOCK,
        {
            "from_database_format": {
                "pre": CodeBlockElementHandler(CODE_BLOCK),
                f"div[class={CODE_WRAPPER_CLASS}]": WrapperElementHandler(),
            },
            "to_database_format": {
                "block_map": {
                    CODE_BLOCK: {
                        "element": code_block_element,
                        "wrapper": "div",
                        "wrapper_props": {"class": CODE_WRAPPER_CLASS},
                    }
                }
            },
        },
    )
