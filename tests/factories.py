"""Small builders for pages in tests: real pages in the real tree, published like an editor would."""

import datetime

from wagtail.models import PageViewRestriction

from articles.models import ArticleIndexPage, ArticlePage
from topics.models import TopicIndexPage, TopicPage


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def draft(parent, page):
    """Add `page` as a never-published draft."""
    page.live = False
    parent.add_child(instance=page)
    page.save_revision()
    return page


def make_private(page):
    return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def topic_index(home):
    return TopicIndexPage.objects.first() or publish(home, TopicIndexPage(title="Topics", slug="topics"))


def topic(home, title="Testing"):
    return publish(topic_index(home), TopicPage(title=title, description=f"All about {title.lower()}."))


def article_index(home):
    return ArticleIndexPage.objects.first() or publish(home, ArticleIndexPage(title="Articles", slug="articles"))


def article(home, title="An article", date=datetime.date(2025, 1, 1), topics=(), body=None, **fields):
    page = ArticlePage(
        title=title,
        summary=fields.pop("summary", f"Summary of {title}."),
        date=date,
        body=body or [("paragraph", f"<h2>About</h2><p>Text of {title}.</p>")],
        **fields,
    )
    page = publish(article_index(home), page)
    if topics:
        page.topics.set(topics)
        page.save_revision().publish()
    return page
