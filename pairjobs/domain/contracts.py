"""Contracts: created at hire from the position's terms, then edited, renewed, converted or ended."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from pairjobs.domain.contract_flags import same_legal_entity
from pairjobs.domain.errors import Conflict, DomainError, Errors, ValidationFailed
from pairjobs.extensions import db
from pairjobs.infra.calendar import add_months
from pairjobs.models import (
    Application,
    Contract,
    ContractState,
    ContractType,
    EndReason,
    FundingKind,
    RenewalDecision,
    Sector,
    SupervisionFrequency,
)
from pairjobs.models.base import utcnow

TERM_FIELDS = (
    "contract_type", "legal_basis", "category", "cdd_reason", "extended_duration",
    "part_time_at_employee_request",
    "post_ref", "start_date", "end_date", "fte_percent", "weekly_hours", "monthly_gross",
    "funding_kind", "funding_ends_on", "supervision_frequency", "supervision_kind", "supervision_paid_time",
    "peer_team_size",
)


def person_key_for(application: Application) -> str:
    """The person's pseudonymous key at this legal entity: reused from earlier contracts, else new."""
    existing = db.session.scalar(sa.select(Contract.person_key).where(
        Contract.organization_id.in_(same_legal_entity([application.position.organization_id])),
        Contract.person_id == application.candidate_id).order_by(Contract.id).limit(1))
    return existing or secrets.token_hex(16)


def create_from_hire(application: Application, today: date) -> Contract:
    """The contract that follows a hire, from the position's terms (all editable afterwards)."""
    position = application.position
    start = position.start_date if position.start_date and position.start_date >= today else today
    end = None
    if position.contract_type.is_fixed_term and position.duration_months:
        end = add_months(start, position.duration_months) - timedelta(days=1)
    contract = Contract(
        organization_id=position.organization_id,
        person_id=application.candidate_id,
        person_key=person_key_for(application),
        position_id=position.id,
        application_id=application.id,
        contract_type=position.contract_type,
        sector=position.organization.sector,
        legal_basis=position.legal_basis,
        start_date=start,
        end_date=end,
        fte_percent=position.fte_percent,
        weekly_hours=position.weekly_hours,
        monthly_gross=position.salary_min or position.salary_max,
        funding_kind=position.funding_kind,
        funding_ends_on=position.funding_ends_on,
        supervision_frequency=position.supervision_frequency,
        supervision_kind=position.supervision_kind,
        supervision_paid_time=position.supervision_paid_time,
        promised_supervision_frequency=position.supervision_frequency,
        promised_supervision_paid_time=position.supervision_paid_time,
        promised_supervision_kind=position.supervision_kind,
        peer_team_size=position.peer_team_size,
        is_demo=position.is_demo,
    )
    db.session.add(contract)
    db.session.flush()
    return contract


TERM_DEFAULTS: dict[str, Any] = {
    "legal_basis": None, "category": None, "cdd_reason": None, "extended_duration": False,
    "part_time_at_employee_request": False, "post_ref": None, "end_date": None, "monthly_gross": None,
    "funding_ends_on": None, "supervision_kind": None, "supervision_paid_time": False, "peer_team_size": 0,
}
REQUIRED_TERMS = ("contract_type", "start_date", "fte_percent", "weekly_hours", "funding_kind",
                  "supervision_frequency")


def check_terms(values: Mapping[str, Any], sector: Sector) -> dict[str, Any]:
    """The rules between a contract's typed terms; the terms to store, or ValidationFailed."""
    v = TERM_DEFAULTS | {k: values[k] for k in TERM_FIELDS if k in values}
    r = Errors()
    for name in REQUIRED_TERMS:
        if v.get(name) is None:
            r.add(name, _("This field is required."))
    v["peer_team_size"] = v["peer_team_size"] or 0
    for name in ("extended_duration", "part_time_at_employee_request", "supervision_paid_time"):
        v[name] = bool(v[name])
    kind = v["contract_type"]
    if kind is not None:
        if not kind.allowed_for(sector is Sector.PUBLIC):
            r.add("contract_type", _("This contract type does not exist in the employer's sector."))
        if v["category"] is not None and not kind.is_public:
            r.add("category", _("Only a public contract has a hierarchical category."))
        if v["cdd_reason"] is not None and kind is not ContractType.CDD:
            r.add("cdd_reason", _("Only a private fixed-term contract (CDD) has a reason."))
        if v["extended_duration"] and kind is not ContractType.PEC:
            r.add("extended_duration", _("Only a subsidised contract (PEC) has an extended duration."))
        if v["part_time_at_employee_request"] and kind.is_public:
            r.add("part_time_at_employee_request",
                    _("The part-time minimum at the employee's request concerns private-law contracts only."))
        if kind.is_fixed_term and v["end_date"] is None and "end_date" not in r:
            r.add("end_date", _("A fixed-term contract has an end date."))
        if not kind.is_fixed_term and v["end_date"] is not None:
            r.add("end_date", _("A permanent contract has no end date."))
        if kind is ContractType.CDD_PUBLIC and v["legal_basis"] is None and "legal_basis" not in r:
            r.add("legal_basis", _("Give the legal basis of the public fixed-term contract."))
        if kind is not ContractType.CDD_PUBLIC and v["legal_basis"] is not None:
            r.add("legal_basis", _("Only a public fixed-term contract has a legal basis."))
    if v["start_date"] and v["end_date"] and v["end_date"] < v["start_date"]:
        r.add("end_date", _("The end date is before the start date."))
    if v["funding_kind"] is FundingKind.GRANT and v["funding_ends_on"] is None and "funding_ends_on" not in r:
        r.add("funding_ends_on", _("Give the date when the grant ends."))
    if v["funding_kind"] is FundingKind.PERMANENT:
        v["funding_ends_on"] = None
    if v["supervision_frequency"] is SupervisionFrequency.NONE:
        v["supervision_kind"], v["supervision_paid_time"] = None, False
    elif (v["supervision_frequency"] is not None and v["supervision_kind"] is None
          and "supervision_kind" not in r):
        r.add("supervision_kind", _("Say who supervises."))
    if r:
        raise ValidationFailed(dict(r))
    return v


def current_terms(contract: Contract) -> dict[str, Any]:
    """The contract's terms by attribute (to pre-fill a form or merge a partial change)."""
    return {name: getattr(contract, name) for name in TERM_FIELDS}


def _check_version(contract: Contract, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != contract.version:
        raise Conflict(_("Someone else changed this contract meanwhile. Reload it to see their change."))


def update_terms(contract: Contract, changes: Mapping[str, Any], expected_version: int | None = None) -> None:
    """Correct an active contract's terms (type, dates, time, pay, funding, supervision in place)."""
    _check_version(contract, expected_version)
    if contract.state is not ContractState.ACTIVE:
        raise DomainError(_("Only an active contract can be changed."))
    for name, value in check_terms(current_terms(contract) | dict(changes), contract.sector).items():
        setattr(contract, name, value)
    db.session.flush()


def record_decision(contract: Contract, decision: str | RenewalDecision | None,
                    expected_version: int | None = None) -> None:
    """Record ahead of the end what will happen (renew, convert, or not renew)."""
    _check_version(contract, expected_version)
    try:
        contract.renewal_decision = RenewalDecision(decision or "")  # None: refused as unknown
    except ValueError:
        raise ValidationFailed({"decision": [_("Unknown decision.")]}) from None
    if contract.state is not ContractState.ACTIVE or not contract.contract_type.is_fixed_term:
        raise DomainError(_("Only an active fixed-term contract awaits a decision."))
    contract.decided_at = utcnow()
    db.session.flush()


def renew(contract: Contract, changes: Mapping[str, Any], expected_version: int | None = None) -> Contract:
    """The next contract of the chain, from the day after this one ends, for a duration or to an end date."""
    _check_version(contract, expected_version)
    if (contract.state is not ContractState.ACTIVE or not contract.contract_type.is_fixed_term
            or contract.end_date is None):  # a fixed term always has an end date
        raise DomainError(_("Only an active fixed-term contract can be renewed."))
    months, end_date = changes.get("duration_months"), changes.get("end_date")
    if (months is None) == (end_date is None):
        raise ValidationFailed({"duration_months": [_("Give either a duration in months or an end date.")]})
    start = contract.end_date + timedelta(days=1)
    end = end_date if months is None else add_months(start, months) - timedelta(days=1)
    terms = current_terms(contract) | dict(changes) | {"start_date": start, "end_date": end}
    values = check_terms(terms, contract.sector)
    if not values["contract_type"].is_fixed_term:
        raise ValidationFailed({"contract_type": [_("To make the contract permanent, convert it.")]})
    return _followed_by(contract, values, ContractState.RENEWED, RenewalDecision.RENEW)


def convert(contract: Contract, changes: Mapping[str, Any], expected_version: int | None = None) -> Contract:
    """A permanent contract (CDI) from a date; the fixed term ends the day before."""
    _check_version(contract, expected_version)
    if contract.state is not ContractState.ACTIVE or not contract.contract_type.is_fixed_term:
        raise DomainError(_("Only an active fixed-term contract can be converted."))
    start = changes.get("start_date")
    if start is None:
        raise ValidationFailed({"start_date": [_("This field is required.")]})
    if start <= contract.start_date:
        raise ValidationFailed(
            {"start_date": [_("The permanent contract starts after the current one began.")]})
    if contract.end_date and start > contract.end_date + timedelta(days=1):
        raise ValidationFailed({"start_date": [_("The permanent contract starts at the latest the day "
                                                 "after the current one ends.")]})
    kind = ContractType.CDI_PUBLIC if contract.sector is Sector.PUBLIC else ContractType.CDI
    terms = current_terms(contract) | dict(changes) | {
        "contract_type": kind, "legal_basis": None, "cdd_reason": None, "extended_duration": False,
        "start_date": start, "end_date": None}
    values = check_terms(terms, contract.sector)
    contract.end_early(start - timedelta(days=1))
    return _followed_by(contract, values, ContractState.CONVERTED, RenewalDecision.CONVERT)


def _followed_by(contract: Contract, values: dict[str, Any], state: ContractState,
                 decision: RenewalDecision) -> Contract:
    """Close the contract into its successor of the chain, with the decision that made it."""
    following = _successor(contract, values)
    contract.state = state
    contract.renewal_decision = decision
    contract.decided_at = contract.closed_at = utcnow()
    db.session.flush()
    return following


def end(contract: Contract, reason: EndReason | None, end_date: date | None = None,
        expected_version: int | None = None) -> None:
    """End an active contract with a reason, on its end date or an earlier one."""
    _check_version(contract, expected_version)
    if contract.state is not ContractState.ACTIVE:
        raise DomainError(_("This contract is no longer active."))
    if reason is None:
        raise ValidationFailed({"reason": [_("This field is required.")]})
    end_date = end_date or contract.end_date
    if end_date is None:
        raise ValidationFailed({"end_date": [_("Give the last day of the contract.")]})
    if end_date < contract.start_date or (contract.end_date and end_date > contract.end_date):
        raise ValidationFailed({"end_date": [_("The last day falls outside the contract.")]})
    contract.end_early(end_date)
    contract.state = ContractState.ENDED
    contract.end_reason = reason
    contract.closed_at = utcnow()
    if contract.contract_type.is_fixed_term and contract.renewal_decision is None:
        contract.renewal_decision = RenewalDecision.NOT_RENEW
        contract.decided_at = utcnow()
    db.session.flush()


def _successor(contract: Contract, values: dict[str, Any]) -> Contract:
    following = Contract(
        organization_id=contract.organization_id, person_id=contract.person_id,
        person_key=contract.person_key,
        position_id=contract.position_id, application_id=contract.application_id, previous_id=contract.id,
        sector=contract.sector, promised_supervision_frequency=contract.promised_supervision_frequency,
        promised_supervision_paid_time=contract.promised_supervision_paid_time,
        promised_supervision_kind=contract.promised_supervision_kind,
        is_demo=contract.is_demo, **values,
    )
    db.session.add(following)
    return following
