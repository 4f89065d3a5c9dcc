"""YAML front matter (Hugo and Jekyll style) read strictly: every wrong type is an error at its line.

`FrontMatter` wraps the parsed mapping with the file's text, so each accessor can name the line of
the key it complains about.
"""

import datetime
import re

import yaml
from django.utils.text import slugify

from topics.models import TopicPage

from . import SourceError


class FrontMatter:
    """The front matter of one file: typed access to its keys, errors as `FILE:LINE: message`."""

    def __init__(self, values, text, path):
        self.values, self.text, self.path = values, text, path

    @classmethod
    def split(cls, text, path):
        """(front matter, the text after it, the line number the text starts after)."""
        lines = text.split("\n")
        if not lines or lines[0].strip() != "---":
            raise SourceError(path, 1, "expected YAML front matter between '---' lines, with a title and a date")
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is None:
            raise SourceError(path, 1, "the front matter that starts here is never closed with '---'")
        try:
            values = yaml.safe_load("\n".join(lines[1:end]))
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            problem = getattr(error, "problem", None) or "invalid YAML"
            raise SourceError(path, mark.line + 2 if mark else 2, f"malformed front matter: {problem}") from None
        except ValueError as error:  # YAML that parses but names an impossible date, e.g. 0000-00-00
            raise SourceError(path, 2, f"malformed front matter: {error}") from None
        if values is None:
            values = {}
        if not isinstance(values, dict):
            raise SourceError(path, 2, "front matter must be 'key: value' lines (a YAML mapping)")
        return cls(values, text, path), "\n".join(lines[end + 1 :]), end + 1

    def line(self, key):
        """The line of `key` in the file (1 when it is not there)."""
        for number, line in enumerate(self.text.split("\n"), start=1):
            if re.match(rf"^{re.escape(key)}\s*:", line):
                return number
            if number > 1 and line.strip() == "---":
                break
        return 1

    def error(self, key, message):
        return SourceError(self.path, self.line(key), message)

    def _first(self, keys):
        return next((key for key in keys if self.values.get(key) not in (None, "", [])), None)

    def text_value(self, keys, limit, required=False):
        """One line of text from the first of `keys` present; numbers are text too, lists and maps are not."""
        key = self._first(keys)
        if key is None:
            if required:
                raise self.error(keys[0], f"front matter has no '{keys[0]}'")
            return ""
        value = self.values[key]
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise self.error(key, f"'{key}' must be text, not {_kind(value)}")
        value = " ".join(str(value).split())
        if len(value) > limit:
            raise self.error(key, f"'{key}' is longer than {limit} characters ({len(value)})")
        return value

    def date_value(self, keys, required=False):
        key = self._first(keys)
        if key is None:
            if required:
                raise self.error(keys[0], f"front matter has no '{keys[0]}' (the event's first day, YYYY-MM-DD)")
            return None
        value = self.values[key]
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value.strip()[:10])
            except ValueError:
                pass
        raise self.error(key, f"'{key}: {value}' is not a date (use YYYY-MM-DD)")

    def names(self, keys):
        """[(name, line)] from list-of-text keys such as `tags` and `categories` (a single name is allowed)."""
        found = []
        for key in keys:
            value = self.values.get(key)
            if value in (None, "", []):
                continue
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise self.error(key, f"'{key}' must be a list of names, e.g. [django, testing]; got {_kind(value)}")
            found.extend((" ".join(name.split()), self.item_line(key, name)) for name in value)
        return found

    def item_line(self, key, item):
        """The line of `- item` in a block list under `key` (the key's own line for `[a, b]` lists)."""
        lines = self.text.split("\n")
        start = self.line(key)
        for number in range(start + 1, len(lines) + 1):
            line = lines[number - 1]
            if not line.strip().startswith("-") or line.strip() == "---":
                break
            if line.strip().lstrip("-").strip().strip("'\"") == item:
                return number
        return start


def _kind(value):
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list with something other than names in it" if value else "an empty list"
    if isinstance(value, bool):
        return "true/false"
    return type(value).__name__


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
