"""Wagtail's PostgreSQL search backend, ranked in one pass (search/ranking.py)."""

from django.db.models import F
from django.db.models.functions import Cast
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresAutocompleteQueryCompiler,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.query import Fuzzy, MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

from .ranking import RankOnce, RankOnceResults


def _on_entry(expression):
    """An expression on the searched model's `index_entries__…` as one on the index entry itself."""
    return F(expression.name.removeprefix("index_entries__")) if isinstance(expression, F) else expression


class PostgresRankOnce(RankOnce):
    def index_matches(self, config):
        if self.fields is not None or isinstance(self.query, (MatchAll, Not, Fuzzy)):
            return None
        search_query = self.build_tsquery(self.query, config=config)
        vectors = [(_on_entry(vector), _on_entry(boost)) for vector, boost in self.get_index_vectors(search_query)]
        combined = vectors[0][0]
        for vector, _ in vectors[1:]:
            combined = combined._combine(vector, "||", False)
        # The same `title || body @@ query` as upstream, so search/migrations' GIN index serves it.
        return (
            IndexEntry.objects.filter(content_type_id__in=get_descendants_content_types_pks(self.queryset.model))
            .annotate(_vector_=combined)
            .filter(_vector_=search_query)
            .annotate(
                score=self._build_rank_expression(vectors, config),
                object_pk=Cast("object_id", self.queryset.model._meta.pk),
            )
        )


class RankOncePostgresQueryCompiler(PostgresRankOnce, PostgresSearchQueryCompiler):
    pass


class RankOncePostgresAutocompleteQueryCompiler(PostgresRankOnce, PostgresAutocompleteQueryCompiler):
    pass


class RankOncePostgresSearchResults(RankOnceResults, PostgresSearchResults):
    pass


class RankOncePostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = RankOncePostgresQueryCompiler
    autocomplete_query_compiler_class = RankOncePostgresAutocompleteQueryCompiler
    results_class = RankOncePostgresSearchResults
