"""What the words of a search mean: French stems, feminine and plural forms, synonyms, and the labels of
the contract types, settings and working times.

A query becomes a list of units that must all match. A unit matches a position when one of its
alternatives (a list of words, all required) is in the position's text, or, for a label ("CDI", "temps
partiel", "équipe mobile"), when the position has that value. The text side is written once and drawn for
each database: on SQLite an FTS5 expression of the index's words that have the searched word's Snowball
French stem (read from the index's vocabulary), on PostgreSQL a `to_tsquery` of the words, which its French
configuration stems the same way.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import snowballstemmer
import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale

from pairjobs.extensions import db
from pairjobs.models import ContractType, Position, SearchWord, Setting

_WORD = re.compile(r"\w+", re.UNICODE)
# Words too common to mean anything in a search (they are still part of a synonym or a label).
STOPWORDS = frozenset((
    "a", "à", "au", "aux", "avec", "ce", "ces", "d", "dans", "de", "des", "du", "elle", "en", "et",
    "il", "je", "l", "la", "le", "les", "leur", "lui", "ma", "mais", "me", "mes", "mon", "ne", "nos",
    "notre", "nous", "on", "ou", "où", "par", "pas", "pour", "qu", "que", "qui", "sa", "se", "ses",
    "son", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "y",
))
# Words of search-engine syntax that people type out of habit: they mean nothing here.
STOPWORDS |= {"and", "or", "not", "near"}
# Feminine and masculine forms of the same job, whose stems differ: médiatrice / médiateur.
_GENDER = ((re.compile(r"trice(s?)$"), r"teur\1"), (re.compile(r"teur(s?)$"), r"trice\1"),
           (re.compile(r"euse(s?)$"), r"eur\1"), (re.compile(r"(?<!t)eur(s?)$"), r"euse\1"))
# A Snowball stemmer keeps the word it works on in itself: one per thread (gunicorn's threads shared one
# and stemmed each other's words, failing with IndexError under load).
_stemmers = threading.local()


def fold(word: str) -> str:
    """Lower case without accents: "Équipe" → "equipe"."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words_of(text: str) -> list[str]:
    """The words of a text, in lower case (accents kept: the stemmer reads them)."""
    return [w.lower() for w in _WORD.findall(text)]


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """The folded Snowball French stem: "psychiatrique" and "psychiatrie" → "psychiatr". Memoized (about
    2 MB for 8,192 words of the index, 5 MB at most for words of 200 characters typed in the search box): a
    search stems every word of the index that begins like the searched one, 1 to 3 ms a query at national
    scale when each was stemmed anew."""
    stemmer = getattr(_stemmers, "french", None)
    if stemmer is None:
        stemmer = _stemmers.french = snowballstemmer.stemmer("french")
    return fold(stemmer.stemWord(word.lower()))


def key(word: str) -> str:
    """The stem of the masculine form, to recognise a phrase whatever its gender: "médiatrice" and
    "médiateur" → "mediateur"."""
    for pattern, replacement in _GENDER[::2]:  # feminine → masculine
        word = pattern.sub(replacement, word)
    return stem(word)


def forms(word: str) -> list[str]:
    """The word and its other gender's form when they stem apart."""
    found = [word]
    for pattern, replacement in _GENDER:
        other = pattern.sub(replacement, word)
        if other != word and stem(other) != stem(word) and other not in found:
            found.append(other)
    return found


@dataclass
class Unit:
    """Words of the query that must match together: one of `alternatives` in the text, or `condition`."""

    alternatives: list[list[str]]
    condition: sa.ColumnElement[bool] | None = None
    words: list[str] = field(default_factory=list)  # as typed


def units(q: str) -> list[Unit]:
    """The units of a query, reading the longest synonym or label at each word; little words such as "de"
    or "la" are not looked for (`text_condition` finds nothing for a query of only such words)."""
    typed = [w for w in words_of(q) if w not in STOPWORDS]
    stems = [key(w) for w in typed]
    phrases = _phrases(tuple(tuple(group) for group in current_app.config["SEARCH_SYNONYMS"]))
    found: list[Unit] = []
    i = 0
    while i < len(typed):
        longest = min(len(typed) - i, LONGEST)
        n = next((n for n in range(longest, 0, -1) if tuple(stems[i:i + n]) in phrases), 1)
        alternatives, condition_of = phrases.get(tuple(stems[i:i + n]), ([], None))
        words = typed[i:i + n]
        found.append(Unit(_distinct(alternatives) or [words],
                          condition_of() if condition_of else None, words))
        i += n
    return found


def _distinct(alternatives: Iterable[Sequence[str]]) -> list[list[str]]:
    """The alternatives without those that say the same as an earlier one (same stems)."""
    seen: set[tuple[str, ...]] = set()
    kept = []
    for words in alternatives:
        stems = tuple(sorted(key(w) for w in words))  # all are required: their order does not matter
        if stems not in seen:
            seen.add(stems)
            kept.append(list(words))
    return kept


def _content(words: Sequence[str]) -> list[str]:
    return [w for w in words if w not in STOPWORDS] or list(words)


LONGEST = 6  # words in the longest phrase looked for


@lru_cache(maxsize=8)
def _phrases(synonyms: tuple[tuple[str, ...], ...]) -> dict[tuple[str, ...], tuple[list[list[str]], Any]]:
    """Stems of each synonym and label phrase → (its text alternatives, a builder of its SQL condition)."""
    table: dict[tuple[str, ...], tuple[list[list[str]], Any]] = {}
    for group in synonyms:
        alternatives = [_content(words_of(phrase)) for phrase in group]
        for phrase in group:
            table[tuple(key(w) for w in _content(words_of(phrase)))] = (alternatives, None)
    for stems, condition_of in _label_phrases().items():
        known = table.get(stems)
        table[stems] = (known[0] if known else [], condition_of)
    return table


@lru_cache(maxsize=1)
def _label_phrases() -> dict[tuple[str, ...], Any]:
    """Each run of words of a French label (and of the value's code) → the condition on its values."""
    values: dict[tuple[str, ...], dict[str, set]] = {}
    for column, enum_cls in (("contract_type", ContractType), ("setting", Setting)):
        for member in enum_cls:
            for label in _french_and_codes(member):
                words = [key(w) for w in words_of(label) if w not in STOPWORDS]
                for start in range(len(words)):
                    for end in range(start + 1, min(len(words), start + LONGEST) + 1):
                        values.setdefault(tuple(words[start:end]), {}).setdefault(column, set()).add(member)
    phrases: dict[tuple[str, ...], Any] = {k: _enum_condition(v) for k, v in values.items()
                                           if len(k) > 1 or len(k[0]) >= 3}
    for phrase, condition in WORKING_TIME.items():
        phrases[tuple(key(w) for w in _content(words_of(phrase)))] = condition
    return phrases


def _french_and_codes(member) -> list[str]:
    with force_locale("fr"):
        label = str(member.label)
    return [label, member.value.replace("_", " ")]


def _enum_condition(columns: dict[str, set]):
    def condition() -> sa.ColumnElement[bool]:
        parts = [{"contract_type": Position.contract_type, "setting": Position.setting}[name].in_(
            sorted(members, key=lambda m: m.value))
                 for name, members in columns.items()]
        return sa.or_(*parts)
    return condition


WORKING_TIME = {
    "temps plein": lambda: Position.fte_percent == 100,
    "temps complet": lambda: Position.fte_percent == 100,
    "temps partiel": lambda: Position.fte_percent < 100,
    "mi temps": lambda: Position.fte_percent == 50,
}


def text_condition(q: str, first: int | None = None) -> sa.ColumnElement[bool] | None:
    """Every unit of q matches (in the text, or by a label's value); None when q has no word. `first`: on
    SQLite, each list of positions read from the words' index stops after that many (the newest), so
    that the condition gives some of the positions the words give, never one they do not (`read_sample`
    learns that way, without reading them all, that common words give more than its limit)."""
    found = units(q)
    if not found:  # no word, or only little words: nothing to look for, the same on both databases
        return sa.false() if words_of(q) else None
    plain = [u for u in found if u.condition is None]
    conditions = [_matches(plain, first)] if plain else []
    conditions += [_matches_or(u, u.condition, first) if any(u.alternatives) else u.condition
                   for u in found if u.condition is not None]
    return sa.and_(*conditions)


def id_lists(q: str) -> int:
    """How many lists of ids `text_condition` reads from SQLite's index for q: one for the words matched
    together, one for each word that also names a label (`_matches_or`)."""
    found = units(q)
    return int(any(u.condition is None for u in found)) + sum(
        u.condition is not None and any(u.alternatives) for u in found)


def _matches(found: Iterable[Unit], first: int | None = None) -> sa.ColumnElement[bool]:
    """The positions whose text holds every unit (`first` as for `text_condition`)."""
    found = list(found)
    if db.engine.dialect.name == "postgresql":
        config: sa.ColumnClause[Any] = sa.literal_column("'pairjobs_fr'::regconfig")
        # The stored tsvector of search_document (a generated column the migrations add on PostgreSQL).
        vector: sa.ColumnClause[Any] = sa.literal_column("position.search_vector")
        expression = _expression(found, _tsquery_word, " & ", " | ")
        return vector.bool_op("@@")(sa.func.to_tsquery(config, expression))
    return Position.id.in_(_fts_ids(found, first))


def _matches_or(unit: Unit, condition: sa.ColumnElement[bool], first: int | None) -> sa.ColumnElement[bool]:
    """The positions whose text holds the unit or that meet the condition (its label's value)."""
    if db.engine.dialect.name == "postgresql":
        return sa.or_(_matches([unit]), condition)
    # On SQLite one list of ids: with "id IN (words) OR setting IN (…)" its planner read every published
    # position once per branch (120 ms at national scale for "gem psychosociale").
    words = _fts_ids([unit], first)
    if first is not None:  # a member of a compound select cannot have its own LIMIT
        words = words.subquery().select()
    return Position.id.in_(sa.union_all(words, sa.select(Position.id).where(condition)))


def _fts_ids(found: list[Unit], first: int | None = None) -> sa.Select[Any]:
    """SQLite: the ids of the positions whose text holds every unit, from the FTS5 index (with `first`, the
    highest of them: the newest positions, the likeliest to be open, read backwards from the index)."""
    ids: sa.Select[Any] = sa.select(sa.literal_column("rowid")).select_from(
        sa.table("position_fts")).where(sa.text("position_fts MATCH :match").bindparams(
            sa.bindparam("match", _expression(found, _fts5_word, " AND ", " OR "), unique=True)))
    return ids if first is None else ids.order_by(sa.literal_column("rowid").desc()).limit(first)


def _expression(found: list[Unit], word, conjunction: str, disjunction: str) -> str:
    def alternative(words: list[str]) -> str:
        return "(" + conjunction.join("(" + disjunction.join(word(f) for f in forms(w)) + ")"
                                      for w in words) + ")"
    return conjunction.join("(" + disjunction.join(alternative(a) for a in u.alternatives if a) + ")"
                            for u in found if any(u.alternatives))


def _fts5_word(word: str) -> str:
    """The words of the SQLite index that have the word's stem ("aidante" → aidant OR aidants OR aidante…),
    read from the published positions' words (`search_word`, folded as the index folds them: the index
    holds words, not stems); the stem itself when none has it."""
    wanted = {stem(word), stem(fold(word))}
    start = min(wanted)
    terms = db.session.scalars(sa.select(SearchWord.word).where(SearchWord.word >= start,
                                                               SearchWord.word < start + "\uffff"))
    found = [t for t in terms if stem(t) in wanted]
    return " OR ".join(f'"{t}"' for t in found[:MAX_FORMS]) if found else f'"{start}"'


MAX_FORMS = 50  # words of the index taken for one searched word


def _tsquery_word(word: str) -> str:
    """A word for to_tsquery, which stems it with the French configuration (only letters and digits
    reach it)."""
    return fold(word)


