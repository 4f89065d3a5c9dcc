"""The demo's long-form article: a numbered list of ideas, then a section for each idea.

The title and the ideas' names are the hub's; every sentence is written for this demo. The seed gives
no date for the post, so it carries one of ours, in the weeks before the year it looks ahead to.
"""

import datetime


def prose(html):
    return ("paragraph", html)


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
            "<ol>" + "".join(f"<li>{name}</li>" for name, _text in IDEAS) + "</ol>"
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
