"""The kinds of page a visitor can narrow a search to, named as the site names them."""

from dataclasses import dataclass

from core.models import hub_page_models


@dataclass(frozen=True)
class TypeChoice:
    """One kind of page in the search page's type filter: its label and its page type."""

    label: str
    model: type


def type_choices():
    """{URL value: choice} in the order the page types declare. Only what a visitor reads: the types with a
    `search_filter_label` (`core.models.BasePage`), so no index pages and no home page.

    The URL values are the model names, as links from before this list was curated used.
    """
    models = [model for model in hub_page_models() if model.search_filter_label]
    models.sort(key=lambda model: (model.search_filter_order, model.search_filter_label))
    return {model._meta.model_name: TypeChoice(model.search_filter_label, model) for model in models}
