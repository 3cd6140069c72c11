"""Demo recruitment data: candidates with credentials, applications at every stage, and contract
histories that trigger each person-level precarity flag at least once. People are fictional."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

import sqlalchemy as sa

from pairjobs.domain import accounts, candidates
from pairjobs.domain import applications as pipeline
from pairjobs.domain.calendar import add_months
from pairjobs.extensions import db
from pairjobs.models import (
    Contract,
    ContractState,
    Organization,
    Position,
    PositionStatus,
    Role,
    Sector,
    User,
    Verification,
)
from pairjobs.models.base import utcnow

CANDIDATES = [
    ("leila.haddad", "Leïla Haddad (démo)"),
    ("thomas.bernard", "Thomas Bernard (démo)"),
    ("ines.moreau", "Inès Moreau (démo)"),
    ("hugo.petit", "Hugo Petit (démo)"),
    ("sarah.lambert", "Sarah Lambert (démo)"),
]
CREDENTIALS = [
    ({"type": "du", "title": "DU Pair-aidance en santé mentale", "institution": "Université Claude Bernard Lyon 1",
      "start_year": 2022, "end_year": 2023, "status": "obtained", "hours": 129}, Verification.VERIFIED, None),
    ({"type": "licence", "title": "Licence Sciences sanitaires et sociales, parcours Médiateurs de santé-pairs",
      "institution": "Université Sorbonne Paris Nord (ex-Paris 13)", "start_year": 2021, "end_year": 2022,
      "status": "obtained"}, Verification.VERIFIED, None),
    ({"type": "diu", "title": "DIU Pair-aidance", "institution": "Université Grenoble Alpes", "start_year": 2025,
      "status": "enrolled"}, Verification.PENDING, None),
    ({"type": "associative", "title": "Formation de pair-aidant bénévole", "institution": "other",
      "institution_other": "Association locale (démo)", "start_year": 2020, "end_year": 2020, "status": "obtained",
      "hours": 35}, Verification.REJECTED, "Aucune attestation fournie"),
]
# The pipeline walks up to each status (rejected and withdrawn from the start).
STAGES = ["submitted", "in_review", "interview", "offer", "hired", "rejected", "withdrawn"]
PATHS = {
    "submitted": [], "in_review": ["in_review"], "interview": ["in_review", "interview"],
    "offer": ["interview", "offer"], "hired": ["interview", "offer", "hired"], "rejected": ["rejected"],
}


def load_demo_recruitment(password: str, today: date) -> None:
    """Create the demo candidates, applications and contract histories once."""
    if db.session.scalar(sa.select(sa.func.count()).select_from(Contract).where(Contract.is_demo)):
        return
    admin = accounts.find_by_email("admin@demo.pairjobs.fr")
    people = [accounts.find_by_email(e) for e in ("camille.martin@demo.pairjobs.fr", "yanis.roux@demo.pairjobs.fr")]
    for local, name in CANDIDATES:
        people.append(accounts.find_by_email(f"{local}@demo.pairjobs.fr") or accounts.create_user(
            email=f"{local}@demo.pairjobs.fr", password=password, name=name, role=Role.CANDIDATE, is_demo=True))
    for i, person in enumerate(people):
        candidates.update_profile(person, {
            "name": person.name, "phone": f"06 00 00 00 {i:02d}", "departments_sought": ["69", "38"][: 1 + i % 2],
            "availability": "Dès que possible", "presentation": "Pair-aidant formé, engagé dans le rétablissement.",
        })
        raw, verdict, reason = CREDENTIALS[i % len(CREDENTIALS)]
        credential = candidates.add_credential(person, raw)
        if verdict is not Verification.PENDING:
            candidates.verify_credential(credential, admin, verdict.value, reason)
    _applications(people, today)
    _contract_histories(people, today)


def _applications(people: list[User], today: date) -> None:
    positions = db.session.scalars(sa.select(Position).where(Position.is_demo, Position.status ==
                                                            PositionStatus.PUBLISHED).order_by(Position.id)).all()
    open_positions = [p for p in positions if p.is_open(today) and any(u.is_approved for u in p.organization.members)]
    for n, stage in enumerate(STAGES):
        position = open_positions[n % len(open_positions)]
        person = people[n % len(people)]
        recruiter = next(u for u in position.organization.members if u.is_approved)
        application = pipeline.apply(person, position, "Bonjour, votre offre m'intéresse beaucoup.",
                                     [c.id for c in person.credentials], today)
        if stage == "withdrawn":
            pipeline.withdraw(application, person)
            continue
        for step in PATHS[stage]:
            reason = "after_interview" if step == "rejected" else None
            note = "Entretien prévu mardi" if step == "interview" else None
            pipeline.change_status(application, recruiter, step, reason, note, None, today)
    db.session.flush()


def _contract(org: Organization, key: str, kind: str, start: date, end: date | None, **extra) -> Contract:
    contract = Contract(
        organization_id=org.id, person_key=key, contract_type=kind, sector=org.sector, start_date=start,
        end_date=end, fte_percent=extra.pop("fte", 100), weekly_hours=extra.pop("hours", 35.0),
        monthly_gross=1950, funding_kind="permanent", supervision_frequency=extra.pop("supervision", "monthly"),
        supervision_kind="external", supervision_paid_time=True, peer_team_size=1, is_demo=True,
        state=extra.pop("state", ContractState.ACTIVE), created_at=utcnow(), **extra,
    )
    db.session.add(contract)
    db.session.flush()
    return contract


def _chain(org: Organization, kind: str, start: date, months: list[int], **extra) -> list[Contract]:
    """Consecutive renewals of the given lengths; the last is active."""
    key, previous, chain = secrets.token_hex(16), None, []
    for i, length in enumerate(months):
        end = add_months(start, length) - timedelta(days=1)
        last = i == len(months) - 1
        contract = _contract(org, key, kind, start, end, previous_id=previous.id if previous else None,
                             state=ContractState.ACTIVE if last else ContractState.RENEWED,
                             renewal_decision=None if last else "renew", **extra)
        chain.append(contract)
        previous, start = contract, end + timedelta(days=1)
    return chain


def _contract_histories(people: list[User], today: date) -> None:
    orgs = {o.finess: o for o in db.session.scalars(sa.select(Organization).where(Organization.is_demo))}
    vinatier, grenoble, savoie = orgs["690780101"], orgs["380780080"], orgs["730780541"]
    saint_jean, messidor, clinique = orgs["690781810"], orgs["690791033"], orgs["380780742"]
    basis = {"legal_basis": "vacancy"}
    # Six years of public CDD at Le Vinatier: a CDI is due.
    _chain(vinatier, "cdd_public", add_months(today, -75), [36, 36, 12], **basis)
    # A single public CDD of four years.
    _chain(grenoble, "cdd_public", add_months(today, -30), [48], **basis)
    # Private CDD renewed past 18 months, and one renewed three times.
    _chain(saint_jean, "cdd", add_months(today, -16), [12, 12])
    _chain(clinique, "cdd", add_months(today, -8), [3, 3, 3, 3])
    # A new private CDD on the same post a week after the previous one ended.
    post = db.session.scalar(sa.select(Position.id).where(Position.organization_id == saint_jean.id).limit(1))
    first = _contract(saint_jean, secrets.token_hex(16), "cdd", add_months(today, -10), add_months(today, -4),
                      position_id=post, state=ContractState.ENDED, end_reason="term_reached",
                      renewal_decision="not_renew")
    _contract(saint_jean, first.person_key, "cdd", first.end_date + timedelta(days=8), add_months(today, 5),
              position_id=post)
    # A subsidised contract past 24 months.
    _chain(messidor, "pec", add_months(today, -25), [12, 12, 6], fte=60, hours=21.0)
    # Ends in three weeks with no decision recorded; and supervision below the promise.
    _contract(savoie, secrets.token_hex(16), "cdd_public", add_months(today, -11), today + timedelta(days=21),
              legal_basis="temporary_increase")
    _contract(vinatier, secrets.token_hex(16), "cdi_public", add_months(today, -14), None, supervision="quarterly",
              promised_supervision_frequency="monthly", promised_supervision_paid_time=True)
    # Stable contracts and a conversion to CDI, for the regional figures.
    converted = _chain(grenoble, "cdd_public", add_months(today, -20), [12], **basis)[0]
    converted.state, converted.renewal_decision = ContractState.CONVERTED, "convert"
    _contract(grenoble, converted.person_key, "cdi_public", converted.end_date + timedelta(days=1), None,
              previous_id=converted.id)
    for org in (vinatier, savoie):
        _contract(org, secrets.token_hex(16), "cdi_public" if org.sector is Sector.PUBLIC else "cdi",
                  add_months(today, -40), None)
    # The hired demo application's contract already exists (made by the pipeline).
    db.session.flush()


