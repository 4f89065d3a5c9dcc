from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Search: the results page with passages, stemming and ranking, suggestions and typo help."""

    name = "search"

    def ready(self):
        from search.signal_handlers import register_signal_handlers

        register_signal_handlers()
