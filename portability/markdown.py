"""Every page type of the hub as Markdown: front matter with its metadata, then its content.

One writer per page type (`WRITERS`), each returning (front matter, blocks). The blocks follow the
page's HTML: the same headings with the same anchors, the same code (with its language), links and
image alt text, so a reader of the Markdown misses nothing the page says. The front matter is what
`export_site` writes and `import_site` reads back.
"""

from contextvars import ContextVar

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from articles.models import ArticleIndexPage, ArticlePage
from core.listings import as_cards, content_pages
from core.markdown import writer as md
from core.models import ContentPage
from guides.models import GuideIndexPage, GuidePage
from home.models import HomePage
from reviews.models import EventNotesIndexPage, EventNotesPage, TalkReviewIndexPage, TalkReviewPage
from topics.models import TopicIndexPage, TopicPage

# Where an image's Markdown points: its file in the media storage, or (export_site) the copy beside the page.
IMAGE_URL = ContextVar("image_url", default=lambda image: image.file.url)


def markdown_url(page, request=None):
    """The address of a page's Markdown: `/guides/x.md`, or `/index.html.md` for the site's root."""
    url = page.get_url(request) or ""
    if not url:
        return ""
    return f"{url}index.html.md" if url.endswith("/") and url.count("/") <= 1 else f"{url.rstrip('/')}.md"


def page_markdown(page, request=None):
    """The Markdown document of one live page (its specific instance)."""
    return md.document(*page_parts(page, request))


def page_parts(page, request=None):
    """(front matter, Markdown blocks) of one page: its title as the heading, its topics, then its content."""
    for model, write in WRITERS:
        if isinstance(page, model):
            meta, body = write(page, request)
            head = [md.heading(1, page.title)]
            if isinstance(page, ContentPage):
                head.append(topic_links(page, request))
            return {**common_meta(page, request), **meta}, [*head, *body]
    raise LookupError(f"no Markdown writer for {type(page).__name__}")


def common_meta(page, request):
    return {
        "title": page.title,
        "type": page._meta.label,
        "url": page.get_url(request),
        "summary": page.summary,
        "first_published_at": page.first_published_at.isoformat() if page.first_published_at else None,
    }


def _live_topics(page):
    # filter(live=True): a topic unpublished since stays off the page, as in the HTML. Cached on the
    # page: the front matter and the topic links read it once.
    if not hasattr(page, "_markdown_topics"):
        page._markdown_topics = list(page.topics.filter(live=True).order_by("title"))
    return page._markdown_topics


def _topics(page):
    return [topic.title for topic in _live_topics(page)]


def topic_links(page, request):
    """The page's topic chips as a line of links: `Topics: [Django](/topics/django/), …`."""
    topics = _live_topics(page)
    return f"Topics: {', '.join(md.link(topic.title, topic.get_url(request)) for topic in topics)}" if topics else ""


# Blocks


def rich_text(value, heading_ids=None):
    return md.html_to_markdown(str(value) if value else "", heading_ids)


def block_markdown(block, value):
    """One StreamField child (or struct value) as Markdown blocks, by what the block is."""
    name = getattr(block, "name", "")
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(value)
    if name == "code" or {"language", "code"} <= set(getattr(block, "child_blocks", {})):
        return md.fence(value.get("code") or "", value.get("language") or "")
    if name == "quote":
        words = value.get("quote")
        text = rich_text(words) if hasattr(words, "source") else md.escape_text(words or "")
        who = value.get("attribution")
        if who:
            who_md = md.link(who, value.get("source_url")) if value.get("source_url") else md.escape_text(who)
            text += f"\n\n— {who_md}"
        return md.quote(text)
    if isinstance(block, blocks.StructBlock) and "image" in block.child_blocks:
        image = value.get("image")
        if image is None:
            return ""
        alt = "" if value.get("decorative") else value.get("alt_text") or ""
        caption = value.get("caption")
        return md.image(alt, IMAGE_URL.get()(image)) + (f"\n\n*{md.escape_text(caption)}*" if caption else "")
    if name == "resources":
        lines = [f"**{md.escape_text(value['heading'])}**"] if value.get("heading") else []
        items = []
        for item in value.get("links") or []:
            line = md.link(item.get("title") or "", item.url())
            if item.get("description"):
                line += f" — {md.escape_text(item['description'])}"
            items.append(line)
        return "\n\n".join([*lines, md.bullet_list(items)])
    if name == "table":
        return table_markdown(value)
    if isinstance(block, ImageChooserBlock):
        return md.image("", IMAGE_URL.get()(value)) if value else ""
    return md.escape_text(" ".join(block.get_searchable_content(value)))


def stream_markdown(stream):
    return [block_markdown(child.block, child.value) for child in stream or []]


def table_markdown(value):
    """A table block as a pipe table (GitHub's extension; a CommonMark reader shows its text)."""
    rows = [[" ".join(str(cell or "").split()).replace("|", "\\|") for cell in row] for row in value.get("data") or []]
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    head = rows[0] if value.get("first_row_is_table_header") else [""] * width
    body = rows[1:] if value.get("first_row_is_table_header") else rows
    lines = [f"| {' | '.join(head)} |", f"|{'|'.join(['---'] * width)}|", *(f"| {' | '.join(row)} |" for row in body)]
    return "\n".join(lines)


# Page types


def guide(page, request):
    out = [md.escape_text(page.intro)] if page.intro else []
    for section in page.outline():
        out.append(md.heading(2, section.heading, section.anchor))
        if section.get("intro"):
            out.append(rich_text(section["intro"]))
        for question in section.entries:
            out.append(md.heading(3, question.heading, question.anchor))
            out.extend(stream_markdown(question.get("answer")))
    return {"topics": _topics(page), "intro": page.intro}, out


def talk_review(page, request):
    speakers = page.speakers
    event = page.event
    meta = {
        "kind": page.kind,
        "talk_title": page.talk_title,
        "podcast": page.podcast,
        "speakers": [speaker.name for speaker in speakers],
        "event": event.name if event else None,
        "talk_date": page.talk_date.isoformat() if page.talk_date else None,
        "review_date": page.review_date.isoformat(),
        "video_url": page.video_url,
        "audio_url": page.audio_url,
        "details_url": page.details_url,
        "topics": _topics(page),
    }
    out = [_review_facts(page, speakers, event)]
    if page.video_url:
        video = page.video
        if video.embeddable:
            out.append(md.link(f"Watch “{page.talk_title}” on {video.provider_name}", video.watch_url))
        else:
            out.append(md.link(f"Watch or listen to “{page.talk_title}”", video.url))
    if page.audio_url:
        out.append(md.link(f"Listen to “{page.talk_title}”", page.audio_url))
    if page.details_url:
        where = page.podcast or "the podcast" if page.is_episode else (event.name if event else "its event")
        label = f"The episode on {where}’s site" if page.is_episode else f"The talk on {where}’s site"
        out.append(md.link(label, page.details_url))
    if page.watch_if:
        out.append(md.heading(2, page.watch_if_heading, "watch-this-if"))
        out.append(md.bullet_list(md.escape_text(str(reason.value)) for reason in page.watch_if))
    if page.body:
        out.append(md.heading(2, "Review", "review"))
        out.extend(stream_markdown(page.body))
    if page.takeaways:
        out.append(md.heading(2, "What you’ll take away", "takeaways"))
        out.append(md.bullet_list(md.escape_text(str(takeaway.value)) for takeaway in page.takeaways))
    rows = page.transcript_segments()
    if rows:
        out.append(md.heading(2, "Transcript", "transcript"))
        for row in rows:
            # Each paragraph on a line of its own; every moment keeps its time, its link and its id.
            out.append(
                " ".join(f"{md.anchor(cue.anchor)}{_moment(cue)} {md.escape_text(cue.text)}" for cue in row.cues)
            )
    return meta, out


def _event(event):
    name = md.link(event.name, event.url) if event.url else md.escape_text(event.name)
    return f"{name}, {md.escape_text(event.location)}" if event.location else name


def _review_facts(page, speakers, event):
    """What the review's header lists: the talk or episode, podcast, speakers (with links), event, dates."""
    facts = [("Episode" if page.is_episode else "Talk", md.escape_text(page.talk_title))]
    if page.podcast:
        facts.append(("Podcast", md.escape_text(page.podcast)))
    if speakers:
        names = []
        for speaker in speakers:
            links = [md.link(link.value["label"], link.value["url"]) for link in speaker.links]
            names.append(md.escape_text(speaker.name) + (f" ({', '.join(links)})" if links else ""))
        facts.append(("Speakers" if len(speakers) > 1 else "Speaker", "; ".join(names)))
    if event:
        facts.append(("Event", _event(event)))
    if page.talk_date:
        facts.append(("Published" if page.is_episode else "Given", page.talk_date.isoformat()))
    facts.append(("Reviewed", page.review_date.isoformat()))
    return md.bullet_list(f"**{label}:** {value}" for label, value in facts)


def _moment(cue):
    return md.link(cue.label, cue.url) if cue.url else cue.label


def event_notes(page, request):
    event = page.event
    meta = {
        "event": event.name if event else None,
        "date": page.start_date.isoformat() if page.start_date else None,
        "end_date": page.end_date.isoformat() if page.end_date else None,
        "topics": _topics(page),
    }
    dates = page.start_date.isoformat() + (f" – {page.end_date.isoformat()}" if page.end_date else "")
    out = [f"{_event(event)} · {dates}" if event else dates, *stream_markdown(page.intro)]
    for day in page.outline():
        out.append(md.heading(2, day.heading, day.anchor))
        out.extend(stream_markdown(day.get("intro")))
        for talk in day.entries:
            out.append(md.heading(3, talk.heading, talk.anchor))
            review = talk.get("review")
            if review is not None and review.live:
                out.append(md.link("Read the review of this talk", review.get_url(request)))
            out.extend(stream_markdown(talk.get("notes")))
    return meta, out


def article(page, request):
    out = []
    for child, html in page.anchored_body.blocks:
        # Rich text comes with its headings' ids already in the HTML (articles.outline).
        out.append(md.html_to_markdown(str(html)) if html else block_markdown(child.block, child.value))
    return {"date": page.date.isoformat(), "topics": _topics(page)}, out


def _listed(children, request):
    """Pages as a list of links to their Markdown, each with its summary."""
    lines = []
    for child in children:
        line = md.link(child.title, markdown_url(child, request))
        if child.summary:
            line += f": {md.escape_text(' '.join(child.summary.split()))}"
        lines.append(line)
    return md.bullet_list(lines)


def listing(page, request):
    """An index's or topic's pages, each a link to its Markdown with its summary."""
    if isinstance(page, TopicPage):
        # One query for every type (as the topic's HTML page lists them), summaries annotated.
        children = as_cards(content_pages(topic=page))
        intro = page.description
    else:
        children = page.get_listing().defer_streamfields()
        intro = page.intro
    return {}, [md.escape_text(intro) if intro else "", _listed(children, request)]


def guide_outline(guides, request, level=2):
    """Guides with their sections and questions, each linking to its anchor (the guides index's outline)."""
    out = []
    for guide_page in guides:
        url = guide_page.get_url(request)
        out.append(f"{'#' * level} {md.link(guide_page.title, markdown_url(guide_page, request))}")
        if guide_page.summary:
            out.append(md.escape_text(guide_page.summary))
        items = []
        for section in guide_page.outline():
            item = f"- {md.link(section.heading, f'{url}#{section.anchor}')}"
            for question in section.entries:
                item += f"\n  - {md.link(question.heading, f'{url}#{question.anchor}')}"
            items.append(item)
        out.append("\n".join(items))
    return out


def guide_index(page, request):
    return {}, [md.escape_text(page.intro) if page.intro else "", *guide_outline(page.guides_for_outline(), request)]


def home(page, request):
    from wagtail.models import Page

    out = [md.escape_text(page.intro)] if page.intro else []
    featured = page.featured()
    if featured:
        out += [md.heading(2, "Featured"), _listed(featured, request)]
    guides = GuidePage.objects.for_outline()[: page.home_guides_count]
    if guides:
        out += [md.heading(2, "Developer Guides"), _listed(guides, request)]
    reviews = TalkReviewPage.objects.newest_first()[: page.latest_reviews_count]
    if reviews:
        out += [md.heading(2, "Latest reviews"), _listed(reviews, request)]
    sections = Page.objects.child_of(page).live().public().filter(view_restrictions__isnull=True).order_by("path")
    out += [md.heading(2, "Sections"), md.bullet_list(md.link(s.title, markdown_url(s, request)) for s in sections)]
    return {}, out


WRITERS = [
    (GuidePage, guide),
    (TalkReviewPage, talk_review),
    (EventNotesPage, event_notes),
    (ArticlePage, article),
    (HomePage, home),
    (TopicPage, listing),
    (GuideIndexPage, guide_index),
    (TalkReviewIndexPage, listing),
    (EventNotesIndexPage, listing),
    (ArticleIndexPage, listing),
    (TopicIndexPage, listing),
]
