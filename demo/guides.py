"""Demo Developer Guides: the index and five guides, with the topics and questions the real hub has.

The question titles follow the hub's guides; every intro, summary and answer is our own short text.
The seed gives no dates for the guides, so each carries a fixed date of our own (never the install day).
"""

import datetime

from demo.articles import prose
from demo.pages import ensure_child
from demo.topics import topics_by_slug
from guides.models import GuideIndexPage, GuidePage


def q(question, *parts):
    """A question and its answer, in reading order: text is a paragraph (or a list), a block stays a block."""
    return {"question": question, "answer": [part if isinstance(part, tuple) else _paragraph(part) for part in parts]}


def _paragraph(text):
    return prose(text if text.startswith(("<ul>", "<ol>")) else f"<p>{text}</p>")


def quote(words, said_by, source_url):
    return ("quote", {"quote": words, "attribution": said_by, "source_url": source_url})


def links(*items):
    """Further reading: (link text, web address, why read it) for each link.

    No heading: a heading names the list as a landmark, and a guide with two lists would have two alike.
    """
    return ("resources", {"heading": "", "links": [{"title": t, "url": u, "description": d} for t, u, d in items]})


def section(title, intro="", questions=()):
    return ("section", {"title": title, "intro": f"<p>{intro}</p>" if intro else "", "questions": list(questions)})


GUIDES = [
    {
        "slug": "career",
        "date": datetime.datetime(2024, 2, 10, 9, 0, tzinfo=datetime.UTC),
        "title": "Career",
        "summary": "Where to look for advice about your career, and how to weigh what you hear.",
        "intro": "Advice about a career in software is everywhere. This guide helps you choose whom to ask.",
        "topics": ["career", "community"],
        "body": [
            section(
                "Consider the source of advice",
                "Every piece of advice reflects the life of the person giving it. Before acting on it, ask what "
                "they know about your situation and what they gained from the path they recommend.",
            ),
            section(
                "Finding career guidance",
                "Good guidance comes from several places, each with its own blind spots.",
                [
                    q(
                        "Determine where you want to go",
                        "Write down what a good year would look like for you. Advice is easier to judge "
                        "once you know the direction you are heading in.",
                    ),
                    q(
                        "Finding career guidance from friends and family",
                        "The people close to you know your strengths and habits, even if they do not know the "
                        "industry. Ask them what they see you enjoy.",
                    ),
                    q(
                        "Finding career guidance from colleagues",
                        "Colleagues understand the work itself. Someone a few steps ahead of you can describe "
                        "the next role honestly, including its dull parts.",
                    ),
                    q(
                        "Finding career guidance from content",
                        "Posts, talks and books reach many people at once, so they cannot know you. Treat them "
                        "as ideas to test rather than instructions.",
                    ),
                    q(
                        "Choosing where to find guidance",
                        "Mix sources: one person who knows you, one who knows the work, and one who sees the "
                        "wider field.",
                    ),
                    q(
                        "The importance of self-reflection",
                        "After each conversation, note what resonated and what did not. Patterns in those notes "
                        "are often the clearest advice you will get.",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "code-review",
        "date": datetime.datetime(2023, 5, 20, 9, 0, tzinfo=datetime.UTC),
        "title": "Code Review",
        "summary": "Questions to ask yourself before, during and after reviewing someone else's change.",
        "intro": "A review is a conversation about a change. These questions keep it useful and kind.",
        "topics": ["code-review", "testing"],
        "body": [
            section(
                "Check yourself",
                "Start with your own approach before looking at the code.",
                [
                    q(
                        "Should you have a talk with the developer before reviewing the code?",
                        "If the change is large or surprising, a short call about its goals saves many rounds "
                        "of comments.",
                    ),
                    q(
                        "Should you have a talk with the developer before submitting the review?",
                        "When your review asks for a different approach, say so in person first so the written "
                        "comments do not arrive as a shock.",
                    ),
                    q(
                        "Are you leaving too many nitpicky comments?",
                        "Let the formatter and linter handle style. Mark the comments that are optional so the "
                        "author can tell them apart from the ones that matter.",
                    ),
                    q(
                        "Are you trying to make the other developer write your code?",
                        "There are many good ways to solve a problem. Ask for changes when the code is wrong or "
                        "hard to maintain, not when it is merely different from your choice.",
                    ),
                ],
            ),
            section(
                "Recheck the basics",
                "Small omissions cause most of the trouble after a merge.",
                [
                    q(
                        "CI Passes - automated tests, linter, code coverage, etc",
                        "Read the CI results before the diff. A red build means the review is not ready yet.",
                    ),
                    q(
                        "Are the migrations/schema changes condensed?",
                        "A branch that adds and then alters the same column should ship one migration, not a "
                        "history of experiments.",
                    ),
                    q(
                        "Are the code removals thorough?",
                        "When a feature goes, its settings, templates, tests and documentation should go with it.",
                    ),
                    q(
                        "Are cross-cutting interface changes updated everywhere?",
                        "Search for every caller of a changed function or signal, including ones in other "
                        "repositories.",
                    ),
                ],
            ),
            section(
                "Review the tests",
                questions=[
                    q(
                        "Review testing and deployment procedures",
                        "Check that the change can be tested and released the way the team usually does it, or "
                        "that the differences are written down.",
                    ),
                    q(
                        "Do the tests cover the changes appropriately?",
                        "Look for a test that would fail without the change, and for the unhappy paths as well "
                        "as the happy one.",
                    ),
                ],
            ),
            section(
                "The tougher bits",
                questions=[
                    q(
                        "Are there changes that impact backwards compatibility?",
                        "Public APIs, URLs, stored data and settings all have users you cannot see. Ask how old "
                        "clients will behave.",
                    ),
                    q(
                        "Are existing or current sessions impacted?",
                        "People logged in during the release keep their old sessions and cached pages. Think "
                        "about what they will see.",
                    ),
                    q(
                        "Are hacks documented?",
                        "A workaround is fine when a comment says why it exists and when it can be removed.",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "deployment",
        "date": datetime.datetime(2023, 9, 16, 9, 0, tzinfo=datetime.UTC),
        "title": "Deployment",
        "summary": "Questions that make a release predictable: risk, preparation and the details that bite.",
        "intro": "Most failed releases were risky in ways nobody wrote down. Ask these questions first.",
        "topics": ["deployment", "databases"],
        "body": [
            section(
                "Assess the risk",
                questions=[
                    q(
                        "What's the reasonable worst case scenario?",
                        "Picture the most likely bad outcome rather than the most dramatic one, and decide "
                        "whether you could live with it.",
                    ),
                    q(
                        "Where will the most likely errors occur?",
                        "New code paths, data migrations and third-party calls fail most often. Watch those first.",
                    ),
                    q(
                        "Does the change impact customers?",
                        "If customers will notice, plan how they hear about it and whom they can contact.",
                    ),
                ],
            ),
            section(
                "Organization and preparation",
                questions=[
                    q(
                        "What customers should be involved in the deployment?",
                        "A customer who relies on the changed feature may want to test it or be on hand when it "
                        "goes live.",
                    ),
                    q(
                        "What's the rollback process?",
                        "Write the steps down before you deploy, and check that they still work once the "
                        "database has changed.",
                    ),
                    q(
                        "Does the change require monitoring?",
                        "Decide which graph or log line tells you the release worked, and who watches it.",
                    ),
                    q(
                        "Do you need to notify customers of the change",
                        "Changes to behaviour, pricing or downtime deserve a note before they happen, not after.",
                    ),
                    q(
                        "Should the deployment occur after hours?",
                        "Quiet hours reduce the number of people affected but also the number of people "
                        "available to help. Weigh both.",
                    ),
                ],
            ),
            section(
                "Consider the details",
                questions=[
                    q(
                        "Does any data need to change before or after deployment?",
                        "Backfills and clean-ups have an order. Make it part of the plan rather than a "
                        "remembered step.",
                    ),
                    q(
                        "Does the change require any manual actions before or after deployment?",
                        "Every manual step is a chance to forget. List them, and automate the ones that repeat.",
                    ),
                    q(
                        "Do the frontend changes need to be deployed before or after the backend changes?",
                        "Make each side tolerate the other's old version so the order stops mattering.",
                    ),
                    q(
                        "Are there service interface changes?",
                        "Other services may call yours with the old format for a while. Accept both until they "
                        "have moved.",
                    ),
                    q(
                        "Do the SQL changes require locks?",
                        "Adding columns with defaults, new constraints and some index builds lock tables. Check "
                        "what your database does for each statement.",
                    ),
                    q(
                        "What SQL objects are being locked and for how long?",
                        "A lock held for a second on a busy table can queue every request behind it.",
                    ),
                    q(
                        "What are the sizes of the impacted SQL objects?",
                        "A migration that is instant on a developer's laptop may take minutes on production "
                        "data. Measure on a copy.",
                    ),
                    q(
                        "How frequently are the impacted SQL objects used?",
                        "Tables read on every request need gentler changes than tables used by a nightly job.",
                    ),
                    q(
                        "Does the application need to be scaled down during the deployment?",
                        "Fewer workers can mean fewer conflicting writes while a migration runs. Plan how to "
                        "scale back up.",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "feature-requests",
        "date": datetime.datetime(2024, 6, 8, 9, 0, tzinfo=datetime.UTC),
        "title": "Feature Requests",
        "summary": "How to weigh a feature request: its users, its risk, its cost and its data.",
        "intro": "A request describes a need. These questions help you understand it before you build.",
        "topics": ["development", "databases"],
        "body": [
            section(
                "Understanding user impact",
                questions=[
                    q(
                        "What users would see this change?",
                        "Name the groups of users who will meet the feature, and those who will never notice it.",
                    ),
                    q(
                        "What is the user trying to do?",
                        "Ask for the goal behind the request. The feature asked for is one way to reach it.",
                    ),
                    q(
                        "Is it a reasonable user experience?",
                        "Walk through the feature as a new user would, without knowing how it was built.",
                    ),
                    q(
                        "How do users recover from errors?",
                        "Every form and action needs a way back: clear messages, undo, or support that can help.",
                    ),
                    q(
                        "Do users need to be notified?",
                        "If the change alters something people rely on, tell them what changes and when.",
                    ),
                    q(
                        "Does the change include a deprecation?",
                        "Give people a timeline and a replacement before anything they use goes away.",
                    ),
                ],
            ),
            section(
                "Assess the risk",
                questions=[
                    q(
                        "Will this require changes across the project?",
                        "Wide changes need more review and more testing. Consider splitting them.",
                    ),
                    q(
                        "How comfortable are you with the code?",
                        "Unfamiliar code hides assumptions. Budget time to read it before estimating.",
                    ),
                    q(
                        "Does the code have tests?",
                        "Without tests, add some around the current behaviour before changing it.",
                    ),
                    q(
                        "Is there a maintainer available for advice?",
                        "Someone who knows the history can point out the traps in an afternoon.",
                    ),
                    q(
                        "Is there a power user available for advice?",
                        "Heavy users know the workflows the code was never designed for.",
                    ),
                ],
            ),
            section(
                "Estimate the cost",
                questions=[
                    q(
                        "What does the maintenance look like?",
                        "Every feature is code someone must keep working through upgrades. Count that cost too.",
                    ),
                    q(
                        "Does this impact other flows?",
                        "Trace the shared models and views the feature touches, and the pages that use them.",
                    ),
                    q(
                        "What are the exception flows?",
                        "List what happens when a step fails halfway, and make sure each case ends somewhere sensible.",
                    ),
                    q(
                        "What are the assumptions and what happens when those aren't true?",
                        "Write the assumptions down. Each one is a bug report waiting for the day it stops holding.",
                    ),
                    q(
                        "What are the error states and their next steps?",
                        "An error message should say what happened and what the user can do now.",
                    ),
                    q(
                        "Does this require monitoring?",
                        "If a silent failure would hurt, add a metric or an alert along with the feature.",
                    ),
                    q(
                        "Will this remove or add technical debt?",
                        "Note shortcuts as you take them, so paying them back can be planned.",
                    ),
                    q(
                        "Does this unlock future solutions?",
                        "Some work is worth more for what it makes possible next. Say so in the estimate.",
                    ),
                ],
            ),
            section(
                "Consider the data",
                questions=[
                    q(
                        "How much data is involved?",
                        "Test with realistic volumes: a query that is fine with a hundred rows may not be with "
                        "a million.",
                    ),
                    q(
                        "How will you maintain backwards compatibility for database updates?",
                        "Add before you remove: new columns first, code that uses both, then the clean-up in a "
                        "later release.",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "testing",
        "date": datetime.datetime(2023, 11, 11, 9, 0, tzinfo=datetime.UTC),
        "title": "Testing",
        "summary": "Questions for writing tests that check real behaviour and for knowing when they are enough.",
        "intro": "Tests are only as good as what they check. Use these questions when writing or reviewing them.",
        "topics": ["testing", "django"],
        "body": [
            section(
                "Where to begin?",
                questions=[
                    q(
                        "Is the logic truly being tested?",
                        "Break the code on purpose. If no test fails, the logic is not covered.",
                    ),
                    q(
                        "Can different datasets cause different results?",
                        "Try empty lists, duplicates, time zones and unusual characters, not just the usual data.",
                    ),
                    q(
                        "Are exception flows reasonably covered?",
                        "Test what users see when something goes wrong, not only the success path.",
                    ),
                    q(
                        "Do the changes require permission tests?",
                        "For every new view, check that the wrong user is turned away.",
                    ),
                ],
            ),
            section(
                "It's more than asserts!",
                questions=[
                    q(
                        "What level of testing robustness is needed?",
                        "Match the effort to the harm a bug would cause: payments need more than a help page.",
                    ),
                    q(
                        "Are mocks used reasonably?",
                        "Mock the boundaries you do not own, like network calls. Mocking your own code can hide "
                        "the bugs you are looking for.",
                    ),
                    q(
                        "What manual tests are needed?",
                        "Some things, like how a page feels on a phone, are quicker to check by hand. Write "
                        "the steps down.",
                    ),
                    q(
                        "What permutations of the UX can't be tested?",
                        "Name them in the pull request so reviewers know where to look.",
                    ),
                    q(
                        "Does the deployment need testing?",
                        "Migrations and configuration changes deserve a run against a copy of production.",
                    ),
                ],
            ),
        ],
    },
]


def build(home):
    index, _ = ensure_child(
        home,
        GuideIndexPage,
        "guides",
        title="Developer Guides",
        intro="Guides to the hard parts of software engineering, one question at a time.",
        summary="Questions and answers on careers, code review, deployment, feature requests and testing.",
        show_in_menus=True,
    )
    topics = topics_by_slug()
    for guide in GUIDES:
        ensure_child(
            index,
            GuidePage,
            guide["slug"],
            title=guide["title"],
            summary=guide["summary"],
            intro=guide["intro"],
            body=guide["body"],
            topics=[topics[slug] for slug in guide["topics"]],
            # Dated as content: the day the guide was written, not the day the demo was installed.
            first_published_at=guide["date"],
        )
