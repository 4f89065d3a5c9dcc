"""Wagtail's SQLite search backend with English stems, ranked in one pass (search/ranking.py).

FTS5's own stemmer (`porter`) is the original Porter algorithm, which makes "deploy" `deploi` but
"deployment" `deploy`, and cannot be changed per table without a C extension. So the index stores
the stems of core.analysis (the Snowball English stemmer PostgreSQL uses, stop words left out) and
every query term is stemmed the same way before it reaches FTS5: `migration` finds "migrations",
`deploy` finds "deployment". The title column also holds the page's other boosted fields (a guide's
questions, an article's headings…) and weighs `TITLE_WEIGHT` times the body in bm25. The
autocomplete column (the admin's choosers) keeps the plain words and prefix matching.

Imported only on SQLite: the upstream module needs the FTS5 model that exists only there.
Run `manage.py update_index` after upgrading, so existing entries are stored as stems.
"""

from django.db.models import F, FloatField, Func
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite.query import Lexeme, MatchExpression, SearchQueryExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    ObjectIndexer,
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.index import SearchField
from modelsearch.query import MatchAll, Not, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from core.analysis import index_text, stems

from .query import Prefix
from .ranking import RankOnce, RankOnceResults

# Fields boosted at least this much are stored with the title (Wagtail boosts titles by 2).
TITLE_BOOST = 1.5
# bm25 weight of the title column (title and headings) against the body's 1.
TITLE_WEIGHT = 4.0
# A stem can never be this (stems are letters and digits), so the phrase matches nothing.
NOTHING = "_"


class StemmedObjectIndexer(ObjectIndexer):
    """An object's words as stems: the title column holds the boosted fields, the body the rest."""

    def _texts(self, in_title):
        for field in self.search_fields:
            for current_field, value in self.prepare_field(self.obj, field):
                if isinstance(current_field, SearchField) and ((current_field.boost or 0) >= TITLE_BOOST) == in_title:
                    yield value

    @property
    def title(self):
        return index_text(" ".join(self._texts(in_title=True)))

    @property
    def body(self):
        return index_text(" ".join(self._texts(in_title=False)))


class StemmedSQLiteIndex(SQLiteIndex):
    def add_items(self, model, objs):
        """As upstream, with the stems of StemmedObjectIndexer (one UPDATE or INSERT per object)."""
        if not model.get_search_fields():
            return
        content_type_pk = get_content_type_pk(model)
        entries = self.entries.filter(content_type_id=content_type_pk)
        data = {}
        for obj in objs:
            indexer = StemmedObjectIndexer(obj, self.backend)
            data[indexer.id] = {"title": indexer.title, "autocomplete": indexer.autocomplete, "body": indexer.body}
        if not data:
            return
        existing = set(entries.filter(object_id__in=data).values_list("object_id", flat=True))
        for object_id in existing:
            entries.filter(object_id=object_id).update(**data[object_id])
        self.entries.bulk_create(
            IndexEntry(content_type_id=content_type_pk, object_id=object_id, **fields)
            for object_id, fields in data.items()
            if object_id not in existing
        )
        self._refresh_title_norms()


class WeightedBM25(Func):
    """bm25() with the FTS table's columns (autocomplete, body, title) weighted."""

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra):
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, 0.0, 1.0, {TITLE_WEIGHT})", []


def stemmed_phrase(text):
    """An FTS5 phrase of the stems of `text`'s searching words ("" matches nothing)."""
    return " ".join(stems(text)) or NOTHING


class StemmedQueries:
    """Query terms and phrases reach FTS5 as the stems the index stores."""

    def build_search_query_content(self, query, config=None):
        if isinstance(query, Prefix):
            # The index stores stems: `alpin`* finds "alpinej" (AlpineJS).
            return SearchQueryExpression(Lexeme(query.word, prefix=True), config=config)
        if isinstance(query, PlainText):
            # Stop words are not in the index: they are left out, not required.
            chunks = [chunk for chunk in query.query_string.split() if stems(chunk)]
            terms = [Lexeme(stemmed_phrase(chunk)) for chunk in chunks] or [Lexeme(NOTHING)]
            combined = terms[0]
            for term in terms[1:]:
                combined = combined & term if query.operator.upper() == "AND" else combined | term
            return SearchQueryExpression(combined, config=config)
        if isinstance(query, Phrase):
            return SearchQueryExpression(Lexeme(stemmed_phrase(query.query_string)), config=config)
        return super().build_search_query_content(query, config=config)


class SQLiteRankOnce(RankOnce):
    lower_score_is_better = True

    def rank_expression(self, config):
        return self._build_rank_expression(self.get_search_vectors(), config)

    def index_matches(self, config):
        query = normalize(self.query)
        if isinstance(query, (MatchAll, Not)):
            return None
        match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config))
        return (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model))
            .annotate(
                score=self.rank_expression(config),
                object_pk=Cast("index_entry__object_id", self.queryset.model._meta.pk),
                content_type_id=F("index_entry__content_type_id"),
            )
        )


class RankOnceSQLiteQueryCompiler(SQLiteRankOnce, StemmedQueries, SQLiteSearchQueryCompiler):
    def rank_expression(self, config):
        return WeightedBM25()


class RankOnceSQLiteAutocompleteQueryCompiler(SQLiteRankOnce, SQLiteAutocompleteQueryCompiler):
    pass


class RankOnceSQLiteSearchResults(RankOnceResults, SQLiteSearchResults):
    pass


class RankOnceSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankOnceSQLiteQueryCompiler
    autocomplete_query_compiler_class = RankOnceSQLiteAutocompleteQueryCompiler
    results_class = RankOnceSQLiteSearchResults
    index_class = StemmedSQLiteIndex
