from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and shared pages"

    def ready(self):
        from wagtail.signals import page_published

        from home.cache import connect_signals
        from home.images import make_page_renditions

        # Purge cached pages whenever any page type is published, unpublished, moved or deleted.
        connect_signals()
        page_published.connect(make_page_renditions, dispatch_uid="home.images.renditions")
