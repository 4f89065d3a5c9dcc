"""Topics named in imported files (front matter `tags`/`categories`), matched to the site's taxonomy."""

from django.utils.text import slugify

from core.markdown.reading import SourceError

from .models import TopicPage


def resolve_topics(names, path):
    """The topic pages named (by title or slug, any case); an unknown name is an error at its line.

    Topics are the site's one curated taxonomy, so an importer never invents one: a typo in a tag
    would otherwise add a topic page to the live site.
    """
    topics = {}
    for page in TopicPage.objects.all():
        topics[page.slug] = page
        topics[slugify(page.title)] = page
    found = []
    for name, line in names:
        page = topics.get(slugify(name))
        if page is None:
            known = ", ".join(sorted({p.title for p in topics.values()})) or "none yet"
            raise SourceError(path, line, f"unknown topic '{name}': add it under Topics first (known: {known})")
        if page not in found:
            found.append(page)
    return found
