"""Wagtail's PostgreSQL search backend, ranked in one query (search/ranking.py).

PostgreSQL stems with its `english` configuration (set in settings: SEARCH_CONFIG), which is the
analysis of core.analysis. Fields carry the weight of their boost: the title A, passage headings B
(core.models.ContentPage), everything else D.

Each entry's `body` vector also holds the title (`StemmedPostgresIndex`), so a search reads one
vector per page: the matches come from `body`'s GIN index (or a scan, for a word on most pages) and
one `ts_rank` scores them, in the same query that applies the page filters and sorts. Upstream
concatenates `title || body` twice per match (once to match, once to rank), which was half the time
of a search for a common word at 10,000 pages.
"""

from django.db.models import Case, F, FloatField, Func, Value, When
from django.db.models.functions import Cast
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.query import Fuzzy, MatchAll, Not
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks
from wagtail.models import Page

from .ranking import LISTING_WEIGHT, RankOnce, RankOnceResults, listing_content_type_ids

# ts_rank's weights for lexemes labelled D, C, B, A: body, -, headings, title.
WEIGHTS = "{0.1, 0.2, 0.5, 1.0}"
# ts_rank normalisation 1: divide by 1 + log(length), so a long transcript's many mentions of a
# word do not bury the short page that is about it.
NORMALIZATION = 1


class WeightedRank(Func):
    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra):
        vector, vector_params = compiler.compile(self.source_expressions[0])
        query, query_params = compiler.compile(self.source_expressions[1])
        return f"ts_rank(%s::float4[], {vector}, {query}, {NORMALIZATION})", [WEIGHTS, *vector_params, *query_params]


class StemmedPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        """As upstream, then the title's lexemes are added to the body vector (see the module's doc)."""
        objs = list(objs)
        super().add_items(model, objs)
        if objs and model.get_search_fields():
            self.entries.filter(
                content_type_id=get_content_type_pk(model), object_id__in=[str(obj.pk) for obj in objs]
            ).update(body=F("title")._combine(F("body"), "||", False))


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
    dates_in_order = True

    def ranked_rows(self, config):
        ranked = self.ranked_queryset(config)
        return None if ranked is None else list(ranked)

    def ranked_queryset(self, config):
        """Every match the queryset allows as (pk, score), best first, in one query; None if not ranked here."""
        if self.fields is not None or isinstance(self.query, (MatchAll, Not, Fuzzy)):
            return None
        search_query = self.build_tsquery(self.query, config=config)
        score = WeightedRank(F("index_entries__body"), search_query)
        order = ["-_score", "-pk"]
        if issubclass(self.queryset.model, Page):
            listings = listing_content_type_ids()
            score = score * Case(When(content_type_id__in=listings, then=Value(LISTING_WEIGHT)), default=Value(1.0))
            order = ["-_score", F("first_published_at").desc(nulls_last=True), "-pk"]
        return (
            self.queryset.annotate(_vector_=F("index_entries__body"))
            .filter(_vector_=search_query)
            .annotate(_score=score)
            .order_by(*order)
            .values_list("pk", "_score")
        )


class RankOncePostgresAutocompleteQueryCompiler(PostgresRankOnce, PostgresAutocompleteQueryCompiler):
    pass


class RankOncePostgresSearchResults(RankOnceResults, PostgresSearchResults):
    pass


class RankOncePostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = RankOncePostgresQueryCompiler
    autocomplete_query_compiler_class = RankOncePostgresAutocompleteQueryCompiler
    results_class = RankOncePostgresSearchResults
    index_class = StemmedPostgresIndex
