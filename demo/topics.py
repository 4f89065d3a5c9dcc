"""Demo topics: the taxonomy the other demo pages are tagged with."""

from demo.pages import ensure_child
from topics.models import TopicIndexPage, TopicPage

# The first four are the categories the hub's reading list files posts under (Django, Python,
# Databases, Development); the rest are the subjects of its guides, reviews and notes.
TOPICS = [
    ("django", "Django", "The framework itself: the ORM, views, forms, the admin and the packages around them."),
    ("python", "Python", "The language underneath: idioms, the standard library and small tools that save time."),
    ("databases", "Databases", "Schemas, migrations, indexes and queries, in Django and in the database itself."),
    ("development", "Development", "The craft of building features: planning, the web platform and daily practice."),
    ("testing", "Testing", "Tests that catch real problems and stay easy to change."),
    ("deployment", "Deployment", "Shipping changes safely and rolling them back when needed."),
    ("code-review", "Code review", "Reading and reviewing other people's changes with care."),
    ("career", "Career", "Growing as a developer: finding guidance, choosing where to go next."),
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


def topics_by_slug():
    """Every topic by its slug, for the other parts' builders to tag their pages with (one query)."""
    return {topic.slug: topic for topic in TopicPage.objects.all()}
