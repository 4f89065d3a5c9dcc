from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The foundation every part of the hub builds on: abstract pages, blocks, listings, outline, menu."""

    name = "core"
    verbose_name = "Foundation"

    def ready(self):
        from django.db.models.signals import post_migrate

        from core.signal_handlers import register_signal_handlers
        from core.site_url import sync_default_site

        register_signal_handlers()
        # `migrate` (the release step) points the default Site at SITE_URL, so page URLs use it.
        post_migrate.connect(sync_default_site, sender=self, dispatch_uid="core.site_url.sync_default_site")
