"""Guides built in code for tests: bodies of any size, and published pages under an index."""

from django.utils.text import slugify
from wagtail.models import Site

from guides.models import GuideIndexPage, GuidePage


def question(text, answer="A short answer."):
    return {"question": text, "answer": [("paragraph", f"<p>{answer}</p>")]}


def section(title, questions=(), intro=""):
    return ("section", {"title": title, "intro": f"<p>{intro}</p>" if intro else "", "questions": list(questions)})


def body(sections=1, questions=2):
    """`sections` topics of `questions` questions each, answered with prose, code and a quote."""
    return [
        (
            "section",
            {
                "title": f"Topic {s}",
                "intro": f"<p>What topic {s} is about.</p>",
                "questions": [
                    {
                        "question": f"Question {s}.{q}?",
                        "answer": [
                            ("paragraph", f"<p>Answer to question {s}.{q}, with <code>code</code>.</p>"),
                            ("code", {"language": "python", "code": f"def answer_{s}_{q}():\n    return {q}"}),
                            ("quote", {"quote": "Small steps.", "attribution": "Someone", "source_url": ""}),
                        ],
                    }
                    for q in range(1, questions + 1)
                ],
            },
        )
        for s in range(1, sections + 1)
    ]


def make_index(title="Developer Guides", slug="guides"):
    home = Site.objects.get(is_default_site=True).root_page.specific
    index = GuideIndexPage(title=title, slug=slug, intro="Guides to the hard parts.")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_guide(index, title, body_value=None, publish=True, **fields):
    guide = GuidePage(
        title=title,
        slug=fields.pop("slug", slugify(title)),
        summary=fields.pop("summary", f"A guide to {title.lower()}."),
        body=body_value if body_value is not None else body(),
        live=publish,
        **fields,
    )
    index.add_child(instance=guide)
    revision = guide.save_revision()
    if publish:
        revision.publish()
    return guide
