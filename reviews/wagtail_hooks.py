from django import forms
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Event, Speaker


class SpeakerChooserViewSet(SnippetChooserViewSet):
    """Search speakers by name, or create one without leaving the page being edited."""

    form_fields = ["name"]
    create_action_label = "Create speaker"
    creation_tab_label = "New speaker"


class EventForm(WagtailAdminModelForm):
    """The chooser's "New event" form. The browser's own date picker: the admin's needs a script that a
    chooser modal does not run."""

    class Meta:
        model = Event
        fields = ["name", "start_date", "end_date", "location", "url"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class EventChooserViewSet(SnippetChooserViewSet):
    """Search events by name or place, or create one without leaving the page being edited."""

    creation_form_class = EventForm
    create_action_label = "Create event"
    creation_tab_label = "New event"


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    menu_label = "Speakers"
    list_display = ["name"]
    search_fields = ["name"]
    chooser_viewset_class = SpeakerChooserViewSet


class EventViewSet(SnippetViewSet):
    model = Event
    icon = "date"
    menu_label = "Events"
    list_display = ["name", "start_date", "location"]
    list_filter = ["start_date"]
    search_fields = ["name", "location"]
    chooser_viewset_class = EventChooserViewSet


class TalksViewSetGroup(SnippetViewSetGroup):
    """Speakers and events, shared by talk reviews and event notes."""

    items = (SpeakerViewSet, EventViewSet)
    menu_icon = "media"
    menu_label = "Talks"
    menu_name = "talks"


register_snippet(TalksViewSetGroup)
