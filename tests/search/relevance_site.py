"""The small hub search relevance is measured on (tests/search/relevance.yaml).

Titles, question and section titles, talk titles, names, dates and timestamps are facts from the seeds
(/work/shared/seeds/); every summary, answer, note and transcript line is written here, in our words.
Built in code so the measure does not depend on the demo content, which changes.
"""

import datetime

from wagtail.models import Site

from articles.models import ArticleIndexPage, ArticlePage
from guides.models import GuideIndexPage, GuidePage
from reviews.models import EventNotesIndexPage, EventNotesPage, Speaker, TalkReviewIndexPage, TalkReviewPage
from topics.models import TopicIndexPage, TopicPage

TOPICS = {
    "Django": "The web framework most of this hub is about.",
    "Django Databases": "Models, migrations, queries and the database underneath them.",
    "Career": "Growing as an engineer: mentors, skills and choices.",
    "Code Review": "Reading other people's changes well, and having yours read.",
    "Deployment": "Shipping changes safely and undoing them when needed.",
    "Testing": "Checks that catch regressions before users do.",
}

# (title, summary, intro, topics, [(section, section intro, [(question, answer)])])
GUIDES = [
    (
        "Code Review",
        "Questions to ask before, during and after reading someone else's change.",
        "A review is a conversation about a change; these questions keep it useful.",
        ["Code Review"],
        [
            (
                "Check yourself",
                "",
                [
                    (
                        "Should you have a talk with the developer before reviewing the code?",
                        "A five-minute call about the intent of a large change saves a long thread later.",
                    ),
                    (
                        "Should you have a talk with the developer before submitting the review?",
                        "If you will ask for a different approach, say so in person first so the written notes "
                        "do not come as a surprise.",
                    ),
                    (
                        "Are you leaving too many nitpicky comments?",
                        "Let a formatter settle style; keep your remarks for behaviour, naming and design.",
                    ),
                    (
                        "Are you trying to make the other developer write your code?",
                        "Ask whether the change works and reads well, not whether it matches what you would type.",
                    ),
                ],
            ),
            (
                "Recheck the basics",
                "",
                [
                    (
                        "CI Passes - automated tests, linter, code coverage, etc",
                        "Read a red pipeline before the diff: a failing check is the cheapest finding of all.",
                    ),
                    (
                        "Are the migrations/schema changes condensed?",
                        "A branch that adds a column and alters it again should ship one schema change, "
                        "squashed before merging.",
                    ),
                    (
                        "Are the code removals thorough?",
                        "When a feature goes, its settings, templates, tests and docs go with it.",
                    ),
                    (
                        "Are cross-cutting interface changes updated everywhere?",
                        "Look up every caller of a changed signature, templates and scripts included.",
                    ),
                ],
            ),
            (
                "Review the tests",
                "",
                [
                    (
                        "Review testing and deployment procedures",
                        "Check the change can be verified and released the usual way, or that any new step is "
                        "written down.",
                    ),
                    (
                        "Do the tests cover the changes appropriately?",
                        "Look for a test that would fail if the change were reverted.",
                    ),
                ],
            ),
            (
                "The tougher bits",
                "",
                [
                    (
                        "Are there changes that impact backwards compatibility?",
                        "Public APIs, stored data and URLs outlive a release; changing them needs a plan for "
                        "existing clients.",
                    ),
                    (
                        "Are existing or current sessions impacted?",
                        "A change to login, cookies or serialised session data can sign everyone out at once.",
                    ),
                    (
                        "Are hacks documented?",
                        "A workaround deserves a comment saying why it exists and when it can go.",
                    ),
                ],
            ),
        ],
    ),
    (
        "Deployment",
        "Questions that make a release predictable.",
        "Most failed releases were risky in ways nobody wrote down.",
        ["Deployment"],
        [
            (
                "Assess the risk",
                "",
                [
                    (
                        "What's the reasonable worst case scenario?",
                        "Picture the most damaging plausible failure and decide whether the team could live with it.",
                    ),
                    (
                        "Where will the most likely errors occur?",
                        "Errors cluster where code meets data, configuration or another service.",
                    ),
                    ("Does the change impact customers?", "Anything customers see or rely on raises the stakes."),
                ],
            ),
            (
                "Organization and preparation",
                "",
                [
                    (
                        "What customers should be involved in the deployment?",
                        "A customer who relies on the changed feature may want to try it first or be around on "
                        "release day.",
                    ),
                    (
                        "What's the rollback process?",
                        "Write down how to undo the release before starting it, and check the steps still work "
                        "once the database has changed.",
                    ),
                    (
                        "Does the change require monitoring?",
                        "Decide which graphs and alerts will show that the release is healthy.",
                    ),
                    (
                        "Do you need to notify customers of the change",
                        "Tell people ahead of time when what they see or how they work will differ.",
                    ),
                    (
                        "Should the deployment occur after hours?",
                        "Quiet hours affect fewer people but also leave fewer people around to help.",
                    ),
                ],
            ),
            (
                "Consider the details",
                "",
                [
                    (
                        "Does any data need to change before or after deployment?",
                        "Backfills and clean-up jobs have an order; make them part of the plan.",
                    ),
                    (
                        "Does the change require any manual actions before or after deployment?",
                        "List every hand-run step with the person who will run it.",
                    ),
                    (
                        "Do the frontend changes need to be deployed before or after the backend changes?",
                        "Ship in an order where old and new code can run side by side for a while.",
                    ),
                    (
                        "Are there service interface changes?",
                        "Other services calling ours need the old contract until they are updated.",
                    ),
                    (
                        "Do the SQL changes require locks?",
                        "Some ALTER TABLE statements block reads and writes until they finish.",
                    ),
                    (
                        "What SQL objects are being locked and for how long?",
                        "Time it on a production-sized copy, not on a laptop.",
                    ),
                    (
                        "What are the sizes of the impacted SQL objects?",
                        "A table with millions of rows changes the whole approach.",
                    ),
                    (
                        "How frequently are the impacted SQL objects used?",
                        "A busy table cannot wait long for exclusive access.",
                    ),
                    (
                        "Does the application need to be scaled down during the deployment?",
                        "Stopping workers avoids jobs that write with an outdated schema.",
                    ),
                ],
            ),
        ],
    ),
    (
        "Feature Requests",
        "How to weigh a request: its users, its risk, its cost and its data.",
        "A request describes a need; understand it before building.",
        ["Code Review"],
        [
            (
                "Understanding user impact",
                "",
                [
                    (
                        "What users would see this change?",
                        "Name the groups of people whose screens or results will differ.",
                    ),
                    ("What is the user trying to do?", "The request describes a solution; find the task behind it."),
                    (
                        "Is it a reasonable user experience?",
                        "Walk through the flow as a newcomer would and note every surprise.",
                    ),
                    (
                        "How do users recover from errors?",
                        "Every form and action needs a way back: clear messages, undo, or support that can help.",
                    ),
                    (
                        "Do users need to be notified?",
                        "Decide whether an announcement, an email or nothing at all fits.",
                    ),
                    (
                        "Does the change include a deprecation?",
                        "Give a removal date and a replacement before taking anything away.",
                    ),
                ],
            ),
            (
                "Assess the risk",
                "",
                [
                    (
                        "Will this require changes across the project?",
                        "Wide changes touch code owned by several people and are harder to review.",
                    ),
                    ("How comfortable are you with the code?", "Unfamiliar code needs more time and a second reader."),
                    (
                        "Does the code have tests?",
                        "Without them, start by writing a few around the behaviour you must keep.",
                    ),
                    (
                        "Is there a maintainer available for advice?",
                        "Someone who knows the history can point out traps quickly.",
                    ),
                    (
                        "Is there a power user available for advice?",
                        "A heavy user of the feature knows which edge cases matter in practice.",
                    ),
                ],
            ),
            (
                "Estimate the cost",
                "",
                [
                    (
                        "What does the maintenance look like?",
                        "Every feature adds upkeep: documentation, support questions and upgrades.",
                    ),
                    ("Does this impact other flows?", "Check the screens and jobs that share the same models."),
                    (
                        "What are the exception flows?",
                        "List what happens when a step fails halfway, and make sure each case ends somewhere sensible.",
                    ),
                    (
                        "What are the assumptions and what happens when those aren't true?",
                        "Write the assumptions down so they can be checked later.",
                    ),
                    (
                        "What are the error states and their next steps?",
                        "Each error should tell the person what to do next.",
                    ),
                    ("Does this require monitoring?", "New background work needs an alert when it stops."),
                    (
                        "Will this remove or add technical debt?",
                        "Say which shortcuts the change takes and which it pays back.",
                    ),
                    (
                        "Does this unlock future solutions?",
                        "Some work is worth more for what it makes possible afterwards.",
                    ),
                ],
            ),
            (
                "Consider the data",
                "",
                [
                    ("How much data is involved?", "Estimate row counts and growth before choosing a design."),
                    (
                        "How will you maintain backwards compatibility for database updates?",
                        "Add new columns before removing old ones so both versions of the code can run.",
                    ),
                ],
            ),
        ],
    ),
    (
        "Testing",
        "Questions for tests that check real behaviour, and for knowing when they are enough.",
        "Tests are only as good as what they check.",
        ["Testing"],
        [
            (
                "Where to begin?",
                "",
                [
                    ("Is the logic truly being tested?", "A test that passes with the logic deleted checks nothing."),
                    (
                        "Can different datasets cause different results?",
                        "Empty lists, duplicates and unusual characters find bugs that tidy examples hide.",
                    ),
                    (
                        "Are exception flows reasonably covered?",
                        "Test what people see when something goes wrong, not only the success path.",
                    ),
                    (
                        "Do the changes require permission tests?",
                        "Check that each role can do what it should and nothing more.",
                    ),
                ],
            ),
            (
                "It's more than asserts!",
                "",
                [
                    (
                        "What level of testing robustness is needed?",
                        "Match the effort to the cost of a failure in that part of the system.",
                    ),
                    ("Are mocks used reasonably?", "Replace slow or external services, not the code under test."),
                    (
                        "What manual tests are needed?",
                        "Some checks, like how a page feels on a phone, still need a person.",
                    ),
                    (
                        "What permutations of the UX can't be tested?",
                        "Note the combinations automation skips so someone looks at them.",
                    ),
                    (
                        "Does the deployment need testing?",
                        "Schema and configuration changes deserve a run against a copy of production.",
                    ),
                ],
            ),
        ],
    ),
    (
        "Career",
        "Where to look for guidance, and how to weigh it.",
        "Advice is easier to use once you know what you want from it.",
        ["Career"],
        [
            (
                "Consider the source of advice",
                "Advice reflects the person giving it: their industry, their era and their luck.",
                [],
            ),
            (
                "Finding career guidance",
                "",
                [
                    (
                        "Determine where you want to go",
                        "Guidance only helps once you know roughly which direction you want to grow in.",
                    ),
                    (
                        "Finding career guidance from friends and family",
                        "People close to you know your strengths but may not know the industry.",
                    ),
                    (
                        "Finding career guidance from colleagues",
                        "Coworkers see your work up close and can point to gaps you miss.",
                    ),
                    (
                        "Finding career guidance from content",
                        "Books, talks and posts scale well but cannot answer your particular question.",
                    ),
                    ("Choosing where to find guidance", "Mix sources so that no single voice decides for you."),
                    (
                        "The importance of self-reflection",
                        "Write down what energised and drained you each month to notice patterns.",
                    ),
                ],
            ),
        ],
    ),
]

# The event's days, each with its talks: (talk title, notes as HTML).
DJANGOCON_US_2023 = [
    (
        "Day 1",
        [
            ("Orientation and Welcome", "<p>Housekeeping from the organisers and a warm start to the week.</p>"),
            (
                "Contributing to Django or how I learned to stop worrying and just try to fix an ORM Bug",
                "<p>Pairs well with Carlton Gibson's talk <em>Your Web Framework Needs You!</em>.</p>"
                "<ul><li>Choose an old ticket with a clear description.</li><li>Steps:<ol>"
                "<li>Reproduce the failure</li><li>Read the documentation around it</li><li>Change the code</li>"
                "<li>Add a test</li><li>Publish what you found</li></ol></li></ul>",
            ),
            (
                "HTML-ivating your Django web app's experience with HTMX, AlpineJS, and streaming HTML",
                "<p>HTMX swaps fragments rendered on the server; AlpineJS keeps small bits of state in the page. "
                "Together they cover much of what a single-page app offers, with no build step.</p>",
            ),
            (
                "Lightning Talks - Day 1",
                "<ul><li>The April 8, 2024 eclipse: only look through ISO 12312-2 glasses.</li>"
                "<li>Django stickers for everyone.</li></ul>",
            ),
            (
                "Using database triggers to reliably track model history",
                "<p>django-pghistory records each change to a model from Postgres triggers, so bulk updates "
                "are captured too.</p>",
            ),
            (
                "Beyond the Basics of Migrations",
                "<ul><li>Give hand-written migration files clear names.</li><li>Always pass a reverse function "
                "to RunPython and RunSQL.</li><li>Tell reviewers when a generated file was edited.</li></ul>",
            ),
            (
                "Custom Model Managers and QuerySets: Graduating from Django Beginner to ORM Master",
                "<p>Model methods act on a row, managers on the table. Chainable QuerySet methods such as "
                "<code>for_user()</code> keep views short.</p>",
            ),
            ("Passkeys on Django", "<p>django-passkeys adds WebAuthn sign-in to an existing project.</p>"),
            (
                "Building Powerful APIs with Django, Django Rest Framework, and OpenAPI",
                "<p>Design the schema first and let status codes carry meaning.</p>",
            ),
            (
                "Hosting and DevOps for Django",
                "<p>A platform as a service is a sensible default; containers and Kubernetes pay off later.</p>",
            ),
        ],
    ),
    (
        "Day 2",
        [
            (
                "Postgres Performance: From Slow to Pro",
                "<p>Read EXPLAIN ANALYZE first, then add indexes, then rewrite queries.</p>",
            ),
            (
                "Empathetic testing: Developing with compassion and humility",
                "<p>A test is a message to the next developer: write it kindly.</p>",
            ),
            ('Don\'t Buy the "A.I." Hype', "<p>Ask for measurements before believing claims.</p>"),
            (
                "There's More to Open Source than Code",
                "<p>Documentation, triage and mentoring are contributions too.</p>",
            ),
            (
                "What Django Deployment is Really About",
                "<p>Repeatable releases matter more than the choice of host.</p>",
            ),
            (
                "Introduction to GitHub Actions: Understanding Key Terms and Building Your First GitHub Action",
                "<p>Workflows hold jobs, jobs hold steps; start by running the test suite on every push.</p>",
            ),
        ],
    ),
    (
        "Day 3",
        [
            (
                "Keynote: Testing Modern Web Apps Like a Champion",
                "<p>Browser tests for journeys, unit tests for rules.</p>",
            ),
            (
                "Django migrations, friend or foe? Optimize your Django migrations for faster testing",
                "<p>Squash old migrations and keep the test database between runs.</p>",
            ),
            (
                "Best Practices for Making a Wagtail Site as Accessible as Possible",
                "<p>Alt text, heading order and colour contrast, checked while editing.</p>",
            ),
            (
                "One database table, one model, many behaviours: Proxy model",
                "<p>Proxy models give one table several Python behaviours.</p>",
            ),
            (
                "Back to the Future of Hypermedia in Django",
                "<p>Server-rendered HTML with small enhancements goes a long way.</p>",
            ),
        ],
    ),
]

# (title, talk title, speakers, date, summary, review text, topics)
REVIEWS = [
    (
        "Lunch Talk Series: Easy, Breezy, Beautiful... Django Unit Tests",
        "Easy, Breezy, Beautiful... Django Unit Tests",
        ["Colleen Dunlap"],
        datetime.date(2026, 3, 2),
        "A DjangoCon US talk that walks a beginner through a first test suite.",
        "From the test client to factories, one small example grows into a suite you would keep.",
        ["Testing", "Django"],
    ),
    (
        "Lunch Talk Series: Of Clouds and Crows",
        "Of Clouds and Crows",
        ["Lynn Root"],
        datetime.date(2026, 2, 22),
        "A PyCon US keynote in praise of play.",
        "Side projects without a goal turn out to teach the most; the keynote makes a case for leaving room for them.",
        ["Career"],
    ),
    (
        "Lunch Talk Series: Privilege Arbitrage",
        "Privilege Arbitrage",
        ["Kojo Idrissa"],
        datetime.date(2026, 2, 11),
        "A PyDX talk on diversity and inclusion in technical communities.",
        "The advantages some of us were handed can be spent opening doors for others.",
        ["Career"],
    ),
    (
        "Lunch Talk Series: Django needs you! (to do code review)",
        "Django needs you! (to do code review)",
        ["Sarah Boyce"],
        datetime.date(2026, 2, 1),
        "A DjangoCon Europe 2025 keynote about reviewing changes to the framework.",
        "Anyone who uses Django can read a pull request and say what they found; the keynote shows how.",
        ["Code Review", "Django"],
    ),
    (
        "Why generosity turns to rage, and what to do about it",
        "Why generosity turns to rage, and what to do about it",
        ["A. Jesse Jiryu Davis"],
        datetime.date(2024, 3, 29),
        "A talk about burnout among open source maintainers, and my review.",
        "Saying yes to everything feels kind until it sours; the talk suggests limits that keep you helpful.",
        ["Career"],
    ),
]

PODCAST = (
    "Djangonauts on Talk Python To Me",
    "Talk Python To Me #451: Djangonauts",
    ["Sarah Boyce", "Tushar Gupta", "Michael Kennedy"],
    datetime.date(2024, 1, 10),
    "A podcast episode on the mentoring programme that helps people contribute to Django.",
    "A friendly look at how the programme pairs newcomers with mentors.",
    ["Django", "Career"],
)
# Our own lines, at the times the facts they mention come up in the episode.
PODCAST_TRANSCRIPT = [
    ("00:00:00", "This episode is about a mentoring programme for people who would like to contribute to Django."),
    ("00:00:11", "The programme is called Djangonaut Space, and its motto is Where Contributors Launch."),
    ("00:00:15", "The guests are Sarah Boyce of the Django team and Tushar Gupta, a former Djangonaut turned mentor."),
    ("00:00:31", "Talk Python To Me, episode 451, was recorded on January 10th, 2024."),
    ("00:00:54", "Michael Kennedy is the host of the show."),
    ("00:03:18", "Sarah has built Django applications for most of her career."),
    ("00:03:36", "She now sits on the review and triage team for Django core."),
    ("00:04:22", "These days she works as a developer advocate at JetBrains, with no web app of her own to run."),
    ("00:05:10", "Tushar remembers how nervous he felt before opening his first pull request."),
]

# (title, date, summary, topics, body HTML); the h2 and h3 headings are the passages.
ARTICLES = [
    (
        "Informal Django Roadmap Ideas for 2024",
        datetime.date(2024, 1, 5),
        "A personal shortlist of what could make Django easier to learn and to run.",
        ["Django"],
        "<p>None of these is a promise, only a wish list.</p>"
        "<h2>Django Announcements Via The CLI</h2><p>The terminal is one place every developer using the "
        "framework already looks, so news of conferences and surveys could appear there.</p>"
        "<h2>Django Developer Certification / Path</h2><p>An official learning path would answer the newcomer "
        "question of what to study to get hired.</p>"
        "<h2>Database Backed Media Storage For Simple Deployments</h2><p>Keeping uploaded files in the database "
        "would remove one hurdle from a first release, at the price of efficiency.</p>"
        "<h2>Common Table Expressions Support</h2><p>WITH queries suit hierarchies such as categories, and the ORM "
        "cannot write them yet.</p>"
        "<h2>Advanced Tutorials</h2><p>Beginners outgrow the official tutorial quickly.</p>"
        "<h3>Testing an application</h3><p>Show a form view, then the tests a reviewer would expect for it.</p>"
        "<h3>CI/CD examples</h3><p>collectstatic, the deployment check and a smoke test, independent of any "
        "provider.</p>"
        "<h3>Formset factory management</h3><p>Adding and removing forms in the browser needs a little "
        "JavaScript that nobody documents.</p>"
        "<h3>Advancing and reversing migrations</h3><p>Walk forwards and backwards through schema and data "
        "changes once, on purpose.</p>"
        "<h2>Community Tutorial Repository</h2><p>Peer-reviewed tutorials with tests that say which versions "
        "they work on.</p>"
        "<h2>Third-party Package Recommendations</h2><p>Say which packages are the usual choice instead of "
        "leaving every team to find out.</p>"
        "<h2>Recommend Classy Class Base Views</h2><p>The Classy CBV site explains every class-based view "
        "attribute; the documentation could point to it.</p>",
    ),
    (
        "Django migrations and your database",
        datetime.date(2023, 6, 3),
        "What a migration file records, and what it leaves to the database.",
        ["Django Databases"],
        "<h2>A migration is a plan</h2><p>The file describes operations; the SQL is produced when you run "
        "migrate.</p><h2>Squashing old migrations</h2><p>Fewer files make a fresh test database faster to "
        "build.</p>",
    ),
    (
        "Connecting with Django contributors on Mastodon",
        datetime.date(2025, 11, 26),
        "Open source is easier to join once you know a few people; here is where to find them.",
        ["Career"],
        "<h2>Who to follow</h2><p>Fellows, the steering council and conference organisers post often.</p>"
        "<h2>Hashtags worth watching</h2><p>Follow the framework's own tag and its conferences' tags.</p>",
    ),
    (
        "Getting Started Contributing to Django",
        datetime.date(2024, 12, 25),
        "Resources for a first contribution to the framework.",
        ["Django"],
        "<h2>Finding a first ticket</h2><p>Tickets marked easy pickings are small on purpose.</p>"
        "<h2>Djangonaut Space</h2><p>A mentoring programme that pairs newcomers with experienced "
        "contributors for a few weeks.</p>",
    ),
    (
        "Professional Djangonaut skills",
        datetime.date(2023, 8, 18),
        "The skills and experience a professional Django developer tends to have.",
        ["Career", "Django"],
        "<h2>Databases</h2><p>Reading a query plan and designing indexes.</p>"
        "<h2>Operations</h2><p>Releasing, monitoring and rolling back a site.</p>",
    ),
    (
        "Questions to ask a Django company",
        datetime.date(2022, 12, 31),
        "What to ask before accepting a job offer.",
        ["Career"],
        "<h2>About the codebase</h2><p>How old is it, and how is it tested?</p>"
        "<h2>About the team</h2><p>Who reviews changes, and how are decisions made?</p>",
    ),
    (
        "PostgreSQL Connection Pooling: Django Native Pools and PgBouncer",
        datetime.date(2025, 5, 1),
        "Two ways to stop opening a database connection per request.",
        ["Django Databases"],
        "<h2>Django's native pool</h2><p>Since 5.1 the psycopg pool lives inside each process.</p>"
        "<h2>PgBouncer</h2><p>A separate proxy shares connections between processes and servers.</p>",
    ),
    (
        "Django select_related vs prefetch_related: The Visual Guide",
        datetime.date(2025, 4, 1),
        "Which of the two to reach for, drawn as the SQL each one produces.",
        ["Django Databases"],
        "<h2>select_related joins</h2><p>One query with a JOIN, for foreign keys.</p>"
        "<h2>prefetch_related runs a second query</h2><p>One extra query per relation, joined in Python.</p>",
    ),
    (
        "Django Custom User Model: The Right Way From Day One",
        datetime.date(2025, 3, 1),
        "Why a new project should start with its own user model.",
        ["Django"],
        "<h2>Why on day one</h2><p>Switching later means rewriting foreign keys across the schema.</p>",
    ),
    (
        "Database Indexing: The Performance Trick Nobody Explained Properly",
        datetime.date(2025, 2, 1),
        "How indexes make queries fast, and when they do not.",
        ["Django Databases"],
        "<h2>B-tree indexes</h2><p>Sorted keys let the database skip most rows.</p>",
    ),
]


def _publish(parent, page, topics=(), speakers=()):
    if speakers:
        page.speakers = list(speakers)
    if topics:
        page.topics = list(topics)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def build():
    """The relevance site under the default site's home page; returns {slug: page}."""
    home = Site.objects.get(is_default_site=True).root_page.specific
    home.intro = "Curated guides and resources on software engineering, Django and Python."
    home.save_revision().publish()
    topics_index = _publish(home, TopicIndexPage(title="Topics", slug="topics", intro="Every subject here."))
    topics = {
        name: _publish(topics_index, TopicPage(title=name, summary=description, description=description))
        for name, description in TOPICS.items()
    }
    guides = _publish(home, GuideIndexPage(title="Developer Guides", slug="guides", intro="The hard parts."))
    for title, summary, intro, topic_names, sections in GUIDES:
        body = [
            (
                "section",
                {
                    "title": section,
                    "intro": f"<p>{section_intro}</p>" if section_intro else "",
                    "questions": [
                        {"question": q, "answer": [("paragraph", f"<p>{answer}</p>")]} for q, answer in questions
                    ],
                },
            )
            for section, section_intro, questions in sections
        ]
        page = GuidePage(title=title, summary=summary, intro=intro, body=body)
        _publish(guides, page, [topics[name] for name in topic_names])
    notes = _publish(home, EventNotesIndexPage(title="Event notes", slug="notes", intro="Notes from conferences."))
    days = [
        (
            "day",
            {
                "title": day,
                "talks": [{"title": talk, "notes": [("paragraph", html)]} for talk, html in talks],
            },
        )
        for day, talks in DJANGOCON_US_2023
    ]
    event = EventNotesPage(
        title="DjangoCon US 2023",
        summary="Notes from three days of talks in Durham.",
        start_date=datetime.date(2023, 10, 16),
        end_date=datetime.date(2023, 10, 20),
        body=days,
    )
    _publish(notes, event, [topics["Django"]])
    videos = _publish(home, TalkReviewIndexPage(title="Videos to Watch", slug="videos", intro="Talks worth it."))
    for title, talk_title, names, date, summary, text, topic_names in [*REVIEWS, PODCAST]:
        speakers = [Speaker.objects.get_or_create(name=name)[0] for name in names]
        page = TalkReviewPage(
            title=title,
            talk_title=talk_title,
            summary=summary,
            review_date=date,
            talk_date=date,
            video_url="https://www.youtube.com/watch?v=abcdefghijk",
            body=[("paragraph", f"<p>{text}</p>")],
            transcript=(
                [("segment", {"start": start, "text": line}) for start, line in PODCAST_TRANSCRIPT]
                if title == PODCAST[0]
                else []
            ),
        )
        _publish(videos, page, [topics[name] for name in topic_names], speakers)
    articles = _publish(home, ArticleIndexPage(title="Articles", slug="articles", intro="Longer reads."))
    for title, date, summary, topic_names, html in ARTICLES:
        page = ArticlePage(title=title, date=date, summary=summary, body=[("paragraph", html)])
        _publish(articles, page, [topics[name] for name in topic_names])
