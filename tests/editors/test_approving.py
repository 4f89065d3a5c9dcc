"""A moderator approving from the page editor: unchanged, it publishes the submitted version and saves no
revision of its own; changed, it publishes the change as one revision; either way it says "published".

The browser's editor adds noise a test client would not (Draftail's block keys, CRLF in textareas), so the
posts here carry it; tests/browser/test_approving.py does the same in Chromium.
"""

import json

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from guides.models import GuidePage
from tests.guides.factories import make_guide

BODY = [
    (
        "section",
        {
            "title": "Basics",
            "intro": "<p>Where to start.</p>",
            "questions": [
                {
                    "question": "Where do I start?",
                    "answer": [
                        ("paragraph", "<p>At the beginning.</p>"),
                        ("code", {"language": "python", "code": "print(1)\nprint(2)"}),
                    ],
                }
            ],
        },
    )
]


def as_the_browser_posts_it(guide, summary=None):
    """The edit form as Chromium posts it for `guide`'s latest revision, with the editor widgets' noise."""
    stored = guide.get_latest_revision_as_object()
    [section] = json.loads(json.dumps(stored.body.get_prep_value()))
    value = section["value"]
    question = value["questions"][0]
    paragraph, code = question["value"]["answer"]
    questions = streamfield(
        [
            (
                "item",
                {
                    "question": question["value"]["question"],
                    "answer": streamfield(
                        [
                            ("paragraph", rich_text('<p data-block-key="k1">At the beginning.</p>')),
                            ("code", {"language": "python", "code": code["value"]["code"].replace("\n", "\r\n")}),
                        ]
                    ),
                    "related": {"count": "0"},
                },
            )
        ]
    )
    # Block ids as the browser keeps them.
    questions["0-id"] = question["id"]
    questions["0-value-answer-0-id"], questions["0-value-answer-1-id"] = paragraph["id"], code["id"]
    body = streamfield(
        [
            (
                "section",
                {
                    "title": value["title"],
                    "intro": rich_text('<p data-block-key="k2">Where to start.</p>'),
                    "questions": questions,
                    "related": {"count": "0"},
                },
            )
        ]
    )
    body["0-id"] = section["id"]
    data = {
        "title": stored.title,
        "slug": stored.slug,
        "summary": summary or stored.summary,
        "body": body,
        "topics": [],
        "action-workflow-action": "true",
        "workflow-action-name": "approve",
    }
    return nested_form_data(data)


@pytest.fixture
def submitted_guide(guide_index, editor):
    guide = make_guide(guide_index, "Submitted guide", body_value=BODY, publish=False)
    guide.save_revision(user=editor)
    guide.get_workflow().start(guide, editor)
    return GuidePage.objects.get(pk=guide.pk)


def approve(client, guide, data):
    response = client.post(reverse("wagtailadmin_pages:edit", args=[guide.pk]), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_approving_unchanged_publishes_the_submitted_version_and_saves_no_revision(client, moderator, submitted_guide):
    submitted = submitted_guide.get_latest_revision()
    client.force_login(moderator)
    said = approve(client, submitted_guide, as_the_browser_posts_it(submitted_guide))
    submitted_guide.refresh_from_db()
    assert submitted_guide.live and not submitted_guide.has_unpublished_changes
    assert submitted_guide.get_latest_revision() == submitted == submitted_guide.live_revision
    assert said == ["Page 'Submitted guide' has been published."]


def test_approving_with_a_change_publishes_the_change_as_one_revision(client, moderator, submitted_guide):
    revisions = submitted_guide.revisions.count()
    client.force_login(moderator)
    said = approve(client, submitted_guide, as_the_browser_posts_it(submitted_guide, summary="Fixed by the moderator."))
    submitted_guide.refresh_from_db()
    assert submitted_guide.live and not submitted_guide.has_unpublished_changes
    assert submitted_guide.summary == "Fixed by the moderator."
    assert submitted_guide.revisions.count() == revisions + 1
    assert said == ["Page 'Submitted guide' has been published."]


def test_approving_from_the_dashboard_confirms_what_happened(client, moderator, submitted_guide):
    client.force_login(moderator)
    task_state = submitted_guide.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[submitted_guide.pk, "approve", task_state.pk])
    response = client.post(url, {"next": reverse("wagtailadmin_home")}, follow=True)
    submitted_guide.refresh_from_db()
    assert submitted_guide.live
    assert "Page 'Submitted guide' has been approved and published." in [
        str(message) for message in response.context["messages"]
    ]
