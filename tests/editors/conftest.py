"""People in the hub's editorial groups, and a guide index to write guides under."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from operations.moderation import EDITORS, MODERATORS, ensure_editorial_groups
from tests.guides.factories import make_index

PASSWORD = "correct horse battery staple"


def member_of(django_user_model, group_name, username):
    # The groups come from the migration; a transactional test's flush removes them, so make sure.
    ensure_editorial_groups(apps)
    user = django_user_model.objects.create_user(username, email=f"{username}@example.com", password=PASSWORD)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db, django_user_model):
    return member_of(django_user_model, EDITORS, "edna")


@pytest.fixture
def moderator(db, django_user_model):
    return member_of(django_user_model, MODERATORS, "moe")


@pytest.fixture
def guide_index(db, home_page):
    return make_index()
