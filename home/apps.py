from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and shared pages"

    def ready(self):
        from home.cache import connect_signals

        # Purge cached pages whenever any page type is published, unpublished, moved or deleted.
        connect_signals()
