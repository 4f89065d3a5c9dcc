"""Blocks shared by every kind of page (answers, reviews, notes, articles).

Each app's own `blocks.py` composes these; nothing here knows about an app.
"""

import re
from functools import lru_cache

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
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


_HEADING_OPEN = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")


def has_text(html):
    """Whether HTML holds any words (the editor leaves `<p></p>` or `<br>` behind when emptied)."""
    return bool(_TAG.sub("", html or "").replace("&nbsp;", " ").strip())


def empty_headings(html):
    """The levels of the headings in `html` that hold no words, in order."""
    return [int(level) for level, inner in _HEADING_OPEN.findall(html or "") if not has_text(inner)]


class HeadingTextBlock(blocks.CharBlock):
    """Text that becomes a heading and a table-of-contents link: required, with a message that says why.

    Like every required field, it may stay empty in a draft; publishing and submitting ask for it.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.field.error_messages["required"] = (
            "This heading needs words: readers see them, and the table of contents links to them."
        )


class YesNoBlock(blocks.BooleanBlock):
    """A tick box that reads as "Yes" or "No" where Wagtail shows its value (History → Compare)."""

    def render_basic(self, value, context=None):
        return "Yes" if value else "No"


class CodeInput(forms.Textarea):
    """A text area for code: monospace (static/css/admin.css), no spell checking or autocorrection."""

    def __init__(self, attrs=None):
        defaults = {"class": "hub-code-input", "spellcheck": "false", "autocapitalize": "off", "rows": 6}
        super().__init__(attrs={**defaults, **(attrs or {})})


class CodeTextBlock(blocks.TextBlock):
    """The code of a code sample, typed in a monospace box."""

    @cached_property
    def field(self):
        field = super().field
        field.widget = CodeInput()
        return field


@lru_cache(maxsize=2048)
def highlighted_code(code, language):
    """`code` as highlighted HTML. Highlighting was a sixth of a guide's render, and a sample's colours
    depend on nothing but its text and language, so each process highlights each sample once."""
    try:
        lexer = get_lexer_by_name(language)
    except ClassNotFound:
        lexer = get_lexer_by_name("text")
    # Pygments escapes the code itself; its output is markup we trust.
    return mark_safe(highlight(code, lexer, HtmlFormatter(nowrap=True)))  # noqa: S308


class CodeValue(blocks.StructValue):
    """A code sample that renders itself highlighted on the server (no JavaScript)."""

    @cached_property
    def highlighted(self):
        return highlighted_code(self.get("code", ""), self.get("language") or "text")

    def language_label(self):
        return dict(CODE_LANGUAGES).get(self.get("language"), self.get("language"))


class CodeBlock(blocks.StructBlock):
    """A code sample, highlighted for readers."""

    language = blocks.ChoiceBlock(
        choices=CODE_LANGUAGES, default="python", help_text="The language the code is written in, for its colours."
    )
    code = CodeTextBlock(
        label="The code", help_text="Paste the code exactly as it is; spaces and indentation are kept."
    )

    class Meta:
        label = "Code"
        icon = "code"
        label_format = "Code ({language})"
        template = "blocks/code.html"
        value_class = CodeValue
        description = "A code sample, highlighted on the server"
        preview_value = {"language": "python", "code": "def greet(name):\n    return f'Hello, {name}!'"}


class QuoteBlock(blocks.StructBlock):
    """Someone else's words, with who said them."""

    quote = blocks.TextBlock(label="Quoted words", help_text="The words quoted, without quotation marks.")
    attribution = blocks.CharBlock(label="Said by", required=False, help_text="Who said or wrote it (optional).")
    source_url = blocks.URLBlock(
        label="Source address", required=False, help_text="A web address where the quote can be read (optional)."
    )

    class Meta:
        label = "Quote"
        icon = "openquote"
        template = "blocks/quote.html"
        description = "A quotation with its attribution"
        preview_value = {"quote": "Make it work, make it right, make it fast.", "attribution": "Kent Beck"}


class AccessibleImageBlock(blocks.StructBlock):
    """An image that always carries alt text written for the place it appears."""

    image = ImageChooserBlock(label="Picture", help_text="Choose one from the image library, or upload one.")
    alt_text = blocks.CharBlock(
        label="Alt text",
        required=False,
        max_length=250,
        help_text="What the image shows here, for people who cannot see it. Not the file name. "
        "Needed to publish, unless the image is decorative.",
    )
    decorative = YesNoBlock(
        label="Decorative only",
        required=False,
        help_text="Tick only if the image adds nothing to the text; screen readers will skip it.",
    )
    caption = blocks.CharBlock(label="Caption", required=False, help_text="Shown under the image (optional).")

    class Meta:
        label = "Image"
        icon = "image"
        template = "blocks/image.html"
        description = "An image with alt text written for this context"
        label_format = "{alt_text}"
        # The picker shows a preview of every block; this one needs no image of the site's.
        preview_template = "blocks/previews/image.html"

    def clean(self, value):
        value = super().clean(value)
        # A draft may hold an image without its alt text (or no image yet); publishing asks for both.
        if not self.is_deferred_validation and not value.get("decorative"):
            problem = alt_text_problem(value.get("alt_text") or "")
            if problem:
                raise blocks.StructBlockValidationError(block_errors={"alt_text": ValidationError(problem)})
        return value


class TextTableBlock(TableBlock):
    """A table of plain-text cells; the first row can be the column headings."""

    class Meta:
        label = "Table"
        icon = "table"
        template = "blocks/table.html"
        description = "A table (plain text cells; web addresses become links)"
        preview_value = {
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "data": [["Talk", "Room"], ["Opening keynote", "Main hall"], ["Testing workshop", "Room 2"]],
        }


class LinkValue(blocks.StructValue):
    def url(self):
        page = self.get("page")
        return page.url if page else self.get("url")


class LinkBlock(blocks.StructBlock):
    """One link of a list of resources: a page of this site or a web address."""

    title = blocks.CharBlock(label="Link text", help_text="Say where the link goes, not 'click here'.")
    page = blocks.PageChooserBlock(label="Page on this site", required=False, help_text="A page on this site…")
    url = blocks.URLBlock(label="Web address", required=False, help_text="…or a web address elsewhere.")
    description = blocks.CharBlock(
        label="Why read it", required=False, help_text="One line on why it is worth reading (optional)."
    )

    class Meta:
        label = "Link"
        icon = "link"
        value_class = LinkValue
        label_format = "{title}"

    def clean(self, value):
        value = super().clean(value)
        # A draft may keep a link without its target; publishing asks for exactly one.
        if not self.is_deferred_validation and bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError("Choose a page or enter an address, not both.")}
            )
        return value


class ResourceListBlock(blocks.StructBlock):
    """Links worth following, under an optional heading."""

    heading = blocks.CharBlock(label="Heading", required=False, help_text="E.g. 'Further reading' (optional).")
    links = blocks.ListBlock(LinkBlock(), label="Links", min_num=1, help_text="At least one link.")

    class Meta:
        label = "Resources"
        icon = "list-ul"
        template = "blocks/resources.html"
        description = "A list of links to resources"
        label_format = "{heading}"
        preview_value = {
            "heading": "Further reading",
            "links": [
                {
                    "title": "Django's documentation",
                    "url": "https://docs.djangoproject.com/",
                    "description": "Start with the tutorial.",
                }
            ],
        }


class AnswerBlock(blocks.StreamBlock):
    """The building blocks of an answer or a note: prose, code, quotes, images and links."""

    paragraph = blocks.RichTextBlock(
        features=INLINE_FEATURES,
        label="Paragraph",
        icon="pilcrow",
        description="Text with links, lists and inline code (no headings)",
        preview_value="<p>Short, plain sentences read best.</p>",
    )
    code = CodeBlock()
    quote = QuoteBlock()
    image = AccessibleImageBlock()
    resources = ResourceListBlock()


class PageLink(int):
    """A chosen page's id, read from the stream without a query.

    `core.related.neighbourhood` reads the cards of every link of a page in one query, leaving out a
    page a visitor cannot see (a draft, a private or a deleted one); templates show the cards.
    """

    @property
    def pk(self):
        return int(self)


class PageLinkBlock(blocks.PageChooserBlock):
    """A page chooser whose value loads nothing: a page with many of them resolves them all at once."""

    class Meta:
        icon = "link"
        description = "A page of this site on the same subject"
        preview_template = "blocks/previews/related_page.html"

    def to_python(self, value):
        return None if value is None else PageLink(value)

    def bulk_to_python(self, values):
        return [self.to_python(value) for value in values]

    def value_from_form(self, value):
        return None if value in (None, "") else PageLink(getattr(value, "pk", value))

    def get_prep_value(self, value):
        return None if value is None else int(getattr(value, "pk", value))

    def extract_references(self, value):
        if value is not None:
            yield self.model_class, str(int(getattr(value, "pk", value))), "", ""


class RelatedPagesBlock(blocks.ListBlock):
    """Pages of this site that say more on what this part covers: a talk, its notes, an article."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Related pages")
        kwargs.setdefault(
            "help_text",
            "Optional: pages of this site that cover the same ground (a talk review, event notes, an article, "
            "a guide), best first. Readers see them as 'Related' links here and at the end of the page.",
        )
        super().__init__(PageLinkBlock(label="Page", help_text="Choose a published page."), default=[], **kwargs)

    class Meta:
        icon = "link"
        template = "blocks/related_pages.html"


class ProfileLinkBlock(blocks.StructBlock):
    """One place to find a person online: their website or a profile."""

    label = blocks.CharBlock(label="Link text", help_text="E.g. 'Website', 'Mastodon', 'GitHub'.")
    url = blocks.URLBlock(label="Web address", help_text="The full address, starting with https://.")

    class Meta:
        label = "Link"
        icon = "link"
        label_format = "{label}"
        preview_value = {"label": "Website", "url": "https://example.com/"}
        description = "Where to find the person online"
