"""Wagtail's SQLite search backend, with relevance ranking done in one pass (see search/backend.py).

Imported only on SQLite: the upstream module needs the FTS5 model that exists only there.
"""

from django.db.models import Case, FloatField, Value, When
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks


class RankOnce:
    """For SQLite's search and autocomplete query compilers: rank every match in one query."""

    _ranked_ids = None

    def ranked_ids(self, config):
        """Primary keys of the matching, filtered objects, best match first (None: not ranked here)."""
        query = normalize(self.query)
        if not self.order_by_relevance or isinstance(query, (MatchAll, Not)):
            return None
        if self._ranked_ids is None:
            match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config))
            scored = (
                SQLiteFTSIndexEntry.objects.filter(match)
                .filter(index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model))
                .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
                .order_by("score")  # bm25: lower is better
                .values_list("index_entry__object_id", "score")
            )
            matches = scored.values("index_entry__object_id")
            pk_field = self.queryset.model._meta.pk
            allowed = set(self.queryset.filter(pk__in=matches).values_list("pk", flat=True))
            found = ((pk_field.to_python(object_id), score) for object_id, score in scored)
            self._ranked_ids = [(pk, score) for pk, score in found if pk in allowed]
        return self._ranked_ids

    def search(self, config, start, stop, score_field=None):
        ranked = self.ranked_ids(config)
        if ranked is None:
            return super().search(config, start, stop, score_field=score_field)
        chosen = ranked[start:stop]
        order = Case(*(When(pk=pk, then=Value(position)) for position, (pk, _) in enumerate(chosen)))
        results = self.queryset.filter(pk__in=[pk for pk, _ in chosen])
        if chosen:
            results = results.order_by(order)
        if score_field is not None and chosen:
            scores = Case(*(When(pk=pk, then=Value(score)) for pk, score in chosen), output_field=FloatField())
            results = results.annotate(**{score_field: scores})
        return results


class RankOnceSQLiteQueryCompiler(RankOnce, SQLiteSearchQueryCompiler):
    pass


class RankOnceSQLiteAutocompleteQueryCompiler(RankOnce, SQLiteAutocompleteQueryCompiler):
    pass


class RankOnceSQLiteSearchResults(SQLiteSearchResults):
    def _do_count(self):
        ranked = self.query_compiler.ranked_ids(self.query_compiler.get_config(self.backend))
        return super()._do_count() if ranked is None else len(ranked[self.start : self.stop])


class RankOnceSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankOnceSQLiteQueryCompiler
    autocomplete_query_compiler_class = RankOnceSQLiteAutocompleteQueryCompiler
    results_class = RankOnceSQLiteSearchResults
