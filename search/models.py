"""What search keeps besides Wagtail's index: the titles and headings offered while a visitor types."""

from django.core.exceptions import ValidationError
from django.db import models

from core.analysis import words


class Suggestion(models.Model):
    """A page's title, or one of its headings (a question, a talk, a section), offered as a search
    suggestion. Rebuilt for a page whenever it is published (search/suggestions.py)."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=255)
    # The heading's id on the page ("" for the title).
    anchor = models.CharField(max_length=255, blank=True)
    # 0 for the page's title, then the headings in page order.
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["page", "position"]

    def __str__(self):
        return self.text


class SuggestionWord(models.Model):
    """One word of a suggestion, lowercased: found by the prefix a visitor has typed."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="words")
    word = models.CharField(max_length=64, db_index=True)
    # The suggestion's length: the shortest suggestions for a prefix are chosen without reading them.
    length = models.PositiveSmallIntegerField()

    def __str__(self):
        return self.word


class Synonym(models.Model):
    """Ways of writing one thing that search should treat alike (CI and continuous integration)."""

    words = models.CharField(
        max_length=255,
        unique=True,
        help_text="Two or more words or phrases that mean the same to a visitor, separated by commas, e.g. "
        "'CI, continuous integration' or 'roll back, rollback'. A search for any of them finds pages with any "
        "of them.",
    )

    class Meta:
        ordering = ["words"]

    def __str__(self):
        return self.words

    @property
    def alternatives(self):
        """Each way of writing it as a tuple of lowercased words, without repeats."""
        found = (tuple(word.lower() for word in words(part)) for part in self.words.split(","))
        return tuple(dict.fromkeys(alternative for alternative in found if alternative))

    def clean(self):
        if len(self.alternatives) < 2:
            raise ValidationError(
                {
                    "words": "Give at least two different words or phrases, separated by commas: 'CI, continuous "
                    "integration'."
                }
            )
