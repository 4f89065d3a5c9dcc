"""Guides as visitors read them: one outline of headings, anchors, contents, and links between guides."""

import pytest
from wagtail.models import PageViewRestriction

from guides.models import GuidePage
from tests.conftest import parse

from .factories import body, make_guide, question, section


def main(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return parse(response)


@pytest.mark.django_db
def test_a_guide_has_one_h1_an_h2_per_topic_and_an_h3_per_question(client, guide_index):
    guide = make_guide(guide_index, "Testing", body(sections=3, questions=4), intro="For people who write tests.")
    html = main(client, guide)

    assert [h.get_text() for h in html.find_all("h1")] == ["Testing"]
    assert [(h["id"], h.get_text()) for h in html.find_all("h2")] == [(f"topic-{s}", f"Topic {s}") for s in range(1, 4)]
    assert [(h["id"], h.get_text()) for h in html.find_all("h3")] == [
        (f"question-{s}{q}", f"Question {s}.{q}?") for s in range(1, 4) for q in range(1, 5)
    ]
    assert not html.find_all(["h4", "h5", "h6"])
    # Each h3 follows its own topic's h2: no level is skipped.
    levels = [int(h.name[1]) for h in html.find_all(["h1", "h2", "h3"])]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    assert html.find("p", class_="lede").get_text() == "For people who write tests."
    assert html.find("meta", attrs={"name": "description"})["content"] == "A guide to testing."


@pytest.mark.django_db
def test_every_heading_has_a_visible_self_link_with_an_accessible_name(client, guide_index):
    html = main(client, make_guide(guide_index, "Testing", body(sections=2, questions=2)))
    headings = html.find_all(["h2", "h3"])
    for heading in headings:
        link = heading.find_next_sibling("a", class_="self-link")
        assert link is not None, heading
        assert link["href"] == f"#{heading['id']}"
        assert link.get_text(strip=True)  # visible
        assert link["aria-label"].endswith(f": {heading.get_text()}")
    assert len(html.find_all("a", class_="self-link")) == len(headings)


@pytest.mark.django_db
def test_the_contents_link_to_every_topic_and_question_on_the_page(client, guide_index):
    html = main(client, make_guide(guide_index, "Testing", body(sections=3, questions=2)))
    toc = html.find("nav", class_="toc", attrs={"aria-label": "Contents"})
    links = [a["href"] for a in toc.find_all("a")]
    headings = [f"#{h['id']}" for h in html.find_all(["h2", "h3"])]
    assert links == headings
    # Topics are the top level of the contents, their questions nested under them.
    assert [li.a.get_text() for li in toc.ol.find_all("li", recursive=False)] == ["Topic 1", "Topic 2", "Topic 3"]


@pytest.mark.django_db
def test_the_contents_follow_the_content_when_it_changes(client, guide_index):
    guide = make_guide(guide_index, "Testing", [section("Before", [question("Old question?")])])
    guide.body = [section("After", [question("New question?")])]
    guide.save_revision().publish()
    toc = main(client, guide).find("nav", class_="toc")
    assert [a["href"] for a in toc.find_all("a")] == ["#after", "#new-question"]


@pytest.mark.django_db
def test_repeated_titles_get_distinct_anchors_and_never_take_the_layouts_ids(client, guide_index):
    guide = make_guide(
        guide_index,
        "Testing",
        [
            section("Main", [question("Why?"), question("Why?")]),
            section("Why?", [question("Why?")]),
        ],
    )
    html = main(client, guide)
    assert [h["id"] for h in html.find_all("h2")] == ["main-2", "why-3"]
    assert [h["id"] for h in html.find_all("h3")] == ["why", "why-2", "why-4"]
    ids = [tag["id"] for tag in html.find_all(id=True)]
    assert len(ids) == len(set(ids))
    assert html.find("main")["id"] == "main"
    # The page's outline hands out the same ids as the rendered page, every time.
    assert [s.anchor for s in guide.outline()] == ["main-2", "why-3"]
    assert [s.anchor for s in guide.outline()] == ["main-2", "why-3"]


@pytest.mark.django_db
def test_a_standalone_topic_shows_its_intro_and_no_questions(client, guide_index):
    guide = make_guide(
        guide_index,
        "Career",
        [section("Consider the source of advice", intro="Ask what they know about you."), *body(1, 1)],
    )
    html = main(client, guide)
    standalone = html.find("section", class_="guide-section--standalone")
    assert standalone.h2.get_text() == "Consider the source of advice"
    assert "Ask what they know about you." in standalone.get_text()
    assert standalone.find("h3") is None


@pytest.mark.django_db
def test_code_is_highlighted_on_the_server(client, guide_index):
    html = main(client, make_guide(guide_index, "Testing", body(1, 1)))
    code = html.find("pre", class_="highlight")
    assert code.find("span", class_="k").get_text() == "def"
    # No highlighter in the browser: the only scripts are the header search's suggestions and the
    # contents' marker (progressive enhancement).
    scripts = [s["src"] for s in html.find_all("script", type=lambda t: t != "application/ld+json")]
    assert sorted(scripts) == ["/static/js/contents.js", "/static/js/search-suggest.js"]


@pytest.mark.django_db
def test_guides_link_to_the_previous_and_next_live_guide(client, guide_index):
    first = make_guide(guide_index, "Career")
    make_guide(guide_index, "Code Review draft", publish=False)
    middle = make_guide(guide_index, "Deployment")
    private = make_guide(guide_index, "Feature Requests for staff")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    last = make_guide(guide_index, "Testing")

    def pager(page):
        nav = main(client, page).find("nav", attrs={"aria-label": "Previous and next guide"})
        return {a["rel"][0]: (a.get_text(), a["href"]) for a in nav.find_all("a")} if nav else {}

    assert pager(first) == {"next": ("Deployment", middle.url)}
    assert pager(middle) == {"prev": ("Career", first.url), "next": ("Testing", last.url)}
    assert pager(last) == {"prev": ("Deployment", middle.url)}


@pytest.mark.django_db
def test_the_index_outlines_every_live_guide_and_links_to_each_anchor(client, guide_index):
    career = make_guide(guide_index, "Career", [section("Consider the source", intro="Ask."), *body(1, 2)])
    make_guide(guide_index, "Draft guide", publish=False)
    private = make_guide(guide_index, "Private guide")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    testing = make_guide(guide_index, "Testing", body(2, 3))

    html = main(client, guide_index)
    assert [h.get_text() for h in html.find_all("h1")] == ["Developer Guides"]
    outline = html.find("div", class_="guide-outline")
    assert [(h.get_text(), h.a["href"]) for h in outline.find_all("h2")] == [
        ("Career", career.url),
        ("Testing", testing.url),
    ]
    # Every outline link leads to a heading that exists on its guide's page.
    for guide in (career, testing):
        # The guide's own headings: not those of the related pages it ends with.
        headings = [h for h in main(client, guide).find_all(["h2", "h3"]) if not h.find_parent(class_="page-end")]
        page_ids = {f"{guide.url}#{h['id']}" for h in headings}
        links = {a["href"] for a in outline.find_all("a") if a["href"].startswith(f"{guide.url}#")}
        assert links == page_ids
    assert f"{career.url}#consider-the-source" in {a["href"] for a in outline.find_all("a")}


@pytest.mark.django_db
def test_the_outline_component_is_reusable_with_any_heading_level(rf, guide_index):
    from django.template.loader import render_to_string

    make_guide(guide_index, "Testing", body(1, 1))
    html = render_to_string(
        "guides/components/outline.html",
        {"guides": GuidePage.objects.for_outline(), "heading_level": 3},
        request=rf.get("/"),
    )
    assert '<h3><a href="/guides/testing/">Testing</a></h3>' in html
    assert 'href="/guides/testing/#question-11"' in html


@pytest.mark.django_db
def test_only_live_guides_are_served(client, guide_index):
    draft = make_guide(guide_index, "Draft", publish=False)
    assert client.get(f"{guide_index.url}{draft.slug}/").status_code == 404
    assert client.get(f"{guide_index.url}no-such-guide/").status_code == 404
    assert client.get(make_guide(guide_index, "Live").url).status_code == 200


def test_a_guide_says_when_it_was_last_reviewed_in_the_hubs_one_date_format(client, guide_index):
    import datetime

    guide = make_guide(guide_index, "Reviewed guide", last_reviewed=datetime.date(2026, 12, 7))
    reviewed = parse(client.get(guide.url)).select_one("header .meta time")
    assert reviewed.get_text() == "December 7, 2026" and reviewed["datetime"] == "2026-12-07"
    assert "Last reviewed" not in client.get(make_guide(guide_index, "Never reviewed").url).content.decode()
