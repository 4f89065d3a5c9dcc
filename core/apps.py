from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The foundation every part of the hub builds on: abstract pages, blocks, listings, outline, menu."""

    name = "core"
    verbose_name = "Foundation"

    def ready(self):
        from core.signal_handlers import register_signal_handlers

        register_signal_handlers()
