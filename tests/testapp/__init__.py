"""A section added the way a new one would be, installed for the tests alone (`hubsite/settings/test.py`).

Its page types declare what the API, the Markdown, /llms.txt and the search filter need in this app only,
and `tests/core/test_new_page_type.py` finds them there without any of those apps being edited.
"""

TEST_APP_LABEL = "testapp"


def without_test_app(models):
    """The hub's own page types among `models`: the demo content builds those, not this app's."""
    return [model for model in models if model._meta.app_label != TEST_APP_LABEL]
