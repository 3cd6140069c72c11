"""Other words for a search that found nothing (the page's "Vouliez-vous dire … ?" and the API's
`suggestion`), from the indexed vocabulary, kept in the result cache until positions change."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import sqlalchemy as sa

from pairjobs.domain.search import SEARCH_TABLES, SearchQuery, search_statement, suggestion, vocabulary
from pairjobs.extensions import db
from pairjobs.infra.caching import cached


def suggested_words(query: SearchQuery, day: date) -> str | None:
    """The query's words with each unknown one replaced by the closest indexed word, when that finds
    something; None otherwise."""
    if not query.q:
        return None
    known = cached("search.vocabulary", (day,), SEARCH_TABLES, lambda: vocabulary(day))
    other = suggestion(query.q, known)
    if other is None:
        return None
    found = search_statement(replace(query, q=other), day).with_only_columns(sa.func.count()).order_by(None)
    return other if db.session.scalar(found) else None
