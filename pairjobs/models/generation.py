"""Data generations: a token per watched table, replaced whenever the table changes.

Cached results are stored under the tokens of the tables they read (see pairjobs.infra.caching).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from pairjobs.models.base import Base


class DataGeneration(Base):
    """The current generation token of one table."""

    __tablename__ = "data_generation"

    name: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    token: Mapped[int] = mapped_column(sa.BigInteger)
