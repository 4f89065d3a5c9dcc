"""Topics named in imported files (front matter `tags`/`categories`), matched to the site's taxonomy.

A name matches a topic by its title or its slug, in any case (`Django databases`, `django-databases`).
Topics are the site's curated taxonomy, so a name that matches none stops the import before anything
is written, every such name listed at once (a real Hugo or Jekyll site has dozens of tags, and one
at a time would take dozens of runs). With `--create-topics` the editor asks for them instead: each
becomes a topic titled as written, published under the topics index.
"""

import difflib

from django.core.management.base import CommandError
from django.utils.text import slugify

from .models import TopicIndexPage, TopicPage

CREATE_TOPICS = "--create-topics"


def add_topic_arguments(parser):
    """--create-topics, worded the same in every importer of tags."""
    parser.add_argument(
        CREATE_TOPICS,
        action="store_true",
        help="Create a topic for each tag or category that names none (titled as written, published under "
        "the topics index); without it, unknown names stop the import.",
    )


def _topics_by_name():
    topics = {}
    for page in TopicPage.objects.all():
        topics[page.slug] = page
        topics[slugify(page.title)] = page
    topics.pop("", None)  # a title of no letters or digits (say, in another script) is matched by its slug alone
    return topics


def unknown_topics(names):
    """The names (as first written) that match no topic, each once, in the order given.

    `names` are (name, line) pairs, as `FrontMatter.names` gives them.
    """
    topics, unknown = _topics_by_name(), {}
    for name, _line in names:
        if slugify(name) not in topics:
            unknown.setdefault(slugify(name), name)
    return list(unknown.values())


def check_topics(names, *, create, saving, source=""):
    """Stop (CommandError, one line, after `source: `) before anything is written when these names cannot be
    imported as asked: the unknown ones all named, or the reason they cannot be created. Returns the
    names of the topics that will be created."""
    unknown = unknown_topics(names)
    where = f"{source}: " if source else ""
    if unknown and not create:
        titles = sorted({page.title for page in _topics_by_name().values()})
        listed = ", ".join(_with_suggestion(name, titles) for name in unknown)
        raise CommandError(f"{where}unknown topics: {listed} — add them under Topics, or re-run with {CREATE_TOPICS}")
    if not unknown:
        return unknown
    nameless = [name for name in unknown if not slugify(name)]
    if nameless:
        raise CommandError(f"{where}no topic's address can be made from {', '.join(map(repr, nameless))}")
    too_long = [name for name in unknown if len(name) > 255]
    if too_long:
        raise CommandError(f"{where}'{too_long[0][:40]}…' is too long for a topic's title (at most 255 characters)")
    index = TopicIndexPage.objects.first()
    if index is None:
        raise CommandError(f"{CREATE_TOPICS}: there is no topics index to create topics under: add one first")
    if not index.permissions_for_user(saving.user).can_publish_subpage():
        name = saving.user.get_username()
        raise CommandError(
            f"{CREATE_TOPICS}: --user {name} may not publish topics; a moderator can add them under Topics"
        )
    return unknown


def _with_suggestion(name, titles):
    close = difflib.get_close_matches(name, titles, n=1, cutoff=0.8)
    return f"{name} (did you mean {close[0]}?)" if close else name


def resolve_topics(names, *, create=False, user=None, dry_run=False):
    """The topic pages `names` name, each once, in order.

    With `create`, a name that matches none becomes a new topic, published under the topics index by
    `user` (run `check_topics` first), or in a `dry_run` a topic page that is not saved; without it,
    such a name raises LookupError.
    """
    topics, found = _topics_by_name(), []
    for name, _line in names:
        page = topics.get(slugify(name))
        if page is None:
            if not create:
                raise LookupError(f"unknown topic '{name}'")
            new = TopicPage(title=name, slug=slugify(name), owner=user)
            page = topics[slugify(name)] = new if dry_run else _publish_topic(new, user)
        if page not in found:
            found.append(page)
    return found


def _publish_topic(page, user):
    TopicIndexPage.objects.first().add_child(instance=page)
    page.save_revision(user=user, log_action=True).publish(user=user)
    return page
