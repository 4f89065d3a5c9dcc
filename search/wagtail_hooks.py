from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Synonym


class SynonymViewSet(SnippetViewSet):
    """Search synonyms: words written two ways (roll back, rollback) that search treats alike."""

    model = Synonym
    icon = "search"
    menu_label = "Search synonyms"
    menu_name = "search-synonyms"
    add_to_admin_menu = False
    list_display = ["words"]
    search_fields = ["words"]


register_snippet(SynonymViewSet)
