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

        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction
        from wagtail.signals import post_page_move

        from home.models import forget_private_paths

        # Listings hide private sections using a cached list of their paths.
        for signal in (post_save, post_delete):
            signal.connect(forget_private_paths, sender=PageViewRestriction, dispatch_uid=f"home.private.{signal}")
        post_page_move.connect(forget_private_paths, dispatch_uid="home.private.moved")
