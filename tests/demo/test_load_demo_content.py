"""The demo site is the hub's own content: the seed's featured posts and reviewed talks, in our words."""

import datetime
import re

import pytest
from django.core.management import call_command
from wagtail.models import Page, ReferenceIndex, Revision

from articles.models import ArticlePage
from guides.models import GuidePage
from reviews.models import Event, Speaker, TalkReviewPage
from tests.conftest import parse

# From the seed's home page (../shared/seeds/000_…txt): titles and dates are facts we may use.
FEATURED = [
    ("Connecting with Django contributors on Mastodon", "November 26, 2025"),
    ("Getting Started Contributing to Django", "December 25, 2024"),
    ("Professional Djangonaut skills", "August 18, 2023"),
    ("Django migrations and your database", "June 3, 2023"),
    ("Questions to ask a Django company", "December 31, 2022"),
]
REVIEWED_TALKS = [
    ("Lunch Talk Series: Easy, Breezy, Beautiful... Django Unit Tests", "March 2, 2026"),
    ("Lunch Talk Series: Of Clouds and Crows", "February 22, 2026"),
    ("Lunch Talk Series: Privilege Arbitrage", "February 11, 2026"),
    ("Lunch Talk Series: Django needs you! (to do code review)", "February 1, 2026"),
    ("Why generosity turns to rage, and what to do about it | Lunch Talk", "March 29, 2024"),
]
MADE_UP = re.compile(r"\b(example|placeholder|sample)s?\b", re.I)


def snapshot():
    return (
        sorted(Page.objects.values_list("id", "url_path", "latest_revision_id", "live")),
        Revision.objects.count(),
    )


def cards(section):
    return [(card.find(["h2", "h3"]).get_text(strip=True), card.time.get_text()) for card in section.select(".card")]


@pytest.mark.django_db
def test_load_demo_content_is_idempotent(demo_site):
    first = snapshot()
    assert len(first[0]) > 2  # it built something beyond the root and home
    call_command("load_demo_content")
    assert snapshot() == first


@pytest.mark.django_db
def test_a_second_run_keeps_what_editors_changed(demo_site):
    home = demo_site.specific_class.objects.get(pk=demo_site.pk)
    home.intro = "Our own strapline."
    home.featured_pages.set(home.featured_pages.all()[:1])
    home.save_revision().publish()
    guide = GuidePage.objects.get(slug="career")
    guide.title = "Careers"
    guide.save_revision().publish()
    revisions = Revision.objects.count()

    call_command("load_demo_content")
    home.refresh_from_db()
    assert home.intro == "Our own strapline." and home.featured_pages.count() == 1
    assert GuidePage.objects.get(slug="career").title == "Careers"
    assert Revision.objects.count() == revisions


@pytest.mark.django_db
def test_every_demo_page_is_published_once_and_indexed_for_search_and_references(demo_site):
    built = Page.objects.filter(depth__gte=2)
    assert Revision.objects.page_revisions().count() == built.count()  # one revision each, the home page too
    assert built.filter(live=True, has_unpublished_changes=False).count() == built.count()
    assert [page.title for page in GuidePage.objects.live().search("nitpicky comments")] == ["Code Review"]
    # The home page's featured posts are "used by" it, as the admin's usage listing shows.
    featured = ArticlePage.objects.get(slug="meeting-django-contributors")
    assert ReferenceIndex.get_references_to(featured).filter(object_id=str(demo_site.pk)).exists()

    # Indexing is back to normal afterwards: an editor's new page is found at once.
    guide = GuidePage.objects.get(slug="testing")
    guide.title = "Testing handbook"
    guide.save_revision().publish()
    assert [page.title for page in GuidePage.objects.live().search("handbook")] == ["Testing handbook"]


@pytest.mark.django_db
def test_home_shows_the_five_featured_posts_and_the_five_reviewed_talks(client, demo_site):
    html = parse(client.get("/"))
    assert cards(html.find("section", attrs={"aria-labelledby": "featured-heading"})) == FEATURED
    assert cards(html.find("section", attrs={"aria-labelledby": "reviews-heading"})) == REVIEWED_TALKS


@pytest.mark.django_db
def test_reviews_carry_the_real_speakers_events_and_dates_and_guides_their_own_dates(demo_site):
    facts = {
        review.talk_title: (
            [speaker.name for speaker in review.speakers],
            review.event.name if review.event else None,
            review.talk_date,
        )
        for review in TalkReviewPage.objects.all()
    }
    assert facts["Easy, Breezy, Beautiful... Django Unit Tests"] == (
        ["Colleen Dunlap"],
        "DjangoCon US 2025",
        datetime.date(2025, 9, 8),
    )
    assert facts["Of Clouds and Crows"] == (["Lynn Root"], "PyCon US 2025", None)
    assert facts["Privilege Arbitrage"] == (["Kojo Idrissa"], None, None)  # the seed names PyDX, not a date
    assert facts["Django needs you! (to do code review)"] == (
        ["Sarah Boyce"],
        "DjangoCon Europe 2025",
        datetime.date(2025, 4, 23),
    )
    assert facts["Why generosity turns to rage, and what to do about it"] == (["A. Jesse Jiryu Davis"], None, None)

    # Guides are dated as content, not by the day the demo was installed.
    today = datetime.date.today()
    dates = [guide.listing_date.date() for guide in GuidePage.objects.all()]
    assert len(dates) == 5 and all(date < datetime.date(2025, 1, 1) for date in dates) and today not in dates


@pytest.mark.django_db
def test_no_made_up_names_anywhere_in_the_demo(client, demo_site):
    names = [*Speaker.objects.values_list("name", flat=True), *Event.objects.values_list("name", "url")]
    assert not [name for name in names if MADE_UP.search(str(name))]
    for page in Page.objects.live().filter(depth__gte=2).specific():
        response = client.get(page.url)
        text = parse(response).find("main").get_text(" ")
        hrefs = " ".join(a["href"] for a in parse(response).find("main").find_all("a", href=True))
        assert not MADE_UP.search(text), (page.url, MADE_UP.search(text).group())
        assert not MADE_UP.search(hrefs), (page.url, MADE_UP.search(hrefs).group())
