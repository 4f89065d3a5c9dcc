import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision


def snapshot():
    return (
        sorted(Page.objects.values_list("id", "url_path", "latest_revision_id", "live")),
        Revision.objects.count(),
    )


@pytest.mark.django_db
def test_load_demo_content_is_idempotent(home_page):
    call_command("load_demo_content")
    first = snapshot()
    assert len(first[0]) > 2  # it built something beyond the root and home
    call_command("load_demo_content")
    assert snapshot() == first
