"""What search keeps besides Wagtail's index: the titles and headings offered while a visitor types."""

from django.db import models


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
