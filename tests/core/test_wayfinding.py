"""Long pages carry their contents (and the script that marks the section being read); short ones do not."""

import pytest

from tests import factories
from tests.conftest import parse
from tests.guides.factories import body, make_guide, make_index

pytestmark = pytest.mark.django_db


def contents_of(client, page):
    html = parse(client.get(page.url))
    nav = html.find("nav", attrs={"aria-label": "Contents"})
    scripts = [s["src"] for s in html.find_all("script", src=True)]
    return html, nav, scripts


def test_guides_notes_and_articles_have_collapsible_contents_a_back_to_top_link_and_the_marker_script(
    client, home_page
):
    guide = make_guide(make_index(), "Testing", body(2, 2))
    talks = [{"title": f"Talk {n}", "notes": [("paragraph", "<p>Notes.</p>")]} for n in range(2)]
    notes = factories.event_notes(home_page, title="Conf", body=[("day", {"title": "Day 1", "talks": talks})])
    article = factories.article(
        home_page,
        title="Long read",
        body=[("paragraph", "<h2>One</h2><p>a</p><h3>Sub</h3><p>b</p><h2>Two</h2><p>c</p>")],
    )
    for page in (guide, notes, article):
        html, nav, scripts = contents_of(client, page)
        # Inside a disclosure: closed on phones, shown as a sidebar by the stylesheet on wide screens.
        assert nav.find_parent("details", class_="contents__box") is not None, page
        assert [a["href"] for a in nav.find_all("a")] == [f"#{h['id']}" for h in html.select("main :is(h2, h3)[id]")]
        assert "/static/js/contents.js" in scripts, page
        assert html.select(".reading__body a.back-to-top[href='#main']"), page
    assert [a["href"] for a in contents_of(client, article)[1].find_all("a")] == ["#one", "#sub", "#two"]


def test_a_short_review_has_no_contents_and_a_review_with_a_transcript_does(client, home_page):
    short = factories.review(home_page, title="Short", body=[("paragraph", "<p>Good.</p>")])
    _, nav, scripts = contents_of(client, short)
    assert nav is None and "/static/js/contents.js" not in scripts
    long = factories.review(
        home_page,
        title="Long",
        slug="long",
        body=[("paragraph", "<p>Good.</p>")],
        takeaways=[("takeaway", "One thing.")],
        transcript=[("segment", {"start": "00:00:01", "text": "Hello."})],
    )
    html, nav, scripts = contents_of(client, long)
    assert [(a.get_text(), a["href"]) for a in nav.find_all("a")] == [
        ("Review", "#review"),
        ("What you’ll take away", "#takeaways"),
        ("Transcript", "#transcript"),
    ]
    assert all(html.find(id=a["href"][1:]) is not None for a in nav.find_all("a"))
    assert "/static/js/contents.js" in scripts
