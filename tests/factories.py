"""Small builders for pages in tests: real pages in the real tree, published like an editor would."""

import datetime

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, PageViewRestriction, Site

from articles.models import ArticleIndexPage, ArticlePage
from home.models import HomePage
from topics.models import TopicIndexPage, TopicPage


def ensure_site_tree():
    """The default site's home page, rebuilt as the migrations build it if a transactional test
    flushed the database (the flush removes the root page, locale and site the migrations made)."""
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_page.specific
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = HomePage(title="Learning Hub", slug="home")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="Learning Hub")
    return home


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


def review_index(home):
    from reviews.models import TalkReviewIndexPage

    return TalkReviewIndexPage.objects.first() or publish(
        home, TalkReviewIndexPage(title="Videos to Watch", slug="videos", intro="Talks worth your time.")
    )


def review(home, title="A review", review_date=datetime.date(2025, 1, 1), topics=(), **fields):
    from reviews.models import TalkReviewPage

    page = TalkReviewPage(
        title=title,
        talk_title=fields.pop("talk_title", title),
        summary=fields.pop("summary", f"Summary of {title}."),
        review_date=review_date,
        video_url=fields.pop("video_url", "https://www.youtube.com/watch?v=abcdefghijk"),
        **fields,
    )
    page = publish(review_index(home), page)
    if topics:
        page.topics.set(topics)
        page.save_revision().publish()
    return page


def notes_index(home):
    from reviews.models import EventNotesIndexPage

    return EventNotesIndexPage.objects.first() or publish(home, EventNotesIndexPage(title="Event notes", slug="notes"))


def event_notes(home, title="A conference", start_date=datetime.date(2024, 1, 1), topics=(), **fields):
    from reviews.models import EventNotesPage

    page = publish(
        notes_index(home),
        EventNotesPage(title=title, summary=f"Notes from {title}.", start_date=start_date, **{"body": [], **fields}),
    )
    if topics:
        page.topics.set(topics)
        page.save_revision().publish()
    return page
