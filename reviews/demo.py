"""Demo talk reviews and event notes.

Everything here is invented for the demo (the event, the speakers, the talks), so no real person
is quoted or reviewed. Video ids are well-formed placeholders: the player is built from the URL
alone, so the page renders without asking YouTube anything.
"""

import datetime

from core.demo import ensure_child
from topics.demo import topic

from .importers.markdown_notes import parse_event_notes
from .importers.transcripts import parse_transcript
from .models import Event, EventNotesIndexPage, EventNotesPage, Speaker, TalkReviewIndexPage, TalkReviewPage

EVENT = {
    "name": "Demo Django Days 2025",
    "start_date": datetime.date(2025, 9, 15),
    "end_date": datetime.date(2025, 9, 17),
    "location": "Online",
    "url": "https://example.com/django-days/",
}

SPEAKERS = {
    "rosa": ("Rosa Example", [("Website", "https://example.com/rosa/")]),
    "tomas": ("Tomás Placeholder", [("Website", "https://example.org/tomas/")]),
    "ines": ("Inés Sample", []),
}

TRANSCRIPT = """\
00:00:00 Hello everyone, and thank you for coming.
00:00:04 Today I want to talk about tests that read like a story.
00:00:09 Most of us learned to test by copying the tests next to ours.
00:00:15 That works, until the tests next to ours are the problem.
00:00:22 So let's start with one small test and make it better, step by step.
00:00:41 Here is the test. It checks that a draft article is not listed.
00:00:48 It passes. But can you tell what it checks without reading it twice?
00:00:55 Let's find out together.
"""

REVIEWS = [
    {
        "slug": "tests-that-read-like-a-story",
        "title": "Tests that read like a story",
        "talk_title": "Tests That Read Like a Story",
        "speakers": ["rosa"],
        "talk_date": datetime.date(2025, 9, 15),
        "review_date": datetime.date(2025, 10, 2),
        "video_url": "https://www.youtube.com/watch?v=DemoTalk001&ab_channel=DemoDjangoDays",
        "summary": "A review of a talk on arranging Django tests so a reader sees the behaviour first.",
        "watch_if": ["your test files are longer than the code they test", "you dread reading a failing test"],
        "body": "<p>The talk rewrites one slow, unclear test live, and every step is small enough to copy on "
        "Monday. The best part is the naming: each test name states a rule of the product.</p>",
        "takeaways": ["Name a test after the rule it protects.", "Arrange, act, assert: one of each per test."],
        "topics": ["testing"],
        "transcript": TRANSCRIPT,
    },
    {
        "slug": "reading-a-migration-before-you-run-it",
        "title": "Reading a migration before you run it",
        "talk_title": "What Your Migration Will Really Do",
        "speakers": ["tomas"],
        "talk_date": datetime.date(2025, 9, 16),
        "review_date": datetime.date(2025, 10, 20),
        "video_url": "https://youtu.be/DemoTalk002",
        "summary": "A review of a talk on checking the SQL behind a Django migration before it reaches production.",
        "watch_if": ["you deploy schema changes to a busy database", "sqlmigrate is new to you"],
        "body": "<p>A calm walk through <code>sqlmigrate</code>, lock times and splitting one risky migration "
        "into three safe ones. The examples use PostgreSQL but the habits carry over.</p>",
        "takeaways": ["Read the SQL of every migration on a large table.", "Add columns first, constraints later."],
        "topics": ["django-databases", "deployment"],
    },
    {
        "slug": "headings-are-an-interface",
        "title": "Headings are an interface",
        "talk_title": "Headings Are an Interface",
        "speakers": ["ines"],
        "talk_date": datetime.date(2025, 9, 17),
        "review_date": datetime.date(2025, 11, 5),
        "video_url": "https://www.youtube.com/embed/DemoTalk003",
        "summary": "A review of a short talk on how screen reader users move through a page by its headings.",
        "watch_if": ["you build page templates", "you think of headings as font sizes"],
        "body": "<p>Ten minutes that change how you write templates: the speaker navigates a real site by "
        "headings alone, and the missing levels become obvious.</p>",
        "takeaways": ["One h1 per page.", "Never skip a heading level to get a smaller font."],
        "topics": ["accessibility"],
    },
    {
        "slug": "the-maintainers-mailbag",
        "title": "The maintainers' mailbag",
        "talk_title": "Episode 12: The Maintainers' Mailbag",
        "speakers": ["rosa", "tomas"],
        "talk_date": datetime.date(2025, 11, 20),
        "review_date": datetime.date(2025, 12, 1),
        "video_url": "https://example.com/podcast/episode-12/",
        "summary": "A review of a podcast episode answering listeners' questions about first contributions.",
        "watch_if": ["you want to contribute to Django but do not know where to start"],
        "body": "<p>Two maintainers answer questions from listeners, and the answers are kind and specific.</p>",
        "takeaways": ["Small documentation fixes are real contributions."],
        "topics": ["community", "career"],
    },
]

NOTES = """\
---
title: Demo Django Days 2025
date: 2025-09-15
end_date: 2025-09-17
summary: Notes from three days of talks on testing, databases and accessible sites.
---

{{< toc >}}

## Day 1

### Tests That Read Like a Story

- Start from the behaviour a user sees
  - Write the test name first
  - Then the assertion, then the setup
- Helpers worth knowing:
  1. `assertContains` for rendered pages
  2. `django_assert_num_queries` for query budgets

```python
def test_draft_articles_are_not_listed(client, draft_article):
    response = client.get("/articles/")
    assert draft_article.title not in response.content.decode()
```

### Lightning Talks - Day 1

- A plugin that lists slow fixtures 🐢
- [A list of accessible colour pairs](https://example.com/colours/)

## Day 2

### What Your Migration Will Really Do

> "A migration is code that runs once, on the biggest data you have." -- Tomás Placeholder

| Change | Locks the table? | Safer approach |
| --- | --- | --- |
| Add nullable column | Briefly | Fine as it is |
| Add column with default | Depends on version | Check `sqlmigrate` output |
| Add index | Yes | `AddIndexConcurrently` |

## Day 3

### Headings Are an Interface

- Screen reader users jump between headings to skim a page
- Check your templates:
  - Exactly one `h1`
  - No skipped levels
    - Style with classes, not heading levels
- Wagtail's accessibility checker flags skipped levels for editors ✅
"""


def _transcript(text):
    return [segment.as_block() for segment in parse_transcript(text, "reviews/demo.py")] if text else []


def build(home):
    event, _ = Event.objects.get_or_create(name=EVENT["name"], defaults=EVENT)
    speakers = {}
    for key, (name, links) in SPEAKERS.items():
        speakers[key], _ = Speaker.objects.get_or_create(
            name=name,
            defaults={"links": [{"type": "link", "value": {"label": label, "url": url}} for label, url in links]},
        )

    videos, _ = ensure_child(
        home,
        TalkReviewIndexPage,
        "videos",
        title="Videos to Watch",
        intro="Talks and episodes worth your time: who should watch them and what you will take away.",
        summary="Reviews of conference talks and podcast episodes worth watching.",
        show_in_menus=True,
    )
    for review in REVIEWS:
        ensure_child(
            videos,
            TalkReviewPage,
            review["slug"],
            title=review["title"],
            talk_title=review["talk_title"],
            speakers=[speakers[key] for key in review["speakers"]],
            event=event if review["talk_date"] <= EVENT["end_date"] else None,
            talk_date=review["talk_date"],
            review_date=review["review_date"],
            video_url=review["video_url"],
            summary=review["summary"],
            watch_if=[{"type": "reason", "value": reason} for reason in review["watch_if"]],
            body=[{"type": "paragraph", "value": review["body"]}],
            takeaways=[{"type": "takeaway", "value": takeaway} for takeaway in review["takeaways"]],
            transcript=_transcript(review.get("transcript", "")),
            topics=[topic(slug) for slug in review["topics"]],
        )

    notes_index, _ = ensure_child(
        home,
        EventNotesIndexPage,
        "notes",
        title="Event notes",
        intro="What we heard at conferences, day by day and talk by talk.",
        summary="Notes from conferences, day by day and talk by talk.",
        show_in_menus=True,
    )
    notes = parse_event_notes(NOTES, "reviews/demo.py")
    reviews_by_talk = {page.talk_title: page for page in TalkReviewPage.objects.child_of(videos).filter(event=event)}
    for day in notes.body:
        for talk in day["value"]["talks"]:
            review = reviews_by_talk.get(talk["value"]["title"])
            talk["value"]["review"] = review.pk if review else None
    ensure_child(
        notes_index,
        EventNotesPage,
        "demo-django-days-2025",
        title=notes.title,
        event=event,
        start_date=notes.start_date,
        end_date=notes.end_date,
        summary=notes.summary,
        intro=notes.intro,
        body=notes.body,
        topics=[topic("testing"), topic("django-databases"), topic("accessibility")],
    )
