from django.apps import AppConfig


class PortabilityConfig(AppConfig):
    """Open, portable content: every page as Markdown, /llms.txt, and a lossless export and import."""

    name = "portability"
    verbose_name = "Open content"
