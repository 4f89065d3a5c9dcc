from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"

    def ready(self):
        from reviews.signal_handlers import register_signal_handlers

        register_signal_handlers()
