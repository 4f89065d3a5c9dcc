from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Event, Speaker


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    menu_label = "Speakers"
    list_display = ["name"]
    search_fields = ["name"]


class EventViewSet(SnippetViewSet):
    model = Event
    icon = "date"
    menu_label = "Events"
    list_display = ["name", "start_date", "location"]
    list_filter = ["start_date"]
    search_fields = ["name", "location"]


class TalksViewSetGroup(SnippetViewSetGroup):
    """Speakers and events, shared by talk reviews and event notes."""

    items = (SpeakerViewSet, EventViewSet)
    menu_icon = "media"
    menu_label = "Talks"
    menu_name = "talks"


register_snippet(TalksViewSetGroup)
