"""The demo's Developer Guides: the five guides of the seed, with their sections and questions."""

import pytest

from guides.models import GuideIndexPage


@pytest.mark.django_db
def test_demo_content_builds_the_five_guides_of_the_seed(demo_site):
    index = GuideIndexPage.objects.get()
    assert index.show_in_menus and index.url == "/guides/"
    guides = list(index.guides_for_outline())
    assert [g.title for g in guides] == ["Career", "Code Review", "Deployment", "Feature Requests", "Testing"]
    code_review = guides[1]
    assert [s["title"] for s in code_review.outline()] == [
        "Check yourself",
        "Recheck the basics",
        "Review the tests",
        "The tougher bits",
    ]
    assert "Are you leaving too many nitpicky comments?" in [
        q["question"] for q in code_review.outline()[0]["questions"]
    ]
    career = guides[0]
    assert career.outline()[0]["title"] == "Consider the source of advice"
    assert career.outline()[0].is_standalone
    for guide in guides:
        assert guide.summary and guide.intro and guide.topics.exists()
        # Every demo guide passes the same validation as an editor's.
        guide.body.stream_block.clean(guide.body)
