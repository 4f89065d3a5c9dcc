"""The blocks a guide is made of: sections holding questions, each answered with shared answer blocks.

(The seed's words: a guide has *sections* of *questions*. *Topics* are only the site's taxonomy.)

A guide's outline is fixed by its structure: the guide is the `<h1>`, each section an `<h2>`, each
question an `<h3>`. Answers use `core.blocks.AnswerBlock`, whose rich text has no headings, so no
content can add a level of its own or skip one.
"""

import re

from django.core.exceptions import ValidationError
from wagtail import blocks

from core.blocks import INLINE_FEATURES, AnswerBlock, HeadingTextBlock, RelatedPagesBlock, has_text
from core.outline import AnchoredValue

__all__ = ["GuideBodyBlock", "HeadingTextBlock", "QuestionBlock", "SectionBlock"]  # HeadingTextBlock: old migrations

# Headings inside an answer would break the outline. The editor offers none, but content pasted
# through other routes (an import, the API) could still carry them.
_HEADING_TAG = re.compile(r"<h[1-6][\s>]", re.I)


class QuestionValue(AnchoredValue):
    """A question and its answer; `anchor` is its id on the page, given out by the page's outline."""

    heading_field = "question"
    fallback_anchor = "question"


class SectionValue(AnchoredValue):
    """A section of a guide; `anchor` is its id on the page, given out by the page's outline."""

    entries_field = "questions"

    @property
    def is_standalone(self):
        """A section told in its intro alone, with no questions under it."""
        return not self.get("questions")


class QuestionBlock(blocks.StructBlock):
    """One question of a section and its answer."""

    question = HeadingTextBlock(
        label="Heading",
        max_length=250,
        help_text="The question as a reader would ask it, e.g. 'Are the code removals thorough?'. "
        "It becomes a heading and a link in the table of contents.",
    )
    answer = AnswerBlock(
        label="Answer",
        help_text="Paragraphs, code, quotes, images and links, in the order they are read.",
    )
    related = RelatedPagesBlock()

    class Meta:
        icon = "help"
        label = "Question"
        template = "guides/blocks/question.html"
        value_class = QuestionValue
        description = "A question with its answer, shown as a sub-heading of its section"
        label_format = "{question}"
        preview_value = {
            "question": "Do the tests cover the changes?",
            "answer": [
                ("paragraph", "<p>Read the tests before the code: they say what the change is meant to do.</p>")
            ],
        }

    def clean(self, value):
        value = super().clean(value)
        for child in value.get("answer") or []:
            if child.block_type == "paragraph" and _HEADING_TAG.search(child.value.source):
                raise blocks.StructBlockValidationError(
                    block_errors={
                        "answer": ValidationError(
                            "Answers cannot contain headings: the question is already the heading of its answer. "
                            "Use bold text, or start a new question instead."
                        )
                    }
                )
        return value


class SectionBlock(blocks.StructBlock):
    """A section of a guide: its heading, an optional introduction and its questions in reading order."""

    title = HeadingTextBlock(
        label="Heading",
        max_length=200,
        help_text="The section's name, e.g. 'Check yourself'. "
        "It becomes a heading and a link in the table of contents.",
    )
    intro = blocks.RichTextBlock(
        label="Introduction",
        features=INLINE_FEATURES,
        required=False,
        help_text="A few sentences introducing the section. Needed when the section has no questions.",
    )
    questions = blocks.ListBlock(
        QuestionBlock(),
        label="Questions",
        default=[],
        # Long guides stay navigable: saved questions start collapsed, new ones open.
        collapsed=True,
        help_text="The questions this section answers, in the order readers should meet them. "
        "Leave empty for a section told in its introduction alone.",
    )
    related = RelatedPagesBlock()

    class Meta:
        icon = "folder-open-inverse"
        label = "Section"
        template = "guides/blocks/section.html"
        value_class = SectionValue
        description = "A section of the guide, with its questions and answers"
        label_format = "{title}"
        preview_value = {
            "title": "Review the tests",
            "intro": "<p>Tests tell you what the author meant the change to do.</p>",
            "questions": [
                {
                    "question": "Do the tests cover the changes appropriately?",
                    "answer": [("paragraph", "<p>Look for a test that fails without the change.</p>")],
                }
            ],
        }

    def clean(self, value):
        value = super().clean(value)
        # Like a missing heading, a missing introduction may wait until the guide is published.
        intro = value.get("intro")
        if not self.is_deferred_validation and not value.get("questions") and not has_text(intro and intro.source):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "intro": ValidationError(
                        "A section without questions needs an introduction: write one, or add a question."
                    )
                }
            )
        return value


NO_SECTION = "A guide needs at least one section to be published: add one with the + button below."


class GuideBodyBlock(blocks.StreamBlock):
    """The body of a guide: its sections, in reading order."""

    section = SectionBlock()

    class Meta:
        # No min_num: Wagtail's editor would show "The minimum number of items is 1" in red on a blank guide
        # before the editor had done anything. clean() asks for a section when the guide is published.
        # Long guides stay navigable: saved sections start collapsed, new ones open.
        collapsed = True

    def clean(self, value):
        # Before Wagtail's own check, which would only say "This field is required."
        if not self.is_deferred_validation and not len(value):
            raise blocks.StreamBlockValidationError(non_block_errors=ValidationError(NO_SECTION))
        return super().clean(value)
