"""Every page type of the hub as Markdown: front matter with its metadata, then its content.

Each page type says what its document holds (`markdown_parts`, on the page models; `core.models`
gives every type a default) and is handed the writer (`portability.writer`) to write it with. Here
the parts every page shares are added around them: the title, type, address, summary and date in the
front matter, the title as the heading and, on a content page, its topics. The blocks follow the
page's HTML: the same headings with the same anchors, the same code (with its language), links and
image alt text, so a reader of the Markdown misses nothing the page says. The front matter is what
`export_site` writes and `import_site` reads back.
"""

from core.models import ContentPage

from . import writer as md


def page_markdown(page, request=None):
    """The Markdown document of one live page (its specific instance)."""
    return md.document(*page_parts(page, request))


def page_parts(page, request=None):
    """(front matter, Markdown blocks) of one page: its title as the heading, its topics, then its content."""
    meta, body = page.markdown_parts(md, request)
    head = [md.heading(1, page.title)]
    if isinstance(page, ContentPage):
        head.append(md.topic_links(page, request))
    return {**common_meta(page, request), **meta}, [*head, *body]


def common_meta(page, request):
    return {
        "title": page.title,
        "type": page._meta.label,
        "url": page.get_full_url(request),
        "summary": page.summary,
        "first_published_at": page.first_published_at.isoformat() if page.first_published_at else None,
    }
