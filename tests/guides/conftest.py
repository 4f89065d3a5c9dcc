import pytest

from .factories import make_index


@pytest.fixture
def guide_index(db):
    return make_index()
