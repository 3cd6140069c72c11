"""When nothing matches: the closest words of the indexed vocabulary ("psichiatrie" → "psychiatrie"),
found with rapidfuzz."""

from __future__ import annotations

from collections import Counter
from datetime import date

import sqlalchemy as sa
from rapidfuzz import fuzz, process

from pairjobs.domain.search.statement import open_positions
from pairjobs.domain.search.text import STOPWORDS, fold, words_of
from pairjobs.extensions import db
from pairjobs.models import Position

MIN_LENGTH = 4  # shorter words are left as typed
SCORE_CUTOFF = 80  # rapidfuzz's ratio, 0–100


def vocabulary(today: date) -> dict[str, str]:
    """The words of the open positions' texts: folded form → the way it is most often written."""
    written: dict[str, Counter[str]] = {}
    for document in db.session.scalars(sa.select(Position.search_document).where(open_positions(today))):
        for word in words_of(document):
            if len(word) >= MIN_LENGTH and not word.isdigit():
                written.setdefault(fold(word), Counter())[word] += 1
    return {folded: forms.most_common(1)[0][0] for folded, forms in written.items()}


def suggestion(q: str, known: dict[str, str]) -> str | None:
    """q with each unknown word replaced by the closest known one; None when nothing is replaced."""
    if not known:
        return None
    choices = list(known)
    changed, words = False, []
    for word in words_of(q):
        folded = fold(word)
        if len(word) < MIN_LENGTH or word in STOPWORDS or folded in known:
            words.append(word)
            continue
        best = process.extractOne(folded, choices, scorer=fuzz.ratio, score_cutoff=SCORE_CUTOFF)
        if best is None:
            words.append(word)
        else:
            words.append(known[best[0]])
            changed = True
    return " ".join(words) if changed else None
