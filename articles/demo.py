"""Demo articles: a short index of original posts in the shape of the hub's article listing."""

import datetime

from wagtail.models import Page

from core.demo import demo_image, ensure_child
from topics.demo import topic

from .models import ArticleIndexPage, ArticlePage


def rich(html):
    return ("paragraph", html)


ARTICLES = [
    {
        "slug": "meeting-django-contributors",
        "title": "Meeting Django contributors where they gather",
        "summary": "Open source is easier to join once you know a few people; here is where to find them.",
        "date": datetime.date(2025, 11, 26),
        "topics": ["community"],
        "body": [
            rich(
                "<h2>Start by listening</h2><p>Read the forum and the chat for a week before you post. "
                "You will learn who answers which questions and how people like to be asked.</p>"
            ),
            rich(
                "<h3>Introduce yourself once</h3><p>A short hello with what you want to work on "
                "invites the right people to point you at a first ticket.</p>"
            ),
            rich("<h2>Show up regularly</h2><p>Small, steady contributions build more trust than one big patch.</p>"),
            (
                "image",
                {
                    "image": demo_image,
                    "alt_text": "A bar chart of contributions, each week's bar taller than the last",
                    "decorative": False,
                    "caption": "Small, regular contributions add up.",
                },
            ),
        ],
    },
    {
        "slug": "migrations-and-your-database",
        "title": "Migrations and the database underneath",
        "summary": "What a migration file really records, and what it leaves to the database.",
        "date": datetime.date(2023, 6, 3),
        "topics": ["django-databases"],
        "body": [
            rich(
                "<h2>A migration is a plan</h2><p>Each file lists operations; Django turns them "
                "into SQL for your database only when you run <code>migrate</code>.</p>"
            ),
            (
                "code",
                {"language": "bash", "code": "python manage.py sqlmigrate blog 0002\npython manage.py migrate"},
            ),
            rich(
                "<h2>Read the SQL before it runs</h2><p>On a large table, adding a column "
                "with a default can lock writes. <code>sqlmigrate</code> shows you what will happen.</p>"
            ),
            ("quote", {"quote": "Know what your tools do on your behalf.", "attribution": "Learning Hub"}),
        ],
    },
    {
        "slug": "choosing-select-or-prefetch-related",
        "title": "Choosing select_related or prefetch_related",
        "summary": "One joins, the other runs a second query: which to reach for, and when neither helps.",
        "date": datetime.date(2024, 12, 25),
        "topics": ["django-databases"],
        "body": [
            rich(
                "<h2>Follow the foreign key</h2><p>Use <code>select_related</code> when each row "
                "points at one other row: the database joins them in one query.</p>"
            ),
            (
                "code",
                {"language": "python", "code": "Book.objects.select_related('author').filter(year=2024)"},
            ),
            rich(
                "<h2>Collect the many</h2><p>Use <code>prefetch_related</code> for many-to-many and "
                "reverse relations: one extra query fetches them all.</p>"
            ),
        ],
    },
]


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
    for article in ARTICLES:
        ensure_child(
            index,
            ArticlePage,
            article["slug"],
            title=article["title"],
            summary=article["summary"],
            date=article["date"],
            body=_resolved(article["body"]) if _missing(index, article["slug"]) else [],
            topics=[topic(slug) for slug in article["topics"]],
        )


def _missing(index, slug):
    return not Page.objects.child_of(index).filter(slug=slug).exists()


def _resolved(body):
    """The body with callables (such as `demo_image`) called: files are only made for new pages."""
    return [
        (kind, {k: v() if callable(v) else v for k, v in value.items()} if isinstance(value, dict) else value)
        for kind, value in body
    ]
