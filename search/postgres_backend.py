"""Wagtail's PostgreSQL search backend, ranked in one query (search/ranking.py).

PostgreSQL stems with its `english` configuration (set in settings: SEARCH_CONFIG), which is the
analysis of core.analysis. Fields carry the weight of their boost: the title A, passage headings B
(core.models.ContentPage), everything else D.

Each entry's `body` vector also holds the title (`StemmedPostgresIndex`), so a search reads one
vector per page: the matches come from `body`'s GIN index (or a scan, for a word on most pages) and
one `ts_rank` scores each as it is read, in the query that also keeps only the pages the filters
allow. Upstream concatenates `title || body` twice per match (once to match, once to rank), which
was half the time of a search for a common word at 10,000 pages.
"""

from django.contrib.postgres.search import SearchQuery
from django.db.models import F, FloatField, Func
from django.db.models.functions import Cast
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import Fuzzy, MatchAll, Not
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from .query import Prefix
from .ranking import RankOnce, RankOnceResults, rows

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
        vector, score = self.match_vector(search_query, config)
        return (
            IndexEntry.objects.filter(content_type_id__in=get_descendants_content_types_pks(self.queryset.model))
            .annotate(_vector_=vector)
            .filter(_vector_=search_query)
            .annotate(score=score, object_pk=Cast("object_id", self.queryset.model._meta.pk))
        )

    def match_vector(self, search_query, config):
        """(the vector to match, the score): upstream's `title || body`, which search/migrations' GIN
        index serves, ranked as upstream ranks it."""
        vectors = [(_on_entry(vector), _on_entry(boost)) for vector, boost in self.get_index_vectors(search_query)]
        combined = vectors[0][0]
        for vector, _ in vectors[1:]:
            combined = combined._combine(vector, "||", False)
        return combined, self._build_rank_expression(vectors, config)

    def allowed_matches(self, matches):
        # A semi-join in the same query: the score is computed as the index is read, so only ids and
        # scores (not vectors) meet the page filters.
        allowed = matches.filter(object_pk__in=self.queryset.values("pk"))
        return rows(allowed.values_list("object_pk", "weighted"))


class RankOncePostgresQueryCompiler(PostgresRankOnce, PostgresSearchQueryCompiler):
    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, Prefix):
            # A stem already: `alpin`:* finds 'alpinej' (AlpineJS).
            return SearchQuery(Lexeme(query.word, invert=invert, prefix=True), search_type="raw", config=config)
        return super().build_tsquery_content(query, config=config, invert=invert)

    def match_vector(self, search_query, config):
        return F("body"), WeightedRank(F("body"), search_query)


class RankOncePostgresAutocompleteQueryCompiler(PostgresRankOnce, PostgresAutocompleteQueryCompiler):
    pass


class RankOncePostgresSearchResults(RankOnceResults, PostgresSearchResults):
    pass


class RankOncePostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = RankOncePostgresQueryCompiler
    autocomplete_query_compiler_class = RankOncePostgresAutocompleteQueryCompiler
    results_class = RankOncePostgresSearchResults
    index_class = StemmedPostgresIndex
