"""Other words for a search that found nothing (the page's "Vouliez-vous dire … ?" and the API's
`suggestion`), from the words of the published positions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pairjobs.domain.search import SearchQuery, search_statement, suggestion
from pairjobs.extensions import db
from pairjobs.models import Position


def suggested_words(query: SearchQuery, day: date) -> str | None:
    """The query's words with each unknown one replaced by the closest indexed word, when that finds
    something; None otherwise."""
    if not query.q:
        return None
    other = suggestion(query.q)
    if other is None:
        return None
    found = search_statement(replace(query, q=other), day).with_only_columns(Position.id).order_by(None)
    return other if db.session.scalar(found.limit(1)) is not None else None
