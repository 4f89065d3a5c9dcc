from django.db import models
from django.utils.functional import SimpleLazyObject
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import PageManager
from wagtail.search import index

from core.models import ContentPage, HubPageQuerySet, IndexPage
from core.outline import Outline
from core.passages import QUESTION, Passage
from core.text import block_text, html_text

from .blocks import GuideBodyBlock

GUIDE_HELP = """
<p>A guide answers the questions people ask about one difficult part of the job.</p>
<ul>
  <li>The <strong>title</strong> is the guide's heading; the <strong>intro</strong> says who it is for.</li>
  <li>The <strong>body</strong> is a list of <strong>sections</strong>. Each section has a heading, an optional
  introduction and the <strong>questions</strong> it answers, in reading order.</li>
  <li>Each question becomes a sub-heading with its <strong>answer</strong> below it: paragraphs, code, quotes,
  images (with alt text) and links.</li>
  <li>A section with no questions stands alone: its introduction is its whole content, so it needs one.</li>
  <li><strong>Topics</strong> (further down) are the site's subjects, such as Testing: the guide is listed on
  the page of each topic you tick.</li>
</ul>
<p>Saved sections and questions start folded: click a heading to open it. Drafts save whatever you have
written; publishing (or submitting for review) asks for every heading, introduction and alt text. The table
of contents is made from the sections and questions, so it never goes out of date.</p>
"""


class GuidePageQuerySet(HubPageQuerySet):
    """Guides as listings and outlines ask for them."""

    def for_outline(self):
        """Live, public guides in page-tree order: what `guides/components/outline.html` shows."""
        return self.live().public().order_by("path")


GuidePageManager = PageManager.from_queryset(GuidePageQuerySet)


class GuideIndexPage(IndexPage):
    """The Developer Guides: every guide, its sections and its questions as one outline."""

    class Meta:
        verbose_name = "guide index"

    subpage_types = ["guides.GuidePage"]
    # The guides are shown as an outline of their topics and questions, not as cards.
    cards_show_topics = False
    index_help = (
        "This page lists every published guide with its sections and questions. Add guides as "
        "child pages; drag them in the page explorer to change their order here."
    )
    llms_txt_section = 1

    def guides_for_outline(self):
        """This index's live, public guides in tree order (one query; each already a `GuidePage`)."""
        return GuidePage.objects.child_of(self).for_outline()

    def get_listing(self):
        return self.guides_for_outline()

    def markdown_parts(self, md, request):
        """The intro, then every guide with its sections and questions, each linking to its anchor (the outline)."""
        out = [md.escape_text(self.intro) if self.intro else ""]
        for guide_page in self.guides_for_outline():
            url = guide_page.get_url(request)
            out.append(f"## {md.link(guide_page.title, md.markdown_url(guide_page, request))}")
            if guide_page.summary:
                out.append(md.escape_text(guide_page.summary))
            items = []
            for section in guide_page.outline():
                item = f"- {md.link(section.heading, f'{url}#{section.anchor}')}"
                for question in section.entries:
                    item += f"\n  - {md.link(question.heading, f'{url}#{question.anchor}')}"
                items.append(item)
            out.append("\n".join(items))
        return {}, out


class GuidePage(ContentPage):
    """A guide: sections of questions on one difficult part of software engineering, with their answers."""

    class Meta:
        verbose_name = "guide"

    intro = models.TextField(
        blank=True,
        help_text="Shown under the title: who the guide is for and what it helps with, in a sentence or two.",
    )
    body = StreamField(
        GuideBodyBlock(),
        help_text="The guide's sections in reading order. Each section holds the questions it answers.",
    )

    objects = GuidePageManager()

    # A new guide is news to anyone following a topic: the Topics field's help says its feeds carry it.
    in_feeds = True
    json_ld_type = "TechArticle"

    parent_page_types = ["guides.GuideIndexPage"]
    # Guides are read in the index's order (the page tree's), not by date.
    sequence_fields = ("path",)
    related_link_fields = ("body",)
    subpage_types = []

    content_panels = [
        HelpPanel(content=GUIDE_HELP, heading="How a guide is organised"),
        *ContentPage.content_panels,
        FieldPanel("intro"),
        ContentPage.topic_panel,
        FieldPanel("body"),
    ]
    search_fields = ContentPage.search_fields + [
        index.SearchField("intro"),
        # The StreamField's text: section headings and introductions, questions and their answers.
        index.SearchField("body"),
    ]
    api_fields = [*ContentPage.api_fields, APIField("intro"), APIField("body")]
    search_filter_label = "Guides"
    search_filter_order = 1

    def json_ld_details(self, request, item):
        """A TechArticle with its sections, each a part of the page a search result can link to."""
        sections = [section for section in self.outline() if section.heading]
        return {
            "articleSection": [section.heading for section in sections],
            "hasPart": [
                {"@type": "WebPageElement", "name": section.heading, "url": f"{item['url']}#{section.anchor}"}
                for section in sections
            ],
        }

    def outline(self):
        """The guide's sections and their questions, each carrying its unique `anchor` on this page."""
        return Outline(child.value for child in self.body if child.block_type == "section")

    def search_passages(self):
        """Each topic (with its intro) and each question (with its answer), for search results."""
        passages = []
        for section in self.outline():
            intro = section.get("intro")
            passages.append(Passage(section.anchor, section.heading, html_text(intro.source if intro else "")))
            for question in section.entries:
                answer = block_text(question.block.child_blocks["answer"], question.get("answer"))
                passages.append(Passage(question.anchor, question.heading, answer, QUESTION, context=section.heading))
        return passages

    def markdown_parts(self, md, request):
        """The intro, then each section and its questions with their anchors, as on the page."""
        out = [md.escape_text(self.intro)] if self.intro else []
        for section in self.outline():
            out.append(md.heading(2, section.heading, section.anchor))
            if section.get("intro"):
                out.append(md.rich_text(section["intro"]))
            for question in section.entries:
                out.append(md.heading(3, question.heading, question.anchor))
                out.extend(md.stream_markdown(question.get("answer")))
        return {"topics": md.topic_titles(self), "intro": self.intro}, out

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the page's cached fragment is missing (see the template).
        context["outline"] = SimpleLazyObject(self.outline)
        # filter(live=True) rather than live(): in a preview `topics` is modelcluster's in-memory queryset.
        context["topics"] = self.topics.filter(live=True).order_by("title")
        return context
