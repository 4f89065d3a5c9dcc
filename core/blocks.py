"""Blocks shared by every kind of page (answers, reviews, notes, articles).

Each app's own `blocks.py` composes these; nothing here knows about an app.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

# Rich text in answers and notes: no headings, so content can never break the page outline.
INLINE_FEATURES = ["bold", "italic", "code", "link", "document-link", "ol", "ul"]

CODE_LANGUAGES = [
    ("python", "Python"),
    ("django", "Django template"),
    ("html", "HTML"),
    ("css", "CSS"),
    ("javascript", "JavaScript"),
    ("sql", "SQL"),
    ("bash", "Shell"),
    ("yaml", "YAML"),
    ("json", "JSON"),
    ("toml", "TOML"),
    ("text", "Plain text"),
]

# Alt text that describes the file, not the picture, helps nobody using a screen reader.
_FILENAME_ALT = re.compile(r"^\s*[\w\-. ]+\.(jpe?g|png|gif|webp|avif|svg|bmp|tiff?)\s*$", re.I)
_REDUNDANT_ALT = re.compile(r"^\s*(an?\s+)?(image|picture|photo|photograph|graphic)\s+(of|showing)\b", re.I)


def alt_text_problem(alt):
    """Return why `alt` is poor alt text, or None when it is acceptable."""
    if not alt.strip():
        return "Describe what the image shows in this context, or mark it as decorative."
    if _FILENAME_ALT.match(alt):
        return "This looks like a file name. Describe what the image shows instead."
    if _REDUNDANT_ALT.match(alt):
        return 'Screen readers already announce an image: leave out "image of" and describe what it shows.'
    return None


class CodeValue(blocks.StructValue):
    """A code sample that renders itself highlighted on the server (no JavaScript)."""

    @cached_property
    def highlighted(self):
        try:
            lexer = get_lexer_by_name(self.get("language") or "text")
        except ClassNotFound:
            lexer = get_lexer_by_name("text")
        # Pygments escapes the code itself; its output is markup we trust.
        html = highlight(self.get("code", ""), lexer, HtmlFormatter(nowrap=True))
        return mark_safe(html)  # noqa: S308

    def language_label(self):
        return dict(CODE_LANGUAGES).get(self.get("language"), self.get("language"))


class CodeBlock(blocks.StructBlock):
    language = blocks.ChoiceBlock(choices=CODE_LANGUAGES, default="python", help_text="Used for syntax highlighting.")
    code = blocks.TextBlock(help_text="Paste the code exactly; indentation is kept.")

    class Meta:
        icon = "code"
        template = "blocks/code.html"
        value_class = CodeValue
        description = "A code sample, highlighted on the server"
        preview_value = {"language": "python", "code": "def greet(name):\n    return f'Hello, {name}!'"}


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(help_text="The words quoted, without quotation marks.")
    attribution = blocks.CharBlock(required=False, help_text="Who said or wrote it (optional).")
    source_url = blocks.URLBlock(required=False, help_text="Where the quote comes from (optional).")

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"
        description = "A quotation with its attribution"
        preview_value = {"quote": "Make it work, make it right, make it fast.", "attribution": "Kent Beck"}


class AccessibleImageBlock(blocks.StructBlock):
    """An image that always carries alt text written for the place it appears."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text="What the image shows here, for people who cannot see it. Not the file name.",
    )
    decorative = blocks.BooleanBlock(
        required=False,
        help_text="Tick only if the image adds nothing to the text; screen readers will skip it.",
    )
    caption = blocks.CharBlock(required=False, help_text="Shown under the image (optional).")

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        description = "An image with alt text written for this context"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative"):
            problem = alt_text_problem(value.get("alt_text") or "")
            if problem:
                raise blocks.StructBlockValidationError(block_errors={"alt_text": ValidationError(problem)})
        return value


class LinkValue(blocks.StructValue):
    def url(self):
        page = self.get("page")
        return page.url if page else self.get("url")


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(help_text="The link text: say where it goes, not 'click here'.")
    page = blocks.PageChooserBlock(required=False, help_text="A page on this site…")
    url = blocks.URLBlock(required=False, help_text="…or an address elsewhere.")
    description = blocks.CharBlock(required=False, help_text="One line on why it is worth reading.")

    class Meta:
        icon = "link"
        value_class = LinkValue

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError("Choose a page or enter an address, not both.")}
            )
        return value


class ResourceListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, help_text="E.g. 'Further reading' (optional).")
    links = blocks.ListBlock(LinkBlock())

    class Meta:
        icon = "list-ul"
        template = "blocks/resources.html"
        description = "A list of links to resources"


class AnswerBlock(blocks.StreamBlock):
    """The building blocks of an answer or a note: prose, code, quotes, images and links."""

    paragraph = blocks.RichTextBlock(
        features=INLINE_FEATURES,
        icon="pilcrow",
        description="Text with links, lists and inline code (no headings)",
        preview_value="<p>Short, plain sentences read best.</p>",
    )
    code = CodeBlock()
    quote = QuoteBlock()
    image = AccessibleImageBlock()
    resources = ResourceListBlock()
