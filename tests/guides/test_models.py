"""Guides as editors make them: the page tree, the admin form, validation, search and demo content."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from core.blocks import INLINE_FEATURES
from guides.blocks import GuideBodyBlock, SectionBlock
from guides.models import GuideIndexPage, GuidePage
from home.models import HomePage
from tests.conftest import parse
from topics.models import TopicIndexPage, TopicPage

from .factories import body, make_guide, make_index, question, section

IMAGE_ALT_MESSAGE = "Describe what the image shows in this context, or mark it as decorative."
HEADING_MESSAGE = "This heading needs words: readers see them, and the table of contents links to them."
STANDALONE_MESSAGE = "A section without questions needs an introduction: write one, or add a question."


def list_block(items):
    """ListBlock form data, as the admin's editor posts it."""
    data = {str(i): {"value": item, "deleted": "", "order": str(i)} for i, item in enumerate(items)}
    data["count"] = str(len(items))
    return data


def text(html):
    return rich_text(html, features=INLINE_FEATURES)


def question_form(question_text, paragraph="<p>An answer.</p>", extra=()):
    return {
        "question": question_text,
        "answer": streamfield([("paragraph", text(paragraph)), *extra]),
        "related": list_block([]),
    }


def section_form(title, questions=(), intro=""):
    return {"title": title, "intro": text(intro), "questions": list_block(list(questions)), "related": list_block([])}


def guide_form(title, sections, **fields):
    return nested_form_data({"title": title, "body": streamfield([("section", s) for s in sections]), **fields})


def messages(error):
    """Every message in a (nested) StreamField validation error, flattened."""
    found = []

    def walk(data):
        if isinstance(data, dict):
            for value in data.values():
                walk(value)
        elif isinstance(data, list):
            for value in data:
                walk(value)
        elif isinstance(data, str):
            found.append(data)

    walk(error.as_json_data() if hasattr(error, "as_json_data") else error.messages)
    return found


class TestGuidePageTree(WagtailPageTestCase):
    def test_index_lives_under_the_home_page_and_holds_only_guides(self):
        self.assertAllowedParentPageTypes(GuideIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(GuideIndexPage, {GuidePage})

    def test_guides_live_under_the_index_and_have_no_children(self):
        self.assertAllowedParentPageTypes(GuidePage, {GuideIndexPage})
        self.assertAllowedSubpageTypes(GuidePage, set())
        self.assertCanNotCreateAt(HomePage, GuidePage)

    def test_there_is_one_guide_index_per_site(self):
        home = Site.objects.get(is_default_site=True).root_page
        assert GuideIndexPage.can_create_at(home)
        make_index()
        assert not GuideIndexPage.can_create_at(home)


class TestCreateGuideInTheAdmin(WagtailPageTestCase):
    def setUp(self):
        self.user = self.login()
        self.index = make_index()
        home = Site.objects.get(is_default_site=True).root_page
        topics = TopicIndexPage(title="Topics", slug="topics")
        home.add_child(instance=topics)
        self.topic = TopicPage(title="Code review", slug="code-review")
        topics.add_child(instance=self.topic)

    def test_an_editor_can_create_a_guide_of_topics_and_questions(self):
        data = guide_form(
            "Code Review",
            [
                section_form("Consider the source", intro="<p>A topic told in its intro alone.</p>"),
                section_form(
                    "Check yourself",
                    [
                        question_form("Are you leaving too many nitpicky comments?"),
                        question_form(
                            "Is the code yours or theirs?",
                            extra=[("code", {"language": "python", "code": "def review():\n    pass"})],
                        ),
                    ],
                    intro="<p>Start with yourself.</p>",
                ),
                section_form("Recheck the basics", [question_form("Is the code yours or theirs?")]),
            ],
            summary="Questions to ask while reviewing.",
            intro="For reviewers.",
        )
        data["topics"] = [str(self.topic.pk)]
        self.assertCanCreate(self.index, GuidePage, data)

        guide = GuidePage.objects.get(slug="code-review")
        assert guide.live
        assert list(guide.topics.all()) == [self.topic]
        assert [s.value["title"] for s in guide.body] == ["Consider the source", "Check yourself", "Recheck the basics"]

        self.client.logout()  # read it as a visitor, without the editor's user bar
        html = parse(self.client.get(guide.url))
        assert [h.get_text() for h in html.find_all("h1")] == ["Code Review"]
        assert [(h["id"], h.get_text()) for h in html.find_all("h2")] == [
            ("consider-the-source", "Consider the source"),
            ("check-yourself", "Check yourself"),
            ("recheck-the-basics", "Recheck the basics"),
        ]
        # The same question in two topics gets two anchors, so both links lead somewhere different.
        assert [(h["id"], h.get_text()) for h in html.find_all("h3")] == [
            ("are-you-leaving-too-many-nitpicky-comments", "Are you leaving too many nitpicky comments?"),
            ("is-the-code-yours-or-theirs", "Is the code yours or theirs?"),
            ("is-the-code-yours-or-theirs-2", "Is the code yours or theirs?"),
        ]
        toc = html.find("nav", attrs={"aria-label": "Contents"})
        assert [a["href"] for a in toc.find_all("a")] == [
            "#consider-the-source",
            "#check-yourself",
            "#are-you-leaving-too-many-nitpicky-comments",
            "#is-the-code-yours-or-theirs",
            "#recheck-the-basics",
            "#is-the-code-yours-or-theirs-2",
        ]
        assert html.find("pre", class_="highlight").find("span", class_="k").get_text() == "def"

    def test_an_image_without_alt_text_is_rejected_with_a_clear_message(self):
        image = Image.objects.create(title="Diff", file=get_test_image_file())
        no_alt = ("image", {"image": str(image.pk), "alt_text": "", "decorative": "", "caption": ""})
        data = guide_form("Images", [section_form("Screens", [question_form("What changed?", extra=[no_alt])])])
        response = self.client.post(
            reverse("wagtailadmin_pages:add", args=["guides", "guidepage", self.index.pk]),
            {**data, "slug": "images", "action-publish": "action-publish"},
        )
        assert response.status_code == 200  # the form again, not a redirect
        assert not GuidePage.objects.filter(slug="images").exists()
        assert IMAGE_ALT_MESSAGE in messages(response.context["form"].errors.as_data()["body"][0])

        # Marked decorative, the same image needs no alt text.
        decorative = ("image", {"image": str(image.pk), "alt_text": "", "decorative": "on", "caption": ""})
        data = guide_form("Images", [section_form("Screens", [question_form("What changed?", extra=[decorative])])])
        self.assertCanCreate(self.index, GuidePage, data)

    def test_the_editor_explains_how_a_guide_is_organised(self):
        guide = make_guide(self.index, "Testing")
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk]))
        assert response.status_code == 200
        assert b"How a guide is organised" in response.content

    def test_the_block_picker_previews_a_topic(self):
        block = GuidePage.body.field.stream_block.child_blocks["section"]
        assert block.is_previewable and block.get_description()
        response = self.client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
        assert response.status_code == 200
        html = parse(response)
        assert html.find("h2").get_text() == "Review the tests"
        assert html.find("h3").get_text() == "Do the tests cover the changes appropriately?"

    def test_a_guide_can_be_previewed_before_it_is_published(self):
        guide = make_guide(self.index, "Testing")
        data = guide_form(
            "Testing",
            [section_form("Where to begin?", [question_form("Is the logic truly being tested?")])],
            slug="testing",
        )
        data["topics"] = [str(self.topic.pk)]
        self.assertPageIsPreviewable(guide, post_data=data)  # it logs out when done

        self.client.force_login(self.user)
        preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[guide.pk])
        assert self.client.post(preview_url, data).json() == {"is_valid": True, "is_available": True}
        html = parse(self.client.get(preview_url))
        assert html.find("h2", id="where-to-begin").get_text() == "Where to begin?"
        assert html.find("a", string="Code review") is not None


def clean_body(value):
    block = GuideBodyBlock()
    return block.clean(block.normalize(value))


def test_a_section_without_questions_needs_an_intro():
    with pytest.raises(ValidationError) as caught:
        clean_body([section("Consider the source of advice")])
    assert STANDALONE_MESSAGE in messages(caught.value)

    cleaned = clean_body([section("Consider the source of advice", intro="Ask what they know about you.")])
    assert cleaned[0].value.is_standalone


def test_section_and_question_headings_cannot_be_blank():
    with pytest.raises(ValidationError) as caught:
        clean_body([section("   ", [question("   ")])])
    found = messages(caught.value)
    assert found.count(HEADING_MESSAGE) == 2


def test_a_question_needs_an_answer():
    with pytest.raises(ValidationError) as caught:
        clean_body([section("Topic", [{"question": "Unanswered?", "answer": []}])])
    assert "This field is required." in messages(caught.value)


def test_answers_cannot_carry_headings_that_would_break_the_outline():
    with pytest.raises(ValidationError) as caught:
        clean_body([section("Topic", [question("Why?", "</p><h2>A sneaky heading</h2><p>")])])
    assert any("Answers cannot contain headings" in m for m in messages(caught.value))


def test_blocks_explain_themselves_in_the_block_picker():
    for block in (SectionBlock(), SectionBlock().child_blocks["questions"].child_block):
        assert block.get_description()
        assert block.meta.icon != "placeholder"
        assert block.is_previewable
        for child in block.child_blocks.values():
            assert child.field.help_text if hasattr(child, "field") else child.meta.help_text, child.name


def test_every_guide_field_has_help_text():
    for model in (GuideIndexPage, GuidePage):
        for name in ("intro", "summary", *(["body", "topics"] if model is GuidePage else [])):
            assert model._meta.get_field(name).help_text, f"{model.__name__}.{name}"


@pytest.mark.django_db
def test_searching_for_a_questions_words_finds_its_guide(guide_index):
    make_guide(
        guide_index,
        "Deployment",
        [section("Consider the details", [question("Do the SQL changes require locks?", "Check each statement.")])],
    )
    make_guide(guide_index, "Testing", body())
    assert [g.title for g in GuidePage.objects.live().search("SQL locks")] == ["Deployment"]
    assert [g.title for g in GuidePage.objects.live().search("statement")] == ["Deployment"]
    assert [g.title for g in GuidePage.objects.live().search("details")] == ["Deployment"]
