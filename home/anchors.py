"""Stable, human-readable anchor ids for headings derived from their text."""

from django.utils.text import slugify


class AnchorSet:
    """Hands out unique slug ids within one page: a repeated text gets `-2`, `-3`, ….

    One instance is used for a whole render so that a section and a question with the
    same words still get different ids, and the same content always gets the same ids.
    """

    def __init__(self):
        self._used = set()

    def make(self, text, fallback="section"):
        base = slugify(str(text))[:80].strip("-") or fallback
        anchor, n = base, 2
        while anchor in self._used:
            anchor = f"{base}-{n}"
            n += 1
        self._used.add(anchor)
        return anchor
