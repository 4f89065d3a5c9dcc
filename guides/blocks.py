"""The blocks a guide is made of: topic sections holding questions, each answered with shared answer blocks.

A guide's outline is fixed by its structure: the guide is the `<h1>`, each section an `<h2>`, each
question an `<h3>`. Answers use `core.blocks.AnswerBlock`, whose rich text has no headings, so no
content can add a level of its own or skip one.
"""

import re

from django.core.exceptions import ValidationError
from wagtail import blocks

from core.blocks import INLINE_FEATURES, AnswerBlock
from core.outline import AnchoredValue

# Headings inside an answer would break the outline. The editor offers none, but content pasted
# through other routes (an import, the API) could still carry them.
_HEADING_TAG = re.compile(r"<h[1-6][\s>]", re.I)
_TAG = re.compile(r"<[^>]+>")


def _has_text(rich_text):
    """Whether a rich text value holds any words (the editor leaves `<p></p>` behind when emptied)."""
    return bool(rich_text and _TAG.sub("", rich_text.source).strip())


class HeadingTextBlock(blocks.CharBlock):
    """Text that becomes a heading and a table-of-contents link: required, with a message that says why."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.field.error_messages["required"] = (
            "Every topic and question needs a title: it is the heading readers see and its link in the contents."
        )


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
    """One question of a topic and its answer."""

    question = HeadingTextBlock(
        max_length=250,
        help_text="The question as a reader would ask it, e.g. 'Are the code removals thorough?'. "
        "It becomes a heading and a link in the table of contents.",
    )
    answer = AnswerBlock(
        help_text="The answer: paragraphs, code, quotes, images and links, in the order they are read.",
    )

    class Meta:
        icon = "help"
        label = "Question"
        template = "guides/blocks/question.html"
        value_class = QuestionValue
        description = "A question with its answer, shown as a sub-heading of its topic"
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
    """A topic of a guide: its title, an optional intro and its questions in reading order."""

    title = HeadingTextBlock(
        max_length=200,
        help_text="The topic's name, e.g. 'Check yourself'. It becomes a heading and a link in the table of contents.",
    )
    intro = blocks.RichTextBlock(
        features=INLINE_FEATURES,
        required=False,
        help_text="A few sentences introducing the topic. Required when the topic has no questions.",
    )
    questions = blocks.ListBlock(
        QuestionBlock(),
        default=[],
        help_text="The questions this topic answers, in the order readers should meet them. "
        "Leave empty for a topic told in its intro alone.",
    )

    class Meta:
        icon = "folder-open-inverse"
        label = "Topic"
        template = "guides/blocks/section.html"
        value_class = SectionValue
        description = "A topic of the guide, with its questions and answers"
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
        # Like a missing title, a missing intro may wait until the guide is published.
        if not self.is_deferred_validation and not value.get("questions") and not _has_text(value.get("intro")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "intro": ValidationError(
                        "A topic without questions needs an intro: write the intro, or add at least one question."
                    )
                }
            )
        return value


class GuideBodyBlock(blocks.StreamBlock):
    """The body of a guide: its topics, in reading order."""

    section = SectionBlock()
