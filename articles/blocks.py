"""The blocks an article is made of: prose with an outline of h2–h4 headings, code, quotes, images and tables."""

import re

from django.core.exceptions import ValidationError
from wagtail import blocks

from core.blocks import (
    INLINE_FEATURES,
    AccessibleImageBlock,
    CodeBlock,
    QuoteBlock,
    RelatedPagesBlock,
    TextTableBlock,
    empty_headings,
)

# Article prose may use h2–h4 (the page title is the h1).
ARTICLE_FEATURES = ["h2", "h3", "h4", *INLINE_FEATURES, "blockquote"]
_HEADING = re.compile(r"<h([1-6])\b", re.I)


def heading_levels(block):
    """The heading levels (2, 3, …) a rich text child of a stream contains, in order."""
    if isinstance(block.block, blocks.RichTextBlock):
        return [int(level) for level in _HEADING.findall(block.value.source)]
    return []


class OutlineStreamBlock(blocks.StreamBlock):
    """A stream whose headings must form an outline: words in every heading, from h2 on, never skipping a level.

    A draft may break these rules while it is being written; publishing (and submitting) checks them.
    """

    def clean(self, value):
        value = super().clean(value)
        if self.is_deferred_validation:
            return value
        errors = {}
        previous = 1  # the page title
        for index, child in enumerate(value):
            if isinstance(child.block, blocks.RichTextBlock) and empty_headings(child.value.source):
                errors[index] = ValidationError(
                    "This text has an empty heading. Write the words it should announce, or delete it "
                    "(screen reader users navigate by headings, and an empty one tells them nothing)."
                )
                continue
            for level in heading_levels(child):
                if level > previous + 1:
                    errors[index] = ValidationError(
                        f"This text has a level {level} heading straight after a level {previous} one. "
                        f"Use a level {previous + 1} heading here so the page outline has no gaps "
                        "(screen reader users navigate by headings)."
                    )
                    break
                previous = level
        if errors:
            raise blocks.StreamBlockValidationError(block_errors=errors)
        return value


class ArticleBodyBlock(OutlineStreamBlock):
    """An article's body: prose with h2–h4 headings in order, code, quotes, images and tables."""

    paragraph = blocks.RichTextBlock(
        features=ARTICLE_FEATURES,
        label="Text",
        icon="pilcrow",
        description="Text with headings (h2–h4, in order), links, lists and inline code",
        preview_value="<h2>Why it matters</h2><p>Short, plain sentences read best.</p>",
    )
    code = CodeBlock()
    quote = QuoteBlock()
    image = AccessibleImageBlock()
    # Posts imported from Hugo or Jekyll carry tables (import_articles); editors can add them too.
    table = TextTableBlock()
    # Placed at the end of a section: the pages that say more on it.
    related = RelatedPagesBlock(description="Pages of this site that say more on the section above")
