"""Editors are told what good content looks like: help text on every field, a HelpPanel on every page type."""

import pytest
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.models import Page, get_page_models

# Fields Wagtail itself defines and explains in the admin (title, slug, SEO fields, publishing).
WAGTAIL_FIELDS = {"title", "slug", "seo_title", "search_description", "show_in_menus", "go_live_at", "expire_at"}


def project_page_models():
    return [m for m in get_page_models() if m is not Page and m.__module__.split(".")[0] != "wagtail"]


def panels(panel):
    yield panel
    for child in getattr(panel, "children", []):
        yield from panels(child)


@pytest.mark.parametrize("model", project_page_models(), ids=lambda m: m.__name__)
def test_every_field_an_editor_fills_has_help_text(model):
    handler = model.get_edit_handler()
    missing = []
    for panel in panels(handler):
        if isinstance(panel, FieldPanel) and panel.field_name not in WAGTAIL_FIELDS:
            field = model._meta.get_field(panel.field_name)
            if not field.help_text:
                missing.append(panel.field_name)
    assert missing == []


@pytest.mark.parametrize("model", project_page_models(), ids=lambda m: m.__name__)
def test_every_page_type_has_a_help_panel(model):
    assert any(isinstance(panel, HelpPanel) for panel in panels(model.get_edit_handler())), model.__name__


@pytest.mark.parametrize("model", project_page_models(), ids=lambda m: m.__name__)
def test_every_page_type_declares_its_place_in_the_tree(model):
    assert model.parent_page_types, f"{model.__name__} may be created anywhere"
    assert model.subpage_types is not None, f"{model.__name__} accepts any child"
