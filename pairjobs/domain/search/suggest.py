"""The words of the published positions (table `search_word`): the forms of a searched word that the
SQLite index holds (`text`), and when nothing matches, the closest words ("psichiatrie" → "psychiatrie"),
found with rapidfuzz among the known words that begin with the same two letters."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

import sqlalchemy as sa
from rapidfuzz import fuzz, process
from sqlalchemy.dialects import postgresql, sqlite

from pairjobs.domain.search.statement import open_positions
from pairjobs.domain.search.text import STOPWORDS, fold, words_of
from pairjobs.extensions import db
from pairjobs.models import Position, SearchWord

MIN_LENGTH = 4  # shorter words are neither corrected nor suggested
MAX_LENGTH = 64  # longer "words" (a pasted link) are not kept
SCORE_CUTOFF = 80  # rapidfuzz's ratio, 0–100
PREFIX = 2  # a misspelt word is compared with the known words that begin like it


def _written_forms(documents: Iterable[str]) -> dict[str, str]:
    """Folded word → the way it is most often written in the documents."""
    written: dict[str, Counter[str]] = {}
    for document in documents:
        for word in words_of(document):
            if len(word) <= MAX_LENGTH:
                written.setdefault(fold(word), Counter())[word] += 1
    return {folded: forms.most_common(1)[0][0] for folded, forms in written.items()}


def _insert_missing(words: dict[str, str]) -> None:
    """Add the words the table lacks; a word another transaction adds meanwhile is left as it is."""
    if not words:
        return
    dialect = sqlite if db.engine.dialect.name == "sqlite" else postgresql
    rows = [{"word": w, "written": written} for w, written in sorted(words.items())]
    db.session.execute(dialect.insert(SearchWord).values(rows).on_conflict_do_nothing())


def remember_words(document: str) -> None:
    """Make a published position's words known to the suggestions."""
    _insert_missing(_written_forms([document]))


def rebuild_vocabulary(today: date) -> int:
    """The words of the open positions only (daily): how many."""
    words = _written_forms(db.session.scalars(sa.select(Position.search_document)
                                              .where(open_positions(today))))
    db.session.execute(sa.delete(SearchWord))
    _insert_missing(words)
    return len(words)


def suggestion(q: str) -> str | None:
    """q with each unknown word replaced by the closest known one; None when nothing is replaced."""
    typed = words_of(q)
    folded = {w: fold(w) for w in typed if len(w) >= MIN_LENGTH and w not in STOPWORDS}
    known = set(db.session.scalars(sa.select(SearchWord.word)
                                   .where(SearchWord.word.in_(set(folded.values())))))
    changed, words = False, []
    for word in typed:
        if word not in folded or folded[word] in known:
            words.append(word)
            continue
        start = folded[word][:PREFIX]
        near = dict(db.session.execute(sa.select(SearchWord.word, SearchWord.written).where(
            SearchWord.word >= start, SearchWord.word < start + "\uffff",
            sa.func.length(SearchWord.word) >= MIN_LENGTH)).all())
        best = process.extractOne(folded[word], list(near), scorer=fuzz.ratio, score_cutoff=SCORE_CUTOFF)
        if best is None:
            words.append(word)
        else:
            words.append(near[best[0]])
            changed = True
    return " ".join(words) if changed else None
