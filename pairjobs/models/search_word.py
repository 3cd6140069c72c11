"""The words of the published positions' texts, for the search: the forms of a word in the SQLite index,
and "did you mean" (`domain/search/suggest`)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from pairjobs.models.base import Base


class SearchWord(Base):
    """A word of the published positions, folded (lower case, no accents), and the way it is written.

    A position's new words are added when it is published or its text changes; the whole list is rebuilt
    from the open positions daily (`flask search-words`), which drops the words no open position has.
    """

    __tablename__ = "search_word"

    word: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    written: Mapped[str] = mapped_column(sa.String(64))
