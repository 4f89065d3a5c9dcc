from wagtail import blocks

from home.blocks import ARTICLE_FEATURES, AccessibleImageBlock, CodeBlock, OutlineStreamBlock, QuoteBlock


class ArticleBodyBlock(OutlineStreamBlock):
    """An article's body: prose with h2–h4 headings in order, code, quotes and images."""

    paragraph = blocks.RichTextBlock(
        features=ARTICLE_FEATURES,
        icon="pilcrow",
        description="Text with headings (h2–h4, in order), links, lists and inline code",
        preview_value="<h2>Why it matters</h2><p>Short, plain sentences read best.</p>",
    )
    code = CodeBlock()
    quote = QuoteBlock()
    image = AccessibleImageBlock()
