"""Relevance ranking in one pass over the search index, shared by the SQLite and PostgreSQL backends.

django-modelsearch (1.3.2) ranks inside the query that returns the objects: on SQLite a correlated
subquery re-runs the full-text query for every match (40 s for a common word at 10,000 pages); on
PostgreSQL the page table is joined to the index entries and both vectors are concatenated and
ranked for every match, and the count repeats the match in a second scan (250-350 ms). Here the
index is read once: every match's object id, score and type; the page filters (live, public, type,
topic) are applied to the ids found; only the requested slice of objects is then fetched, in rank
order, and the count is the length of the list. (PostgreSQL's compiler does all that in one query.)
Queries these backends do not rank (no relevance order, MatchAll, a negation, fuzzy, or a search
restricted to named fields) go to the upstream code unchanged.

The order, for both databases:
- the score weighs the title, and the headings of a page's passages (its `search_headings`, boosted
  in `core.models.ContentPage.search_fields`), above body text;
- listing pages (indexes, topics, the home page) count `LISTING_WEIGHT` of their score, so content
  that matches as well comes first;
- equal scores go to the page published last (then the newest id).
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Case, F, FloatField, Value, When
from wagtail.models import Page, get_page_models

from core.models import ContentPage

# Above this many matches, the queryset's allowed ids are read whole rather than looked up.
MANY_MATCHES = 500
# A listing page's share of its score: it only outranks content that matches much less well.
LISTING_WEIGHT = 0.5


def listing_content_type_ids():
    """Content types of the pages that list others rather than say something themselves."""
    models = [model for model in get_page_models() if not issubclass(model, ContentPage)]
    return {content_type.id for content_type in ContentType.objects.get_for_models(*models).values()}


def rows(queryset):
    """The rows of a `values_list` queryset as the database driver returns them: a common word
    matches thousands of pages, and Django's conversion of each row cost as much as reading it.
    Only for columns the driver already returns as Python wants them (ids, scores)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class RankOnce:
    """Mixed into a database backend's query compiler; subclasses provide `index_matches`."""

    _ranked_ids = None
    # bm25 (SQLite) is better when lower, ts_rank (PostgreSQL) when higher.
    lower_score_is_better = False

    def index_matches(self, config):
        """(matching index entries with a `score`, an `object_pk` and a `content_type_id`, or None if
        not ranked here)."""
        raise NotImplementedError

    def ranked_ids(self, config):
        """(pk, score) of the matching objects the queryset allows, best first; None if not ranked here."""
        if not self.order_by_relevance:
            return None
        if self._ranked_ids is None:
            self._ranked_ids = self.ranked_rows(config)
        return self._ranked_ids

    def ranked_rows(self, config):
        """(pk, score) of every match the queryset allows, best first, or None for queries not ranked
        here: one query reads the index, then the ids the queryset's filters allow are kept."""
        matches = self.index_matches(config)
        if matches is None:
            return None
        listings = listing_content_type_ids() if issubclass(self.queryset.model, Page) else set()
        weighted = F("score")
        if listings:
            weighted = Case(
                When(content_type_id__in=listings, then=F("score") * LISTING_WEIGHT),
                default=F("score"),
                output_field=FloatField(),
            )
        # The database sorts them, best first (equal scores newest id first; when a slice is taken,
        # the pages of equal score are put in order of publication: see `ordered_slice`).
        best = "weighted" if self.lower_score_is_better else "-weighted"
        return self.allowed_matches(matches.annotate(weighted=weighted).order_by(best, "-object_pk"))

    def allowed_matches(self, matches):
        """(pk, weighted score) of the matches the queryset's filters let through, in their order.

        A few matches are looked up by id; for many, reading every allowed id (one pass over the
        page table) costs SQLite a third of the work of filtering the matches again. Neither needs
        the pages' order (a tree's path: sorting 10,000 ids was half of reading them).
        """
        scored = rows(matches.values_list("object_pk", "weighted"))
        if len(scored) <= MANY_MATCHES:
            allowed = self.queryset.filter(pk__in=[pk for pk, _ in scored])
        else:
            allowed = self.queryset
        allowed = {pk for (pk,) in rows(allowed.order_by().values_list("pk"))}
        return [match for match in scored if match[0] in allowed]

    def ordered_slice(self, ranked, start, stop):
        """ranked[start:stop], where pages of equal score go in order of publication, newest first.

        A common word gives thousands of matches but few distinct scores, so only the runs of equal
        scores that reach into the slice have their dates read (a few dozen pages at most).
        """
        start, stop = start or 0, len(ranked) if stop is None else min(stop, len(ranked))
        if start >= stop or not issubclass(self.queryset.model, Page):
            return ranked[start:stop]
        first, last = start, stop
        while first > 0 and ranked[first - 1][1] == ranked[start][1]:
            first -= 1
        while last < len(ranked) and ranked[last][1] == ranked[stop - 1][1]:
            last += 1
        window = ranked[first:last]
        if all(a[1] != b[1] for a, b in zip(window, window[1:], strict=False)):
            return ranked[start:stop]
        published = {
            pk: date.timestamp() if date else 0
            for pk, date in Page.objects.filter(pk__in=[pk for pk, _ in window]).values_list("pk", "first_published_at")
        }
        sign = 1 if self.lower_score_is_better else -1
        window.sort(key=lambda entry: (sign * entry[1], -published.get(entry[0], 0), -entry[0]))
        return window[start - first : stop - first]

    def search(self, config, start, stop, score_field=None, **kwargs):
        ranked = self.ranked_ids(config)
        if ranked is None:
            return super().search(config, start, stop, score_field=score_field, **kwargs)
        chosen = self.ordered_slice(ranked, start, stop)
        results = self.queryset.filter(pk__in=[pk for pk, _ in chosen])
        if chosen:
            results = results.order_by(Case(*(When(pk=pk, then=Value(n)) for n, (pk, _) in enumerate(chosen))))
            if score_field is not None:
                scores = Case(*(When(pk=pk, then=Value(score)) for pk, score in chosen), output_field=FloatField())
                results = results.annotate(**{score_field: scores})
        return results


class RankOnceResults:
    """Mixed into the backend's results class: the count comes from the ranked list, and a slice's
    objects are put in rank order here rather than by the database."""

    def _do_search(self):
        compiler = self.query_compiler
        ranked = getattr(compiler, "ranked_ids", lambda config: None)(compiler.get_config(self.backend))
        if ranked is None or self._score_field is not None:
            return super()._do_search()
        # An ORDER BY of one CASE branch per result cost more to compile than the objects to read.
        chosen = compiler.ordered_slice(ranked, self.start, self.stop)
        if not chosen:
            return []
        position = {pk: n for n, (pk, _) in enumerate(chosen)}
        found = compiler.queryset.filter(pk__in=list(position)).order_by()
        return sorted(found, key=lambda obj: position[obj.pk])

    def _do_count(self):
        ranked = getattr(self.query_compiler, "ranked_ids", lambda config: None)(
            self.query_compiler.get_config(self.backend)
        )
        return super()._do_count() if ranked is None else len(ranked[self.start : self.stop])
