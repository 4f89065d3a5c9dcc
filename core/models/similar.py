"""The pages most like a page by what it says: stored, so related pages read them in the query they make anyway."""

from django.db import models


class SimilarPage(models.Model):
    """One of the pages most like a page by its words, found by the site's search when the page is
    published (search/similar.py); a page's related pages are filled up from them (core/related.py).
    Kept by the site, not by editors."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    similar = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    # 0 for the most similar page.
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["page", "position"]
        constraints = [models.UniqueConstraint(fields=["page", "similar"], name="core_similarpage_once")]

    def __str__(self):
        return f"{self.page_id} is like {self.similar_id}"
