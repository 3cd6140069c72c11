"""Every write is one transaction, on both databases: a refusal after a savepoint keeps nothing.

`create_user` adds the account inside a savepoint (a concurrent registration may win the race for the
address); on SQLite a savepoint opened first in a transaction used to be the transaction itself, committed
on release.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from pairjobs.domain.accounts import create_user
from pairjobs.domain.errors import ValidationFailed
from pairjobs.extensions import db
from pairjobs.infra.transaction import unit_of_work
from pairjobs.models import Role, User
from tests import factories


def committed_accounts() -> list[str]:
    with db.engine.connect() as connection:  # another connection sees only what was committed
        return list(connection.scalars(sa.select(User.email).order_by(User.email)))


def account(email: str) -> User:
    return create_user(email=email, password=factories.PASSWORD, role=Role.CANDIDATE, name="Camille Martin")


def test_a_refusal_after_a_savepoint_rolls_back_what_the_savepoint_held(app):
    with pytest.raises(ValidationFailed), unit_of_work():
        account("camille@example.org")  # its savepoint is the transaction's first statement
        raise ValidationFailed({"accept_terms": ["refused"]})
    assert committed_accounts() == []


def test_savepoints_inside_a_transaction_commit_with_it(app):
    with unit_of_work():
        account("camille@example.org")
        account("ines@example.org")
        assert committed_accounts() == []  # not before the end of the unit of work
    assert committed_accounts() == ["camille@example.org", "ines@example.org"]
