"""Which format a page's URL answers in, by the request's Accept header: HTML, or the page as Markdown.

Here, in the foundation, because two rooms need the same answer: the page cache (`operations`, which
stands on core alone) keys its entries by it, and `portability` serves the Markdown it chooses.
"""

MARKDOWN_TYPE = "text/markdown"
MARKDOWN_CONTENT_TYPE = f"{MARKDOWN_TYPE}; charset=utf-8"


def negotiate(request):
    """Which format the request's Accept header prefers: "markdown", "html", or None when it allows neither.

    Without an Accept header (or with `*/*`, `text/*`) a page is HTML; Markdown only when asked for by
    name. Parameters such as `charset` are ignored (Django's own matching would refuse
    `text/markdown; charset=utf-8` for `text/markdown`).
    """
    if not request.headers.get("Accept"):
        return "html"
    # Most preferred first (quality, then specificity), as Django orders them.
    for accepted in request.accepted_types:
        if accepted.main_type == "text" and accepted.sub_type == "markdown":
            return "markdown"
        if accepted.main_type in ("*", "text") and accepted.sub_type in ("*", "html"):
            return "html"
    return None


def markdown_address(url):
    """The address of the Markdown form of the page at `url`: `/guides/x.md`, or `/index.html.md` for a site's root."""
    if not url:
        return ""
    head, slash, path = url.partition("://")
    if slash:
        host, _, path = path.partition("/")
        head, path = f"{head}://{host}", f"/{path}"
    else:
        head, path = "", url
    return head + (f"{path}index.html.md" if path == "/" else f"{path.rstrip('/')}.md")
