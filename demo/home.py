"""The home page's demo content: its strapline and the pages it features."""

from wagtail.models import Page

from demo.articles import FEATURED_POSTS
from home.models import HomePageFeature

HOME_INTRO = "Guides, talk reviews and notes on the hard parts of building software with Django and Python."


def build(home):
    """The home page itself: a strapline, set once."""
    if not home.intro:
        home.intro = HOME_INTRO
        home.save_revision().publish()


# Featured pages by URL path below the home page, in the order they appear: the hub's five featured posts.
FEATURED = [f"/articles/{post['slug']}/" for post in FEATURED_POSTS]


def feature(home):
    """Choose the home page's featured pages, once (editors' later choices are kept)."""
    if home.featured_pages.exists():
        return
    for path in FEATURED:
        page = Page.objects.filter(url_path=home.url_path + path.lstrip("/")).first()
        if page is not None:
            home.featured_pages.add(HomePageFeature(page=page))
    home.save_revision().publish()
