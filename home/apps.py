from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The hub's front page and its featured pages."""

    name = "home"
    verbose_name = "Home page"
