"""The demo's Developer Guides: the five guides of the seed, with their sections, questions and answers."""

import pytest
from bs4 import BeautifulSoup

from guides.models import GuideIndexPage, GuidePage


@pytest.mark.django_db
def test_demo_content_builds_the_five_guides_of_the_seed(demo_site):
    index = GuideIndexPage.objects.get()
    assert index.show_in_menus and index.url == "/guides/"
    guides = list(index.guides_for_outline())
    assert [g.title for g in guides] == ["Career", "Code Review", "Deployment", "Feature Requests", "Testing"]
    code_review = guides[1]
    assert [s["title"] for s in code_review.outline()] == [
        "Check yourself",
        "Recheck the basics",
        "Review the tests",
        "The tougher bits",
    ]
    assert "Are you leaving too many nitpicky comments?" in [
        q["question"] for q in code_review.outline()[0]["questions"]
    ]
    career = guides[0]
    assert career.outline()[0]["title"] == "Consider the source of advice"
    assert career.outline()[0].is_standalone
    for guide in guides:
        assert guide.summary and guide.intro and guide.topics.exists()
        # Every demo guide passes the same validation as an editor's.
        guide.body.stream_block.clean(guide.body)


def words_read(answer):
    """How many words a visitor reads in an answer: its paragraphs, quotes, code and links."""
    texts = []
    for block in answer:
        value = block.value
        if block.block_type == "paragraph":
            texts.append(BeautifulSoup(value.source, "html.parser").get_text(" "))
        elif block.block_type == "code":
            texts.append(value["code"])
        elif block.block_type == "quote":
            texts.append(value["quote"])
        elif block.block_type == "resources":
            texts += [f"{link['title']} {link['description']}" for link in value["links"]]
    return len(" ".join(texts).split())


def demo_answers():
    return {
        (guide.title, question["question"]): question["answer"]
        for guide in GuidePage.objects.live()
        for section in guide.body
        for question in section.value["questions"]
    }


@pytest.mark.django_db
def test_every_demo_answer_is_worth_reading(demo_site):
    words = {question: words_read(answer) for question, answer in demo_answers().items()}
    assert len(words) == 66
    assert sum(words.values()) / len(words) >= 80
    # Long enough to teach something, short enough to read between two others.
    assert {question: n for question, n in words.items() if not 40 <= n <= 200} == {}


@pytest.mark.django_db
def test_demo_answers_show_commands_quotes_and_reading_not_only_prose(demo_site):
    blocks = [block for answer in demo_answers().values() for block in answer]
    assert {block.block_type for block in blocks} >= {"paragraph", "code", "quote", "resources"}
    # Examples in the languages the guides are about: Django and Python, the shell and git, PostgreSQL.
    assert {block.value["language"] for block in blocks if block.block_type == "code"} >= {"python", "bash", "sql"}


@pytest.mark.django_db
def test_each_demo_guide_section_links_the_talks_notes_and_articles_that_cover_it(client, demo_site):
    for guide in GuidePage.objects.live():
        html = BeautifulSoup(client.get(guide.url).content, "html.parser")
        for section in html.select(".guide-section"):
            links = section.select(":scope > .related-links a")
            assert links, f"{guide.title}: “{section.h2.get_text()}” links to nothing"
            assert all(client.get(a["href"]).status_code == 200 for a in links)
        assert html.select(".page-end__related .card"), guide.title


@pytest.mark.django_db
def test_the_roadmap_articles_numbered_list_links_to_its_sections(client, demo_site):
    html = BeautifulSoup(client.get("/articles/informal-django-roadmap-ideas-for-2024/").content, "html.parser")
    items = html.select(".reading__body ol > li")
    assert len(items) == 8
    for item in items:
        target = html.find(id=item.a["href"].removeprefix("#"))
        assert target is not None and target.name == "h2" and target.get_text(strip=True) == item.get_text(strip=True)
