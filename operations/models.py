"""The purge journal: purges of cached pages not yet known to have reached every cache."""

from django.db import models


class PendingPurgeQuerySet(models.QuerySet):
    """Pending purges, oldest first."""

    def owed_to_the_page_cache(self):
        return self.filter(page_cache=True)


class PendingPurge(models.Model):
    """A purge written in the same transaction as the change it follows, deleted once every cache has had it.

    While a row exists the front cache (Varnish, a CDN) is owed the purge; `page_cache` says whether the
    page cache is owed it too. The front cache is always purged after the page cache, since a front cache
    that fetched in between may have stored a stale page from it. See operations/page_cache.py.
    """

    exact_paths = models.JSONField(default=list, help_text="Paths purged with their query strings and formats.")
    tree_paths = models.JSONField(default=list, help_text="Paths purged with everything below them.")
    page_cache = models.BooleanField(default=True, help_text="The page cache has not had this purge yet.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PendingPurgeQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"purge of {len(self.exact_paths) + len(self.tree_paths)} paths, {self.created_at:%Y-%m-%d %H:%M:%S}"
