"""The demo app's configuration."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo site's content and `load_demo_content`, which builds it from code."""

    name = "demo"
    verbose_name = "Demo content"
