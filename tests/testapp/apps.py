from django.apps import AppConfig


class TestAppConfig(AppConfig):
    """Cheat sheets: a section of the hub that exists only while the tests run."""

    name = "tests.testapp"
    label = "testapp"
    verbose_name = "Cheat sheets (tests)"
