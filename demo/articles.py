"""Demo articles: the hub's five featured posts and one long-form post.

The featured posts carry their real titles and dates, with bodies written for this demo. Each body
is a list of (block type, value) pairs for `ArticleBodyBlock`; `demo_image` is called only when the
page is first created.
"""

import datetime

from wagtail.models import Page

from articles.models import ArticleIndexPage, ArticlePage
from core.outline import short_slug
from demo.about import demo_author
from demo.images import demo_image
from demo.pages import ensure_child
from demo.topics import topics_by_slug


def prose(html):
    return ("paragraph", html)


def code(language, text):
    return ("code", {"language": language, "code": text})


MASTODON = {
    "slug": "meeting-django-contributors",
    "title": "Connecting with Django contributors on Mastodon",
    "summary": "Open source gets easier once you know a few of the people behind it. Here is where Django's "
    "contributors talk on Mastodon, and how to join in without feeling like an outsider.",
    "date": datetime.date(2025, 11, 26),
    "topics": ["community", "django", "career"],
    "body": [
        prose(
            "<p>Most advice about contributing starts with the issue tracker. That is the right place to find "
            "work, but it is a poor place to find people. A ticket tells you what is broken; it does not tell "
            "you who cares about it, who has tried before, or who would happily answer a question at the end "
            "of a long day. Those things you learn by spending time where contributors talk to each other, "
            "and for a good part of the Django community that place is now Mastodon.</p>"
        ),
        prose(
            "<h2>Why people come before tickets</h2>"
            "<p>A first pull request from a stranger is reviewed as code. A first pull request from someone "
            "whose name people have seen in conversations for a few months is reviewed as the next step of a "
            "relationship. Nobody gets special treatment, but reviewers know what you are trying to learn and "
            "you know whom to ask when the feedback is unclear. That difference decides whether many people "
            "stay after their first contribution.</p>"
        ),
        prose(
            "<h2>Finding the conversation</h2>"
            "<p>Mastodon has no single place to join, which confuses newcomers. Your account lives on one "
            "server, but you can follow anyone on any other server, so the choice of server matters much less "
            "than the choice of people to follow. A few ways in that worked for me:</p>"
            "<ul><li>Follow the hashtags <code>#Django</code>, <code>#DjangoCon</code> and "
            "<code>#Python</code> for a week and note who keeps posting things you learn from.</li>"
            "<li>Look at who the Django Software Foundation, the Fellows and the conference organisers boost: "
            "boosts are how people on Mastodon introduce each other.</li>"
            "<li>During a conference, follow the speakers whose talks you enjoyed. Many post their slides and "
            "answer questions there afterwards.</li>"
            "<li>Put the people you follow into lists, so Django talk does not drown in everything else.</li>"
            "</ul>"
        ),
        prose(
            "<h2>Making the first move</h2>"
            "<p>You do not need to announce yourself. Reply to a post when you have something to add: a link "
            "that helped you, a question about a detail, or a thank-you that says what exactly you found "
            "useful. Specific replies start conversations; generic praise rarely does.</p>"
            "<p>Post about your own progress too. A short note such as “I reproduced my first Django bug "
            "today, here is what surprised me” invites exactly the people who can help with the next step, "
            "and it shows future reviewers how you think.</p>"
        ),
        prose(
            "<h3>A weekly habit that adds up</h3>"
            "<ol><li>Read the Django hashtag for ten minutes.</li>"
            "<li>Reply to one post with something concrete.</li>"
            "<li>Share one thing you learned, however small.</li></ol>"
            "<p>After a couple of months you will recognise names on the forum and in pull requests, and they "
            "will recognise yours. That is the moment contributing stops feeling like knocking on a "
            "stranger's door.</p>"
        ),
    ],
}

GETTING_STARTED = {
    "slug": "getting-started-contributing-to-django",
    "title": "Getting Started Contributing to Django",
    "summary": "The resources I point newcomers to, in the order I would read them, for a first contribution "
    "to Django: the guides, the tools, where to find a ticket and where to ask.",
    "date": datetime.date(2024, 12, 25),
    "topics": ["community", "django"],
    "body": [
        prose(
            "<p>People often ask me where to start with contributing to Django. The honest answer is that "
            "almost everything you need is already written down; the hard part is knowing which piece to "
            "read first. This is the path I suggest, from setting up to your first merged change.</p>"
        ),
        prose(
            "<h2>Read the contributing guide first</h2>"
            "<p>Django's documentation has a whole section on contributing. Read the overview and the "
            "tutorial for writing your first patch before you touch any code: they explain how tickets move "
            "through triage, what “ready for checkin” means and what reviewers will look for. Ten minutes "
            "there saves an afternoon of guessing later.</p>"
        ),
        prose(
            "<h2>Run the test suite on your machine</h2>"
            "<p>Being able to run Django's own tests is the real entry ticket. Clone the repository, install "
            "it in a virtual environment in editable mode, install the test requirements and run the suite. "
            "The first run takes a while; later you will run only the tests for the part you change.</p>"
        ),
        code(
            "bash",
            "git clone https://github.com/django/django.git\n"
            "cd django/tests\n"
            "python -m pip install -e ..\n"
            "python -m pip install -r requirements/py3.txt\n"
            "./runtests.py",
        ),
        prose(
            "<h2>Find a ticket you can finish</h2>"
            "<p>Django's tickets live in its Trac instance. Look for tickets marked as easy pickings, or for "
            "documentation tickets, which are a gentle way to learn the review process. Before writing code, "
            "reproduce the problem and leave a comment saying what you found: that alone helps the people "
            "who triage tickets.</p>"
            "<ul><li>Pick something small enough to finish in a week of evenings.</li>"
            "<li>Read the whole ticket history; the answer is sometimes already in a comment.</li>"
            "<li>Write the failing test first, then the fix.</li></ul>"
        ),
        (
            "image",
            {
                "image": demo_image,
                "alt_text": "A bar chart of contributions, each week's bar taller than the last",
                "decorative": False,
                "caption": "Small, regular contributions add up faster than one big patch.",
            },
        ),
        prose(
            "<h2>Code is not the only way in</h2>"
            "<p>Reviewing other people's pull requests, improving the documentation, translating, triaging "
            "new tickets and answering questions on the Django Forum are all contributions the project "
            "needs. If you want company along the way, Djangonaut Space runs mentored sessions in which small "
            "groups work on real contributions with experienced navigators.</p>"
        ),
        prose(
            "<h2>Ask early</h2>"
            "<p>When you are stuck for more than an hour, ask on the forum or in the Django Discord, and say "
            "what you tried. Nobody expects a newcomer to know the codebase; everybody appreciates a question "
            "that shows the work done so far.</p>"
        ),
    ],
}

DJANGONAUT_SKILLS = {
    "slug": "professional-djangonaut-skills",
    "title": "Professional Djangonaut skills",
    "summary": "The skills, experience and tools I would expect from someone who works with Django for a "
    "living. A map for deciding what to learn next, not a gate to keep anyone out.",
    "date": datetime.date(2023, 8, 18),
    "topics": ["career", "django"],
    "body": [
        prose(
            "<p>What separates someone who has finished a Django tutorial from someone a team trusts with "
            "production work? Not a certificate, and rarely a single skill. It is a spread of knowledge across "
            "the framework, the web platform, the database and the way a team works. Below is the list I "
            "use when mentoring. Nobody ticks every box; use it to find your next step.</p>"
        ),
        prose(
            "<h2>The framework</h2>"
            "<ul><li>Models, managers and QuerySets, including <code>select_related</code>, "
            "<code>prefetch_related</code> and annotations.</li>"
            "<li>Migrations: creating them, reading the SQL they run, writing data migrations that can be "
            "reversed.</li>"
            "<li>Forms and model forms, with validation in the right place.</li>"
            "<li>Function and class-based views, and when each is clearer.</li>"
            "<li>The admin as a tool for staff, customised without fighting it.</li>"
            "<li>Authentication, permissions and a custom user model from day one.</li></ul>"
        ),
        prose(
            "<h2>Testing</h2>"
            "<p>A professional writes tests as part of the change, not afterwards. Know Django's test client, "
            "the difference between <code>TestCase</code> and <code>TransactionTestCase</code>, how to build "
            "test data with factories, and how to check the number of queries a view makes.</p>"
        ),
        prose(
            "<h2>The web around Django</h2>"
            "<ul><li>HTTP: methods, status codes, caching headers, cookies and sessions.</li>"
            "<li>Semantic HTML, enough CSS to lay out a page, and enough JavaScript to enhance it.</li>"
            "<li>Accessibility basics: headings, labels, contrast, keyboard use.</li>"
            "<li>Security: CSRF, XSS, SQL injection and how Django protects against each.</li></ul>"
        ),
        prose(
            "<h2>Data</h2>"
            "<p>Most Django applications are a thin layer over a relational database. Be comfortable with "
            "SQL, read a query plan, add an index for a slow query and know which migrations lock a busy "
            "table. PostgreSQL is the database most teams use, so its features repay the time.</p>"
        ),
        prose(
            "<h2>Running it in production</h2>"
            "<ul><li>Settings from the environment, secrets kept out of the repository.</li>"
            "<li>Static and media files served properly, not by <code>runserver</code>.</li>"
            "<li>Logging and error monitoring you actually look at.</li>"
            "<li>Background tasks and caching, added when measurements call for them.</li>"
            "<li>A deployment anyone on the team can run and roll back.</li></ul>"
        ),
        prose(
            "<h2>Working with people</h2>"
            "<p>Finally, the skills that are not about Django at all: reviewing code kindly, writing a clear "
            "pull request description, breaking a feature into pieces that can ship separately and saying "
            "early when an estimate is slipping. Teams remember these long after they forget who wrote which "
            "view.</p>"
        ),
    ],
}

MIGRATIONS = {
    "slug": "migrations-and-your-database",
    "title": "Django migrations and your database",
    "summary": "What a migration file records, what the database really holds, and how to keep the two in "
    "step when they drift apart.",
    "date": datetime.date(2023, 6, 3),
    "topics": ["databases", "django"],
    "body": [
        prose(
            "<p>Migrations confuse people because two different things are both called “the schema”: the one "
            "Django believes in, built from your migration files, and the one your database actually has. "
            "Most migration trouble is the two disagreeing. Once you can tell them apart, the commands make "
            "much more sense.</p>"
        ),
        prose(
            "<h2>What makemigrations compares</h2>"
            "<p><code>makemigrations</code> never looks at your database. It replays every migration file in "
            "memory to build a picture of your models as they were, compares that picture with your current "
            "models and writes down the difference as operations. That is why it works without a database "
            "connection, and why a migration can be created for a change the database already has.</p>"
        ),
        prose(
            "<h2>What migrate records</h2>"
            "<p><code>migrate</code> does look at the database: it reads the <code>django_migrations</code> "
            "table to see which migrations were applied, runs the SQL for the others in order and records "
            "each one as it finishes. The table stores names, not schemas, so it only knows that a migration "
            "ran, not what the database looks like now.</p>"
        ),
        code("bash", "python manage.py showmigrations blog\npython manage.py sqlmigrate blog 0004"),
        prose(
            "<h3>Read the SQL before it runs</h3>"
            "<p><code>sqlmigrate</code> prints the statements a migration will run on your database. On a "
            "large table, an added column with a default, a new unique constraint or an index built without "
            "<code>CONCURRENTLY</code> can hold a lock long enough to notice. Reading the SQL is the cheapest "
            "way to find out before your users do.</p>"
        ),
        prose(
            "<h2>When the two drift apart</h2>"
            "<p>Drift happens when someone changes the database by hand, when a migration is applied with "
            "<code>--fake</code>, or when migration files are edited or deleted after they ran somewhere. "
            "Django cannot detect it; you find out when a later migration fails. To repair it:</p>"
            "<ol><li>Compare the real table definitions with what the models expect.</li>"
            "<li>Change the database or the migrations until they agree, one side at a time.</li>"
            "<li>Only then mark migrations as applied with <code>--fake</code>, and write down why.</li></ol>"
        ),
        prose(
            "<h2>Going backwards</h2>"
            "<p>Migrating to an earlier migration unapplies the later ones. That only works if each "
            "operation can be reversed: schema operations usually can, but a <code>RunPython</code> or "
            "<code>RunSQL</code> operation needs its reverse written out, even if the reverse does nothing.</p>"
        ),
        code(
            "python",
            "def forwards(apps, schema_editor):\n"
            '    Post = apps.get_model("blog", "Post")\n'
            '    Post.objects.filter(status="").update(status="draft")\n'
            "\n\n"
            "operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]",
        ),
        prose(
            "<p>Treat applied migrations as history: fix mistakes with a new migration rather than by editing "
            "an old one, and your database and your files will keep telling the same story.</p>"
        ),
    ],
}

COMPANY_QUESTIONS = {
    "slug": "questions-to-ask-a-django-company",
    "title": "Questions to ask a Django company",
    "summary": "An interview goes both ways. Questions to ask a Django team before you accept an offer: about "
    "the code, how work ships, the people and how you would grow.",
    "date": datetime.date(2022, 12, 31),
    "topics": ["career", "django"],
    "body": [
        prose(
            "<p>By the end of a hiring process the company knows a lot about you. You, on the other hand, "
            "have usually seen one office or video call and a careful description of the role. The questions "
            "below fill that gap. Ask the ones that matter to you; the way people answer tells you as much as "
            "the answers do.</p>"
        ),
        prose(
            "<h2>The codebase</h2>"
            "<ul><li>Which versions of Django and Python do you run, and when did you last upgrade?</li>"
            "<li>How long does the test suite take, and how often does it fail for no reason?</li>"
            "<li>What part of the code does everyone avoid touching, and why?</li>"
            "<li>Which third-party packages would be hardest to replace?</li></ul>"
        ),
        prose(
            "<h2>How work ships</h2>"
            "<ul><li>How often do you deploy, and who is allowed to?</li>"
            "<li>What happened the last time a deployment went wrong?</li>"
            "<li>Is there an on-call rotation, and how often are people woken up?</li>"
            "<li>How are database migrations on large tables handled?</li></ul>"
        ),
        prose(
            "<h2>The team</h2>"
            "<ul><li>How many developers work on the Django code, and how senior are they?</li>"
            "<li>How are code reviews done, and how long does a pull request usually wait?</li>"
            "<li>Who decides what gets built, and can developers push back?</li>"
            "<li>How do people disagree, and what happens afterwards?</li></ul>"
        ),
        prose(
            "<h2>Growing there</h2>"
            "<ul><li>What did the last person in this role learn in their first six months?</li>"
            "<li>Is there time or budget for conferences, courses and books?</li>"
            "<li>May I contribute to open source during work hours, and who owns what I write?</li>"
            "<li>What does promotion look like for a developer who wants to stay technical?</li></ul>"
        ),
        prose(
            "<h2>Reading the answers</h2>"
            "<p>No company has perfect answers, and a team that admits its test suite is slow and explains "
            "its plan to fix it is often a better bet than one that claims to have no problems. Listen for "
            "specifics, for whether different interviewers tell the same story, and for how they talk about "
            "the people who left. Then decide with your eyes open.</p>"
        ),
    ],
}

# Featured on the home page in this order (newest first).
FEATURED_POSTS = [MASTODON, GETTING_STARTED, DJANGONAUT_SKILLS, MIGRATIONS, COMPANY_QUESTIONS]


# The long-form article: a numbered list of ideas, then a section for each idea. The title and the
# ideas' names are the hub's; every sentence is written for this demo. The seed gives no date for the
# post, so it carries one of ours, in the weeks before the year it looks ahead to.
IDEAS = [
    (
        "Django Announcements Via The CLI",
        "<p>Almost every Django developer runs <code>manage.py</code> daily, yet many never read the "
        "project's blog or forum. An opt-in, rate-limited message from the command line (a new DjangoCon "
        "date, the developer survey, a call for help) would reach people where they already are. Done "
        "carefully, with an easy way to switch it off and nothing sent about the user, it could later carry "
        "notices from widely used third-party packages too.</p>",
    ),
    (
        "Django Developer Certification / Path",
        "<p>Newcomers keep asking the same question: what do I need to know to be hired? Today they get a "
        "different list from every person they ask. A path maintained by the community, describing what to "
        "learn, in what order and where to learn it, would give them a shared map. If that path proved "
        "itself over a few years, a certification could grow out of it; starting with the certificate would "
        "be the wrong way round.</p>",
    ),
    (
        "Database Backed Media Storage For Simple Deployments",
        "<p>The first deployment is where many new Django developers give up, and user-uploaded files are "
        "one of the reasons: suddenly they need a bucket, credentials and a storage backend. Storing media in "
        "the database is not what a large site should do, but for a first small project it would remove a "
        "whole category of problems. Paired with WhiteNoise for static files, a beginner's app could run with "
        "nothing but a database, and a deployment check could warn when it is time to move on.</p>",
    ),
    (
        "Common Table Expressions Support",
        "<p>Hierarchies such as categories, comment threads and organisation charts are awkward to query "
        "without common table expressions, and today Django users reach for raw SQL or a third-party package. "
        "First-class support in the ORM has been discussed for a long time. It would close one of the bigger "
        "gaps between what the databases Django supports can do and what the ORM lets you express, and people "
        "would find uses for it that nobody has thought of yet.</p>",
    ),
    (
        "Advanced Tutorials",
        "<p>The official tutorial gets people started; nothing official takes them further. Topics I would "
        "like to see covered step by step:</p>"
        "<ul><li><b>Testing an application</b>: a form view and the tests it deserves, including one that "
        "catches an N+1 query, and an end-to-end test in a real browser.</li>"
        "<li><b>CI/CD</b>: the Django-specific parts of a pipeline (<code>collectstatic</code>, "
        "<code>check --deploy</code>, a smoke test), independent of any one provider.</li>"
        "<li><b>Formsets in the browser</b>: adding and removing forms with a little plain JavaScript.</li>"
        "<li><b>Migrations in both directions</b>: create a schema and a data migration, apply them, change "
        "your mind, go back, replace the migration and go forward again.</li></ul>"
        "<p>The last one is tedious to follow, and that is the point: it is the exercise that makes people "
        "calm the first time a migration goes wrong in real life.</p>",
    ),
    (
        "Community Tutorial Repository",
        "<p>Blog posts age quietly: the code in a popular tutorial may have stopped working two Django "
        "versions ago without anyone noticing. A shared repository of community tutorials, each one reviewed "
        "by peers and backed by tests that run against the supported Django versions, would let readers "
        "trust what they copy. It needs a template, an agreed level of testing, CI to run it and reviewers "
        "willing to help. It could even become the home for the advanced tutorials above.</p>",
    ),
    (
        "Third-party Package Recommendations",
        "<p>Part of Django's strength is its ecosystem, but the project says little about which packages have "
        "become the usual choice for a job. Each developer repeats the same research. The difficult question "
        "is who decides; it should not fall to the Fellows. A recommendation driven by the community, perhaps "
        "informed by download trends or by what maintainers of active sites report using, would be a fair "
        "start.</p>",
    ),
    (
        "Recommend Classy Class Base Views",
        "<p>Class-based views hide their behaviour across many mixins, and the reference documentation shows "
        "each piece separately. Classy Class-Based Views lays out every attribute and method a view ends up "
        "with, in one page per view. Linking each view's documentation to its page there would save learners "
        "hours of reading source code.</p>",
    ),
]

ROADMAP = {
    "slug": "informal-django-roadmap-ideas-for-2024",
    "title": "Informal Django Roadmap Ideas for 2024",
    "summary": "Eight things I would like Django and its community to try in 2024, from announcements in the "
    "terminal to a shared home for tutorials, each with the reason behind it.",
    "date": datetime.date(2023, 12, 11),
    "topics": ["django", "community", "development"],
    "body": [
        prose(
            "<p>Several people in the community have been sharing what they would like Django to do next, and "
            "reading their lists is worth your time. These are my own ideas. They are in no particular order "
            "and none of them is a proposal yet; they are things I would happily help with.</p>"
            "<ol>" + "".join(f'<li><a href="#{short_slug(name)}">{name}</a></li>' for name, _text in IDEAS) + "</ol>"
        ),
        *[prose(f"<h2>{name}</h2>{text}") for name, text in IDEAS],
        prose(
            "<h2>What next</h2>"
            "<p>If one of these ideas speaks to you, the Django Forum is the place to pick it up: say what you "
            "would build first and who you would need to talk to. Most of these need a few motivated people "
            "more than they need permission.</p>"
        ),
    ],
}

ARTICLES = [*FEATURED_POSTS, ROADMAP]


def build(home):
    index, _ = ensure_child(
        home,
        ArticleIndexPage,
        "articles",
        title="Articles",
        intro="Longer posts on Django, Python and the craft around them.",
        summary="Essays and how-tos on Django, Python and software engineering.",
        show_in_menus=True,
    )
    topics = topics_by_slug()
    author = demo_author()
    existing = set(Page.objects.child_of(index).values_list("slug", flat=True))
    for article in ARTICLES:
        ensure_child(
            index,
            ArticlePage,
            article["slug"],
            title=article["title"],
            summary=article["summary"],
            date=article["date"],
            body=[] if article["slug"] in existing else _resolved(article["body"]),
            topics=[topics[slug] for slug in article["topics"]],
            author=author,
        )


def _resolved(body):
    """The body with callables (such as `demo_image`) called: files are only made for new pages."""
    return [
        (kind, {k: v() if callable(v) else v for k, v in value.items()} if isinstance(value, dict) else value)
        for kind, value in body
    ]
