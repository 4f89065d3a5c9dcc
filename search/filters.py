"""The kinds of page a visitor can narrow a search to, named as the site names them."""

from dataclasses import dataclass

from articles.models import ArticlePage
from guides.models import GuidePage
from reviews.models import EventNotesPage, TalkReviewPage
from topics.models import TopicPage


@dataclass(frozen=True)
class TypeChoice:
    label: str
    model: type


def type_choices():
    """{URL value: choice} in menu order. Only what a visitor reads: no index pages, no home page.

    The URL values are the model names, as links from before this list was curated used.
    """
    choices = [
        TypeChoice("Guides", GuidePage),
        TypeChoice("Talk reviews", TalkReviewPage),
        TypeChoice("Event notes", EventNotesPage),
        TypeChoice("Articles", ArticlePage),
        TypeChoice("Topics", TopicPage),
    ]
    return {choice.model._meta.model_name: choice for choice in choices}
