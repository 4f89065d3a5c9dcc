"""The hub's foundation models: abstract pages every page type builds on, and their querysets."""

from .authors import Author, about_page_url, forget_about_page_url
from .cards import with_topics
from .index import IndexPage
from .organisation import Organisation, forget_organisation, organisation_for
from .pages import (
    BasePage,
    ContentPage,
    HubPageManager,
    HubPageQuerySet,
    content_page_models,
    forget_private_paths,
    hub_page_models,
    pages,
    private_paths,
)
from .similar import SimilarPage

__all__ = [
    "Author",
    "about_page_url",
    "forget_about_page_url",
    "BasePage",
    "ContentPage",
    "HubPageManager",
    "HubPageQuerySet",
    "IndexPage",
    "Organisation",
    "content_page_models",
    "forget_organisation",
    "forget_private_paths",
    "hub_page_models",
    "organisation_for",
    "pages",
    "private_paths",
    "SimilarPage",
    "with_topics",
]
