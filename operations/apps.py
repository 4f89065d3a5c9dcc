from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """What keeps the site running: page cache, storage, security, health, backups and roles."""

    name = "operations"
    verbose_name = "Operations"

    def ready(self):
        from django.core import checks

        from operations.security import check_forwarded_allow_ips
        from operations.signal_handlers import register_signal_handlers

        checks.register(check_forwarded_allow_ips, checks.Tags.security)

        # As wagtail.contrib.frontend_cache does: the cache wires its own purging.
        register_signal_handlers()
