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
"""

import re

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

CODE_BLOCK = "code-block"
CODE_WRAPPER_CLASS = "rich-code"
SPLIT_LIST = re.compile(r"</(ol|ul)><\1>")
LANGUAGE_CLASS = re.compile(r"^language-([a-z0-9][a-z0-9+#.-]*)$")


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


class HubContentstateConverter(ContentstateConverter):
    """Draftail ⇄ database HTML with lists kept whole and code blocks kept verbatim (see module doc)."""

    def __init__(self, features=None):
        super().__init__(features)
        self.html_to_contentstate_handler = HtmlToContentState(features)

    def to_database_format(self, contentstate_json):
        return SPLIT_LIST.sub("", super().to_database_format(contentstate_json))


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
