"""The home page's demo content: its strapline and the pages it features."""

from wagtail.models import Page

from demo.articles import FEATURED_POSTS
from home.models import HomePageFeature

HOME_INTRO = "Guides, talk reviews and notes on the hard parts of building software with Django and Python."

# Featured pages by URL path below the home page, in the order they appear: the hub's five featured posts.
FEATURED = [f"/articles/{post['slug']}/" for post in FEATURED_POSTS]


def build(home):
    """The home page's strapline and featured pages, each set once (editors' later choices are kept).

    Runs last, once the featured pages exist, and publishes both changes as one revision.
    """
    changed = False
    if not home.intro:
        home.intro = HOME_INTRO
        changed = True
    if not home.featured_pages.exists():
        for path in FEATURED:
            page = Page.objects.filter(url_path=home.url_path + path.lstrip("/")).first()
            if page is not None:
                home.featured_pages.add(HomePageFeature(page=page))
        changed = True
    if changed:
        home.save_revision().publish()
