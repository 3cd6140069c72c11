"""The flags of contracts, with what each rule needs loaded once for all of them: the person's contracts at
the legal entity (every establishment of the same FINESS EJ), the contracts of the same post, and the
post's opening days."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import sqlalchemy as sa
from flask import current_app

from pairjobs.domain.precarity import Flag, contract_flags, posting_flags, sort_flags
from pairjobs.domain.precarity.facts import facts_of, post_of
from pairjobs.domain.precarity.supervision import Delivery, deliveries, kept
from pairjobs.extensions import db
from pairjobs.models import Contract, Organization, Position, SupervisionSession

# Past this many contracts, their sessions are read in one pass over the table rather than by ids.
_SESSIONS_BY_ID = 500


def legal_entity_of(organization: Organization) -> str:
    """The FINESS of the legal entity the establishment belongs to."""
    return organization.legal_entity_finess or organization.finess


def same_legal_entity(organization_ids: Iterable[int] | sa.Select) -> sa.Select:
    """The ids of every organization of the legal entities of the given ones (ids, or a select of ids)."""
    entity = sa.func.coalesce(Organization.legal_entity_finess, Organization.finess)
    ids = organization_ids if isinstance(organization_ids, sa.Select) else list(organization_ids)
    entities = sa.select(entity).where(Organization.id.in_(ids))
    return sa.select(Organization.id).where(entity.in_(entities))


class ContractFlags:
    """Computes contracts' flags from records loaded in a few queries, whatever their number."""

    def __init__(self, contracts: Sequence[Contract], every: Sequence[Contract] | None = None):
        organization_ids = {c.organization_id for c in contracts}
        organizations = db.session.scalars(sa.select(Organization).where(
            Organization.id.in_(same_legal_entity(organization_ids)))).all() if organization_ids else []
        self.organizations = {o.id: o for o in organizations}
        if every is None:
            every = db.session.scalars(sa.select(Contract).where(
                Contract.organization_id.in_(list(self.organizations)))).all() if organizations else []
        self.by_key: dict[tuple[str, str], list[Contract]] = {}
        self.by_person: dict[tuple[str, int], list[Contract]] = {}
        self.by_post: dict[tuple, list[Contract]] = {}
        loaded = {x.id for x in every}
        for c in list(every) + [c for c in contracts if c.id not in loaded]:
            entity = self._entity(c)
            self.by_key.setdefault((entity, c.person_key), []).append(c)
            if c.person_id is not None:
                self.by_person.setdefault((entity, c.person_id), []).append(c)
            for key in post.keys() if (post := post_of(c)) is not None else []:
                self.by_post.setdefault(key, []).append(c)
        position_ids = {c.position_id for c in contracts if c.position_id is not None}
        self.sessions = _sessions_of([c.id for c in contracts if c.id is not None])
        self.position_days = dict(db.session.execute(sa.select(Position.id, Position.opening_days).where(
            Position.id.in_(position_ids), Position.opening_days.is_not(None))).all()) if position_ids else {}

    def _entity(self, c: Contract) -> str:
        organization = self.organizations.get(c.organization_id)
        return legal_entity_of(organization) if organization else f"org:{c.organization_id}"

    def history(self, c: Contract) -> list[Contract]:
        """Every contract of the person at the legal entity (by pseudonymous key or by account)."""
        entity = self._entity(c)
        found = {x.id: x for x in self.by_key.get((entity, c.person_key), [])}
        if c.person_id is not None:
            found.update({x.id: x for x in self.by_person.get((entity, c.person_id), [])})
        return list(found.values())

    def post_history(self, c: Contract) -> list[Contract]:
        """The contracts that may have filled the same post (the rule checks `Post.same_as`)."""
        post = post_of(c)
        found = {x.id: x for key in (post.keys() if post else []) for x in self.by_post.get(key, [])}
        return list(found.values())

    def person_flags(self, c: Contract, as_of: date) -> list[Flag]:
        """The person-level flags of a contract on a day."""
        organization = self.organizations.get(c.organization_id) or c.organization
        return contract_flags(
            c, self.history(c), self.post_history(c), as_of,
            self._thresholds(),
            opening_days=(self.position_days.get(c.position_id) if c.position_id is not None else None)
            or organization.opening_days,
            idcc=organization.idcc, sessions=self.sessions.get(c.id, ()),
        )

    def supervision(self, c: Contract, as_of: date) -> list[Delivery]:
        """The supervision sessions held over the last 3 and 6 months (none when no session is recorded)."""
        return deliveries(facts_of(c, as_of, self.sessions.get(c.id, ())), as_of, self._thresholds())

    def supervision_kept(self, c: Contract, as_of: date) -> bool | None:
        """Whether the sessions held met the promise (None: nothing promised, or no session recorded)."""
        return kept(facts_of(c, as_of, self.sessions.get(c.id, ())), as_of, self._thresholds())

    @staticmethod
    def _thresholds():
        return current_app.config["PRECARITY_THRESHOLDS"]

    def all_flags(self, c: Contract, as_of: date) -> list[Flag]:
        """Every flag of a contract on a day: its own terms, then its history and its post's."""
        terms = posting_flags(c, self._thresholds())
        return sort_flags(terms + self.person_flags(c, as_of))


def _sessions_of(contract_ids: list[int]) -> dict[int, list]:
    """The supervision sessions of contracts, by contract (the columns the rules read)."""
    if not contract_ids:
        return {}
    session = SupervisionSession
    columns = sa.select(session.contract_id, session.held_on, session.paid_time, session.minutes,
                        session.kind, session.created_at, session.contested_at)
    if len(contract_ids) <= _SESSIONS_BY_ID:
        columns = columns.where(session.contract_id.in_(contract_ids))
    wanted = set(contract_ids)
    found: dict[int, list] = {}
    for row in db.session.execute(columns):
        if row.contract_id in wanted:
            found.setdefault(row.contract_id, []).append(row)
    return found


def flags_for(contract: Contract, as_of: date) -> list[Flag]:
    """The person-level flags of one contract on a day."""
    return ContractFlags([contract]).person_flags(contract, as_of)
