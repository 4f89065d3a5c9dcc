from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """What keeps the site running: page cache, storage, security, health, backups and roles."""

    name = "operations"
    verbose_name = "Operations"

    def ready(self):
        from operations import checks  # noqa: F401 (registers the system checks)
        from operations.signal_handlers import register_signal_handlers

        # As wagtail.contrib.frontend_cache does: the cache wires its own purging.
        register_signal_handlers()
