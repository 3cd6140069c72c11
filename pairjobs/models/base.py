"""Declarative base with a naming convention so that Alembic names every constraint."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base class of every model."""

    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class UTCDateTime(sa.types.TypeDecorator):
    """A timestamp stored in UTC and always read back timezone-aware (SQLite drops the zone)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None:
            if value.tzinfo is None:
                raise ValueError("naive datetime given to a UTC column")
            value = value.astimezone(UTC)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class LabelledEnum(enum.StrEnum):
    """A string enumeration whose members carry their translatable label, declared with them:
    `PUBLIC = "public", _l("Public")`. The value stays the code stored and exchanged; `label` is what a
    person reads (a lazy string, translated when shown)."""

    _label: Any

    def __new__(cls, value: str, label: Any = None):
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label if label is not None else value
        return member

    @property
    def label(self) -> Any:
        """The member's label, translated when turned into text."""
        return self._label

    @classmethod
    def labels(cls) -> dict[str, Any]:
        """Each code with its label, in the enumeration's order (for lists keyed by code)."""
        return {member.value: member.label for member in cls}


def str_enum(enum_cls: type[enum.Enum], name: str) -> sa.Enum:
    """A portable enum column: VARCHAR plus a named CHECK constraint, values stored as-is."""
    return sa.Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum_cls),
        values_callable=lambda cls: [m.value for m in cls],
        validate_strings=True,
    )


# Database objects that the migrations create by hand for full-text search, and that the models
# cannot declare: autogenerate and the schema comparison leave them alone.
SEARCH_OBJECTS = ("position_fts", "ix_position_search", "search_vector")


def include_name(name: str | None, type_: str, parent_names: dict) -> bool:
    """Alembic filter: skip the hand-made full-text search objects (and FTS5's shadow tables)."""
    return not (name and name.startswith(SEARCH_OBJECTS))
