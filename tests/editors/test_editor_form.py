"""The editing form speaks plainly: every block labelled, iconed and previewable, long bodies folded,
the summary where it is written, and no developer words (url, backticks, manage.py) in the admin."""

import re

import pytest
from django.apps import apps
from django.urls import reverse
from wagtail import blocks
from wagtail.admin.compare import get_comparison_class_for_block
from wagtail.fields import StreamField
from wagtail.models import get_page_models

from articles.blocks import ArticleBodyBlock
from core.blocks import AccessibleImageBlock, CodeBlock, ResourceListBlock
from core.models import BasePage, hub_page_models
from guides.blocks import GuideBodyBlock, SectionBlock
from reviews.blocks import DayBlock, EventNotesBodyBlock, TranscriptBlock
from reviews.models import Speaker, TalkReviewPage
from tests import factories

HUB_APPS = {"core", "home", "topics", "guides", "reviews", "articles", "search", "sharing"}
DEVELOPER_WORDS = re.compile(r"\burls?\b|`|manage\.py|_", re.I)


def stream_fields():
    for model in apps.get_models():
        if model._meta.app_label in HUB_APPS:
            for field in model._meta.get_fields():
                if isinstance(field, StreamField):
                    yield f"{model.__name__}.{field.name}", field.stream_block


def every_block(block, path):
    """(path, block, parent) for every block below `block`, at any depth."""
    children = list(getattr(block, "child_blocks", {}).items())
    if isinstance(block, blocks.ListBlock):
        children.append(("item", block.child_block))
    for name, child in children:
        yield f"{path}.{name}", child, block
        yield from every_block(child, f"{path}.{name}")


STREAM_FIELDS = dict(stream_fields())


def test_the_hub_has_the_stream_fields_this_test_walks():
    assert {"GuidePage.body", "ArticlePage.body", "EventNotesPage.body", "TalkReviewPage.transcript"} <= set(
        STREAM_FIELDS
    )


@pytest.mark.parametrize("name", sorted(STREAM_FIELDS))
def test_every_block_an_editor_can_add_has_a_label_an_icon_and_a_preview(name):
    for path, block, parent in every_block(STREAM_FIELDS[name], name):
        if not isinstance(parent, blocks.StreamBlock):
            continue  # a struct's field or a list's item is not picked from the block menu
        assert block.meta.label, f"{path} has no label of its own"
        assert block.meta.icon not in (None, "placeholder"), f"{path} has no icon"
        assert block.is_previewable, f"{path} has neither a preview_value nor a preview_template"


@pytest.mark.parametrize("name", sorted(STREAM_FIELDS))
def test_block_labels_and_help_are_plain_words(name):
    for path, block, parent in every_block(STREAM_FIELDS[name], name):
        assert not DEVELOPER_WORDS.search(block.label), f"{path} is labelled {block.label!r}"
        assert not re.search(r"`|manage\.py", str(getattr(block.meta, "help_text", "") or "")), path
        if isinstance(parent, blocks.StructBlock):
            # "Question" inside "Question" told editors nothing.
            assert block.label.lower() != parent.label.lower(), f"{path} repeats its block's name"


def test_page_and_snippet_forms_use_plain_words():
    for model in [*hub_page_models(), Speaker]:
        form_class = model.get_edit_handler().get_form_class() if hasattr(model, "get_edit_handler") else None
        for name, field in form_class.base_fields.items():
            label = str(field.label or name)
            assert not re.search(r"\burls?\b", label, re.I), f"{model.__name__}.{name} is labelled {label!r}"
            assert not re.search(r"`|manage\.py", str(field.help_text)), f"{model.__name__}.{name}: {field.help_text}"


def test_compare_shows_a_tick_box_as_yes_or_no():
    block = AccessibleImageBlock()
    value = block.to_python({"image": None, "alt_text": "A chart", "decorative": False, "caption": ""})
    html = str(get_comparison_class_for_block(block)(block, True, True, value, value).htmlvalue(value))
    assert "<dt>Decorative only</dt>" in html and "<dd>No</dd>" in html and "False" not in html


def test_long_bodies_start_folded_when_they_have_content():
    # Wagtail folds the blocks a page already has; blocks added while editing open.
    assert GuideBodyBlock().meta.collapsed
    assert SectionBlock().child_blocks["questions"].meta.collapsed
    assert DayBlock().child_blocks["talks"].meta.collapsed
    # An event's days stay open, so its notes show every day and talk title at once.
    assert not EventNotesBodyBlock().meta.collapsed
    assert TranscriptBlock().meta.collapsed
    # Prose is read top to bottom: an article's paragraphs stay open.
    assert not ArticleBodyBlock().meta.collapsed


def test_block_counts_where_they_make_sense():
    # A guide needs a section to be published, asked for then, not shown in red on a blank form.
    assert GuideBodyBlock().meta.min_num is None
    assert ResourceListBlock().child_blocks["links"].meta.min_num == 1
    assert TalkReviewPage._meta.get_field("watch_if").stream_block.meta.max_num == 5
    assert TalkReviewPage._meta.get_field("takeaways").stream_block.meta.max_num == 7
    assert Speaker._meta.get_field("links").stream_block.meta.max_num == 6


@pytest.mark.django_db
def test_code_is_typed_in_a_monospace_box(admin_client, home_page):
    widget = CodeBlock().child_blocks["code"].field.widget
    assert "hub-code-input" in widget.attrs["class"] and widget.attrs["spellcheck"] == "false"
    page = factories.article(home_page, title="Code inside")
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "css/admin.css" in html and "hub-code-input" in html


def panel_fields(panels):
    found = []
    for panel in panels:
        found.append(getattr(panel, "field_name", None))
        found.extend(panel_fields(getattr(panel, "children", [])))
    return found


@pytest.mark.parametrize("model", [m for m in get_page_models() if issubclass(m, BasePage)], ids=lambda m: m.__name__)
def test_the_summary_is_written_on_the_content_tab_with_the_listing_image(model):
    content = panel_fields(model.content_panels)
    assert {"summary", "listing_image", "listing_image_alt", "listing_image_decorative"} <= set(content)
    assert "summary" not in panel_fields(model.promote_panels)
    assert "search_description" in panel_fields(model.promote_panels)


def test_the_summary_says_what_it_feeds_and_the_meta_description_falls_back_to_it():
    help_text = BasePage._meta.get_field("summary").help_text
    assert "card" in help_text and "search results" in help_text and "meta description" in help_text
    [panel] = [p for p in BasePage.promote_panels[0].children if getattr(p, "field_name", "") == "search_description"]
    assert "Leave empty to use the summary" in panel.help_text


@pytest.mark.django_db
def test_the_meta_description_shows_the_summary_it_falls_back_to(admin_client, home_page):
    page = factories.article(home_page, title="Described", summary="What this article teaches, in one line.")
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "search engines get the summary, “What this article teaches, in one line.”" in html
    response = factories.article(home_page, title="Fallback", summary="The summary only.")
    from tests.conftest import parse

    meta = parse(admin_client.get(response.url)).find("meta", attrs={"name": "description"})
    assert meta["content"] == "The summary only."
