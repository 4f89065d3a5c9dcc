"""Wagtail's SQLite search backend, ranked in one pass (search/ranking.py).

Imported only on SQLite: the upstream module needs the FTS5 model that exists only there.
"""

from django.db.models.functions import Cast
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

from .ranking import RankOnce, RankOnceResults


class SQLiteRankOnce(RankOnce):
    lower_score_is_better = True

    def index_matches(self, config):
        query = normalize(self.query)
        if isinstance(query, (MatchAll, Not)):
            return None
        match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config))
        return (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model))
            .annotate(
                score=self._build_rank_expression(self.get_search_vectors(), config),
                object_pk=Cast("index_entry__object_id", self.queryset.model._meta.pk),
            )
        )


class RankOnceSQLiteQueryCompiler(SQLiteRankOnce, SQLiteSearchQueryCompiler):
    pass


class RankOnceSQLiteAutocompleteQueryCompiler(SQLiteRankOnce, SQLiteAutocompleteQueryCompiler):
    pass


class RankOnceSQLiteSearchResults(RankOnceResults, SQLiteSearchResults):
    pass


class RankOnceSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankOnceSQLiteQueryCompiler
    autocomplete_query_compiler_class = RankOnceSQLiteAutocompleteQueryCompiler
    results_class = RankOnceSQLiteSearchResults
