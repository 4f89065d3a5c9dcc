"""Demo articles: the hub's five featured posts and one long-form post (texts in demo_posts.py, demo_roadmap.py)."""

from wagtail.models import Page

from core.demo import ensure_child
from topics.demo import topic

from .demo_posts import FEATURED_POSTS
from .demo_roadmap import ROADMAP
from .models import ArticleIndexPage, ArticlePage

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
