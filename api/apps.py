from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The read-only JSON API (Wagtail's API v2): public pages, images, documents and search."""

    name = "api"
    verbose_name = "API"
