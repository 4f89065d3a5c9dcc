"""The demo's About page and its one author, written for the demo (no real person's name is invented)."""

from core.models import Author
from demo.pages import ensure_child
from home.models import AboutPage

AUTHOR = {
    "slug": "hub-editor",
    "name": "The Learning Hub editor",
    "role": "Writes the guides and reviews, and picks the reading",
    "bio": "I write the hub for developers a year or two into working with Django: the guides answer the "
    "questions I kept asking colleagues, and the reviews say which talks repaid the hour I gave them. "
    "When a page is wrong or out of date, that is on me; the search box and the feeds are the best way "
    "to find what changed.",
}


def demo_author():
    """The demo's author (made once; an editor's changes to it are kept)."""
    author, _ = Author.objects.get_or_create(slug=AUTHOR["slug"], defaults=AUTHOR)
    return author


def build(home):
    demo_author()
    ensure_child(
        home,
        AboutPage,
        "about",
        title="About the Learning Hub",
        summary="What the hub is for, how its pages are written, and who writes them.",
        body="<p>The Learning Hub collects what helped us learn software engineering with Django and Python: "
        "guides that answer one hard question at a time, reviews that say who a talk is for, notes from "
        "conferences and longer articles.</p>"
        "<p>Every page is written here, from facts we checked: titles, names and dates come from the talks, "
        "posts and events themselves; the sentences are ours. Pages link to each other where they cover the "
        "same ground, and every one can be read as Markdown too.</p>",
    )
