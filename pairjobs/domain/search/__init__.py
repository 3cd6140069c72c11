"""Position search, the same on SQLite and PostgreSQL: French words (`text`), the query and its statement
(`statement`), counts by filter value (`facets`), a suggestion when nothing matches (`suggest`), and
distances between communes (`nearby`)."""

from pairjobs.domain.search.facets import facet_counts
from pairjobs.domain.search.sample import Sample, read_sample
from pairjobs.domain.search.statement import (
    DEFAULT_RADIUS_KM,
    SEARCH_TABLES,
    SearchQuery,
    open_positions,
    parse_search,
    search_positions,
    search_statement,
)
from pairjobs.domain.search.suggest import rebuild_vocabulary, remember_words, suggestion
from pairjobs.domain.search.text import text_condition

__all__ = ["DEFAULT_RADIUS_KM", "SEARCH_TABLES", "Sample", "SearchQuery", "facet_counts", "open_positions",
           "parse_search", "read_sample", "rebuild_vocabulary", "remember_words", "search_positions",
           "search_statement", "suggestion", "text_condition"]
