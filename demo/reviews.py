"""Demo talk reviews and event notes: the hub's real talks, speakers, events and dates; every summary,
reason, review and takeaway ours.

No video ids are known for these talks, so none is invented: a review links to the talk's page where
one is known, and otherwise shows no player. Event dates are the events' published dates; a talk's own
date is given only where the event's programme says it.

The notes are a markdown file (`content/`) imported through the same importer editors use, with its
summary and topics from the front matter.
"""

import datetime
from pathlib import Path

from demo.about import demo_author
from demo.pages import ensure_child
from demo.topics import topics_by_slug
from reviews.importers.markdown_notes import load_event_notes
from reviews.models import Event, EventNotesIndexPage, EventNotesPage, Speaker, TalkReviewIndexPage, TalkReviewPage
from topics.importing import resolve_topics

NOTES_FILE = Path(__file__).resolve().parent / "content" / "djangocon-us-2023.md"
NOTES_EVENT = "djangocon-us-2023"

EVENTS = {
    "djangocon-us-2025": {
        "name": "DjangoCon US 2025",
        "start_date": datetime.date(2025, 9, 8),
        "end_date": datetime.date(2025, 9, 12),
        "location": "Chicago, Illinois, USA",
        "url": "https://2025.djangocon.us/",
    },
    "pycon-us-2025": {
        "name": "PyCon US 2025",
        "start_date": datetime.date(2025, 5, 14),
        "end_date": datetime.date(2025, 5, 22),
        "location": "Pittsburgh, Pennsylvania, USA",
        "url": "https://us.pycon.org/2025/",
    },
    "djangocon-europe-2025": {
        "name": "DjangoCon Europe 2025",
        "start_date": datetime.date(2025, 4, 23),
        "end_date": datetime.date(2025, 4, 27),
        "location": "Dublin, Ireland",
        "url": "https://2025.djangocon.eu/",
    },
    "djangocon-us-2023": {
        "name": "DjangoCon US 2023",
        "start_date": datetime.date(2023, 10, 16),
        "end_date": datetime.date(2023, 10, 20),
        "location": "Durham, North Carolina, USA",
        "url": "https://2023.djangocon.us/",
    },
}

SPEAKERS = [
    "Colleen Dunlap",
    "Lynn Root",
    "Kojo Idrissa",
    "Sarah Boyce",
    "A. Jesse Jiryu Davis",
    "Tushar Gupta",
    "Michael Kennedy",
]


def paragraphs(*texts):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts]


REVIEWS = [
    {
        "slug": "easy-breezy-beautiful-django-unit-tests",
        "title": "Lunch Talk Series: Easy, Breezy, Beautiful... Django Unit Tests",
        "talk_title": "Easy, Breezy, Beautiful... Django Unit Tests",
        "speakers": ["Colleen Dunlap"],
        "event": "djangocon-us-2025",
        "talk_date": datetime.date(2025, 9, 8),
        "review_date": datetime.date(2026, 3, 2),
        "details_url": "https://2025.djangocon.us/talks/easy-breezy-beautiful-django-unit-tests",
        "summary": "Colleen Dunlap's DjangoCon US talk is a friendly first lesson in unit testing, followed by "
        "the Django tools that keep tests short and sturdy.",
        "watch_if": [
            "your Django project has few tests and you are not sure where to begin",
            "your tests break every time a model gains a field",
            "you mock so much that a green test run no longer reassures you",
        ],
        "body": paragraphs(
            "The talk comes in two halves. The first is about unit testing in general: why it pays off, what a "
            "unit is, the difference between testing what code does and how it does it, and when a mock helps "
            "rather than hides a problem. None of it is specific to Django, and it is pitched so that someone "
            "who has never written a test can follow every step.",
            "The second half turns to Django and is where most viewers will take notes. Model factories cut "
            "the setup of each test to a line or two, <code>override_settings</code> keeps tests independent "
            "of the machine they run on, <code>setUpTestData</code> builds shared data once per class, and "
            "Django's own assertions give clearer failures than plain <code>assert</code> statements. The "
            "advice on when not to call a serializer in a unit test is worth the watch on its own.",
            "It is a lunch-length talk with a calm pace. Experienced testers will know most of the tools, but "
            "it is the talk I would send to a colleague who says they do not have time to write tests.",
        ),
        "takeaways": [
            "Test the behaviour a user relies on, not the private steps that produce it.",
            "A factory per model makes each test say only what matters to it.",
            "Build data shared by a whole test class once, with setUpTestData.",
            "Mock at the edges of your system, not in the middle of your own code.",
        ],
        "topics": ["testing", "django"],
    },
    {
        "slug": "of-clouds-and-crows",
        "title": "Lunch Talk Series: Of Clouds and Crows",
        "talk_title": "Of Clouds and Crows",
        "speakers": ["Lynn Root"],
        "event": "pycon-us-2025",
        "review_date": datetime.date(2026, 2, 22),
        "summary": "Lynn Root's PyCon US keynote is an invitation to play more: to build things for the joy of "
        "it, and to notice what that does for our learning and our work.",
        "watch_if": [
            "programming has started to feel like nothing but a queue of tickets",
            "you miss building something just to see whether it works",
            "you lead a team and want to make room for experiments",
        ],
        "body": paragraphs(
            "Keynotes at big conferences often aim for a grand vision of the industry. This one aims smaller "
            "and lands closer to home: it asks when you last wrote code with no goal other than curiosity, and "
            "why that question matters for people who program for a living.",
            "The case for play is made gently and without guilt. Play is presented not as a reward for when "
            "the real work is done but as a way of learning that deadlines squeeze out, and as something "
            "teams can protect on purpose. Watching it, I kept thinking of the side projects I abandoned "
            "because they were not useful, and of how much they had taught me anyway.",
            "It is not a technical talk and does not pretend to be. Watch it on a slow afternoon, then pick "
            "one small, pointless project and give it an hour.",
        ),
        "takeaways": [
            "Time to play rarely appears by itself; put it in the calendar.",
            "A project with no goal can still teach you something you will use.",
            "Share half-finished experiments: they invite other people in.",
        ],
        "topics": ["career", "community", "python"],
    },
    {
        "slug": "privilege-arbitrage",
        "title": "Lunch Talk Series: Privilege Arbitrage",
        "talk_title": "Privilege Arbitrage",
        "speakers": ["Kojo Idrissa"],
        "review_date": datetime.date(2026, 2, 11),
        "summary": "Kojo Idrissa's PyDX talk on diversity and inclusion in technical communities: noticing the "
        "advantages you carry, and spending them where they open doors for others.",
        "watch_if": [
            "you want your meetup, team or project to welcome more kinds of people",
            "conversations about privilege leave you defensive or unsure what to do",
            "you are in a position to recommend, hire or invite people",
        ],
        "body": paragraphs(
            "Talks about diversity often stop at describing the problem. This one, given at PyDX, is more "
            "practical. Its title borrows a word from finance: an arbitrage is using an advantage you have in "
            "one place to create value somewhere else, and the talk applies that idea to the privileges "
            "people carry without thinking about them.",
            "The framing takes the heat out of the subject. Nobody is asked to feel guilty about what they "
            "were born with; they are asked to notice it and to put it to work, by making an introduction, "
            "sharing a platform, recommending someone for a role or simply staying in a room and speaking up. "
            "It turns a conversation that often ends in silence into a list of things to try next week.",
            "The stories come from technical communities, so developers will recognise the situations. It "
            "is a short watch that I return to whenever I organise an event.",
        ),
        "takeaways": [
            "Privilege is not only something to confess; it is something to spend.",
            "Small acts count: an introduction, a recommendation, an invitation.",
            "Inclusive communities are built on purpose, by the people already in them.",
        ],
        "topics": ["community"],
    },
    {
        "slug": "django-needs-you-to-do-code-review",
        "title": "Lunch Talk Series: Django needs you! (to do code review)",
        "talk_title": "Django needs you! (to do code review)",
        "speakers": ["Sarah Boyce"],
        "event": "djangocon-europe-2025",
        "talk_date": datetime.date(2025, 4, 23),
        "review_date": datetime.date(2026, 2, 1),
        "summary": "Sarah Boyce's DjangoCon Europe 2025 keynote explains why review is the bottleneck of Django's "
        "development, and why anyone who uses Django can help clear it.",
        "watch_if": [
            "you have wanted to contribute to Django but writing a patch felt too big",
            "your own pull request to Django is waiting and you wonder why",
            "you run code review on your team and want it to move faster",
        ],
        "body": paragraphs(
            "Opening the conference, one of Django's Fellows walks through how a change actually reaches "
            "Django: how tickets are triaged, who reviews pull requests and why so many of them wait. The "
            "picture is honest. There are far more people writing patches than reviewing them, and the "
            "attention of the few regular reviewers is the scarce resource the whole project depends on.",
            "The call to action is the heart of the keynote: you do not need to be a core developer to "
            "review. Checking that a patch does what its ticket asks, trying it on a real project, reading the "
            "documentation changes and saying what was unclear all save the Fellows time, and they are a "
            "gentler way into contributing than writing code.",
            "If you have ever wished you could give something back to Django, this keynote hands you a way to "
            "start the same evening.",
        ),
        "takeaways": [
            "Review, not code, is what most often holds a Django change back.",
            "Anyone who uses Django can review: run the patch, read it, say what you found.",
            "A thoughtful review is a contribution in its own right.",
        ],
        "topics": ["code-review", "community", "django"],
    },
    {
        "slug": "why-generosity-turns-to-rage",
        "title": "Why generosity turns to rage, and what to do about it | Lunch Talk",
        "talk_title": "Why generosity turns to rage, and what to do about it",
        "speakers": ["A. Jesse Jiryu Davis"],
        "review_date": datetime.date(2024, 3, 29),
        "summary": "A. Jesse Jiryu Davis on why generous people (maintainers, mentors, volunteers) end up "
        "resentful, and how to give in a way you can keep up.",
        "watch_if": [
            "you maintain an open source project and issues have started to feel like demands",
            "you volunteer, mentor or organise and feel bitter more often than you used to",
            "you manage people who keep saying yes to everything",
        ],
        "body": paragraphs(
            "The talk starts from an uncomfortable observation: the people who give the most to their "
            "communities are often the ones who end up angry at them. Generosity that has no limits does not "
            "stay generous; it quietly turns into a sense of being owed, and then into resentment.",
            "What makes it worth watching is that it does not stop at the diagnosis. It treats setting limits "
            "as part of giving well rather than as its opposite, and it is practical about how: decide in "
            "advance what you are willing to give, say no early instead of yes reluctantly, and notice the "
            "first signs of resentment before they reach the people you are trying to help.",
            "I watched it during a stretch of saying yes to every request, and it changed how I answer the "
            "next one. It is one of those talks worth seeing again every year or so.",
        ),
        "takeaways": [
            "Resentment is a signal that you gave more than you chose to give.",
            "Decide your limits before the request arrives, not while you are answering it.",
            "Saying no early is kinder than saying yes and regretting it.",
        ],
        "topics": ["community", "career"],
    },
    {
        "slug": "djangonauts-on-talk-python",
        "kind": "episode",
        "title": "Djangonauts on Talk Python To Me",
        "talk_title": "Djangonauts, Ready for Blast-Off",
        "podcast": "Talk Python To Me",
        "speakers": ["Sarah Boyce", "Tushar Gupta", "Michael Kennedy"],
        "review_date": datetime.date(2024, 2, 16),
        "details_url": "https://talkpython.fm/episodes/show/451/djangonauts-ready-for-blast-off",
        "summary": "A podcast episode about Djangonaut Space, the mentoring programme for new Django "
        "contributors, with Sarah Boyce and a former Djangonaut, Tushar Gupta.",
        "watch_if": [
            "you would like to contribute to Django and want company on the way",
            "you run an open source project and wonder how to bring in new contributors",
            "you prefer to learn about a programme from the people who took part in it",
        ],
        "body": paragraphs(
            "Recorded in January 2024, episode 451 of Talk Python To Me introduces Djangonaut Space: small "
            "groups of newcomers who spend a few weeks working on real contributions to Django and its "
            "ecosystem, each group guided by experienced contributors. Sarah Boyce, of the Django team, "
            "explains how the sessions are organised, and Tushar Gupta describes going through the programme "
            "and coming back as a mentor.",
            "The conversation is warm and concrete. What stayed with me is how much of the programme is about "
            "confidence rather than code: knowing whom to ask, learning how a ticket moves and having someone "
            "tell you that the question you were afraid to ask is a good one. Other open source projects "
            "could borrow a lot from it.",
            "At about an hour it suits a long walk; the episode's page on the podcast's site has the audio "
            "and the show notes with links to the programme.",
        ),
        "takeaways": [
            "Mentoring in small groups makes a first contribution much less lonely.",
            "Newcomers stay when someone shows them how the project really works.",
            "Today's mentees are next season's mentors.",
        ],
        "topics": ["community", "django"],
    },
]


def set_speakers(review, speakers):
    """Give a review its speakers, in order: the one place demo code decides how speakers are stored."""
    review.speakers = speakers


def build(home):
    events = {key: Event.objects.get_or_create(name=data["name"], defaults=data)[0] for key, data in EVENTS.items()}
    speakers = {name: Speaker.objects.get_or_create(name=name)[0] for name in SPEAKERS}

    videos, _ = ensure_child(
        home,
        TalkReviewIndexPage,
        "videos",
        title="Videos to Watch",
        intro="Reviews of conference talks and episodes worth your time: who should watch them and what "
        "you will take away.",
        summary="Reviews of conference talks and podcast episodes worth watching.",
        show_in_menus=True,
    )
    topics = topics_by_slug()
    author = demo_author()
    for review in REVIEWS:
        people = [speakers[name] for name in review["speakers"]]
        ensure_child(
            videos,
            TalkReviewPage,
            review["slug"],
            setup=lambda page, people=people: set_speakers(page, people),
            title=review["title"],
            kind=review.get("kind", TalkReviewPage.TALK),
            talk_title=review["talk_title"],
            podcast=review.get("podcast", ""),
            event=events.get(review.get("event")),
            talk_date=review.get("talk_date"),
            review_date=review["review_date"],
            author=author,
            details_url=review.get("details_url", ""),
            summary=review["summary"],
            watch_if=[{"type": "reason", "value": reason} for reason in review["watch_if"]],
            body=review["body"],
            takeaways=[{"type": "takeaway", "value": takeaway} for takeaway in review["takeaways"]],
            topics=[topics[slug] for slug in review["topics"]],
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
    notes = load_event_notes(NOTES_FILE)
    ensure_child(
        notes_index,
        EventNotesPage,
        "djangocon-us-2023",
        title=notes.title,
        event=events[NOTES_EVENT],
        start_date=notes.start_date,
        end_date=notes.end_date,
        summary=notes.summary,
        intro=notes.intro,
        body=notes.body,
        topics=resolve_topics(notes.topic_names),
    )
