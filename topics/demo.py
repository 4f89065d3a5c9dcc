"""Demo topics: the taxonomy the other demo pages are tagged with."""

from core.demo import ensure_child

from .models import TopicIndexPage, TopicPage

TOPICS = [
    ("career", "Career", "Growing as a developer: finding guidance, choosing where to go next."),
    ("code-review", "Code review", "Reading and reviewing other people's changes with care."),
    ("deployment", "Deployment", "Shipping changes safely and rolling them back when needed."),
    ("testing", "Testing", "Tests that catch real problems and stay easy to change."),
    ("django-databases", "Django databases", "Models, migrations, queries and the database underneath."),
    ("community", "Community", "Open source, conferences and the people who make Django."),
    ("accessibility", "Accessibility", "Sites that everyone can read and use."),
]


def build(home):
    index, _ = ensure_child(
        home,
        TopicIndexPage,
        "topics",
        title="Topics",
        intro="Everything on the hub, grouped by subject.",
        summary="Browse guides, reviews, notes and articles by subject.",
        show_in_menus=True,
    )
    for slug, title, description in TOPICS:
        ensure_child(index, TopicPage, slug, title=title, description=description, summary=description)


def topic(slug):
    """The demo topic with this slug, for other apps' demo builders."""
    return TopicPage.objects.get(slug=slug)
