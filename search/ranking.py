"""Relevance ranking in one pass over the search index, shared by the SQLite and PostgreSQL backends.

django-modelsearch (1.3.2) ranks inside the query that returns the objects: on SQLite a correlated
subquery re-runs the full-text query for every match (40 s for a common word at 10,000 pages); on
PostgreSQL the page table is joined to the index entries and both vectors are concatenated and
ranked for every match, and the count repeats the match in a second scan (250-350 ms). Here the
index is read once: every match's object id and score, best first, from the index table alone;
then the page filters (live, public, type, topic) are applied as the upstream backend applies
them, and only the requested slice of objects is fetched, in rank order. The count is the length of
that list. Queries these backends do not rank (no relevance order, MatchAll, a negation, fuzzy,
or a search restricted to named fields) go to the upstream code unchanged.
"""

from django.db.models import Case, FloatField, Value, When


class RankOnce:
    """Mixed into a database backend's query compiler; subclasses provide `index_matches`."""

    _ranked_ids = None
    # bm25 (SQLite) is better when lower, ts_rank (PostgreSQL) when higher.
    lower_score_is_better = False

    def index_matches(self, config):
        """(matching index entries with a `score` and an `object_pk`, or None if not ranked here)."""
        raise NotImplementedError

    def ranked_ids(self, config):
        """(pk, score) of the matching objects the queryset allows, best first; None if not ranked here."""
        if not self.order_by_relevance:
            return None
        if self._ranked_ids is None:
            matches = self.index_matches(config)
            if matches is None:
                return None
            scored = list(matches.values_list("object_pk", "score"))
            allowed = self.allowed_pks([pk for pk, _ in scored], matches)
            ranked = [(pk, score) for pk, score in scored if pk in allowed]
            # The upstream backends' order: by score, ties newest (highest pk) first. Two stable sorts.
            ranked.sort(key=lambda entry: entry[0], reverse=True)
            ranked.sort(key=lambda entry: entry[1], reverse=not self.lower_score_is_better)
            self._ranked_ids = ranked
        return self._ranked_ids

    def allowed_pks(self, pks, matches):
        """Which of the matched `pks` the queryset's filters let through."""
        return set(self.queryset.filter(pk__in=matches.values("object_pk")).values_list("pk", flat=True))

    def search(self, config, start, stop, score_field=None, **kwargs):
        ranked = self.ranked_ids(config)
        if ranked is None:
            return super().search(config, start, stop, score_field=score_field, **kwargs)
        chosen = ranked[start:stop]
        results = self.queryset.filter(pk__in=[pk for pk, _ in chosen])
        if chosen:
            results = results.order_by(Case(*(When(pk=pk, then=Value(n)) for n, (pk, _) in enumerate(chosen))))
            if score_field is not None:
                scores = Case(*(When(pk=pk, then=Value(score)) for pk, score in chosen), output_field=FloatField())
                results = results.annotate(**{score_field: scores})
        return results


class RankOnceResults:
    """Mixed into the backend's results class: the count comes from the ranked list."""

    def _do_count(self):
        ranked = getattr(self.query_compiler, "ranked_ids", lambda config: None)(
            self.query_compiler.get_config(self.backend)
        )
        return super()._do_count() if ranked is None else len(ranked[self.start : self.stop])
