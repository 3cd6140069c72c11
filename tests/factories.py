"""Test data: factory_boy factories bound to the Flask-SQLAlchemy session.

Accounts, organizations, positions, credentials and applications are built through the domain layer (each
factory's `_save`), so that tests see what users would create; contracts, which users record through forms
that tests exercise elsewhere, are built as rows. Every factory commits, except `ContractFactory`, which
flushes (a dataset of contracts is committed once).

    UserFactory(employer=True, organization=org)       # an approved recruiter
    UserFactory(pending_employer=True, organization=org)
    OrganizationFactory(private=True)                 # a nonprofit association
    PositionFactory(organization=org, fixed_term=True)  # a published twelve-month CDD
    PositionFactory(organization=org, draft=True)

The functions at the end (`user`, `organization`, `position`, …) keep the short names most tests use.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import factory
from factory.alchemy import SQLAlchemyModelFactory
from stdnum import luhn

from pairjobs.domain import accounts
from pairjobs.domain.organizations import create_organization
from pairjobs.extensions import db
from pairjobs.models import Application, Contract, Credential, Organization, Position, Role, User
from pairjobs.schemas.base import load
from pairjobs.schemas.credentials import CredentialSchema
from pairjobs.schemas.organizations import OrganizationSchema, draft_from
from pairjobs.schemas.positions import PositionSchema

PASSWORD = "correct horse battery"
_seq = itertools.count(1)


def finess_number(department: str = "69") -> str:
    """A fresh FINESS number with a valid key."""
    body = f"{department}{next(_seq):06d}"
    return body + luhn.calc_check_digit(body)


class _Factory(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731  (the session of the current app context)
        sqlalchemy_session_persistence = "commit"

    @classmethod
    def _save(cls, model_class, session, args, kwargs):
        obj = cls._make(session, **kwargs)
        if cls._meta.sqlalchemy_session_persistence == "commit":
            session.commit()
        else:
            session.flush()
        return obj

    @classmethod
    def _make(cls, session, **kwargs):
        obj = cls._meta.model(**kwargs)
        session.add(obj)
        return obj


class OrganizationFactory(_Factory):
    """An establishment in Bron (Rhône), a public EPSM unless told otherwise."""

    class Meta:
        model = Organization

    class Params:
        public = factory.Trait(kind="epsm", sector="public")
        private = factory.Trait(kind="association", sector="private_nonprofit")

    name = factory.LazyFunction(lambda: f"Centre hospitalier {next(_seq)}")
    kind = "epsm"
    sector = "public"
    finess = factory.LazyAttribute(lambda o: finess_number(o.department))
    department = "69"
    commune = "69029"

    @classmethod
    def _make(cls, session, **fields):
        """Through the schema that loads an administrator's form and the API's body, then the domain."""
        return create_organization(draft_from(load(OrganizationSchema(), fields))).organization


class UserFactory(_Factory):
    """An approved account with the shared test password, a peer worker unless told otherwise."""

    class Meta:
        model = User

    class Params:
        n = factory.LazyFunction(lambda: next(_seq))
        employer = factory.Trait(role=Role.EMPLOYER)
        pending_employer = factory.Trait(role=Role.EMPLOYER, approved=False)
        monitor = factory.Trait(role=Role.MONITOR)
        admin = factory.Trait(role=Role.ADMIN)

    role = Role.CANDIDATE
    organization = None
    approved = True
    confirmed = True
    email = factory.LazyAttribute(lambda o: f"{o.role.value}{o.n}@example.org")
    name = factory.LazyAttribute(lambda o: f"{o.role.value.title()} {o.n}")
    password = PASSWORD

    @classmethod
    def _make(cls, session, **fields):
        return accounts.create_user(**fields)


def position_input(**overrides) -> dict:
    """Valid raw input for a public-sector position (a CDI with monthly paid supervision)."""
    return {
        "title": "Médiateur de santé pair en CMP",
        "description": "Accompagner les personnes suivies.\n\nTravail en équipe pluriprofessionnelle.",
        "setting": "cmp",
        "contract_type": "cdi_public",
        "fte_percent": 100,
        "salary_min": 1900,
        "salary_max": 2200,
        "funding_kind": "permanent",
        "supervision_frequency": "monthly",
        "supervision_kind": "external",
        "supervision_paid_time": True,
        "peer_team_size": 1,
        "credential_expectation": "preferred",
    } | overrides


class PositionFactory(_Factory):
    """A position made from `position_input` (plus any raw field given), published unless `draft`."""

    class Meta:
        model = Position

    class Params:
        draft = factory.Trait(publish=False)
        fixed_term = factory.Trait(contract_type="cdd_public", legal_basis="vacancy", duration_months=12)

    organization = factory.SubFactory(OrganizationFactory)
    author = None
    publish = True

    @classmethod
    def _make(cls, session, organization, author, publish, **raw):
        from pairjobs.domain import positions as ops
        from pairjobs.infra.clock import today

        created = ops.create_position(organization, author, load(PositionSchema(), position_input(**raw)))
        if publish:
            ops.publish(created, author, today())
        return created


def credential_input(**overrides) -> dict:
    return {"type": "du", "title": "DU Pair-aidance en santé mentale", "institution":
            "Université Claude Bernard Lyon 1", "start_year": 2022, "end_year": 2023, "status": "obtained",
            "hours": 129} | overrides


class CredentialFactory(_Factory):
    """A declared credential (an obtained DU) of a candidate."""

    class Meta:
        model = Credential

    candidate = factory.SubFactory(UserFactory)

    @classmethod
    def _make(cls, session, candidate, **raw):
        from pairjobs.domain import candidates

        return candidates.add_credential(candidate, load(CredentialSchema(), credential_input(**raw)))


class ApplicationFactory(_Factory):
    """An application of a candidate to an open position, with chosen credentials."""

    class Meta:
        model = Application

    candidate = factory.SubFactory(UserFactory)
    position = factory.SubFactory(PositionFactory)
    credentials = ()
    message = "Bonjour, je suis intéressé."

    @classmethod
    def _make(cls, session, candidate, position, credentials, message):
        from pairjobs.domain import applications
        from pairjobs.infra.clock import today

        return applications.apply(candidate, position, message, [c.id for c in credentials], today())


class ContractFactory(_Factory):
    """A recorded employment contract row: a full-time CDI with monthly paid external supervision.

    The organization's sector is copied onto the contract; `fixed_term` makes it a CDD for a vacancy (give
    `end_date`). Flushed, not committed.
    """

    class Meta:
        model = Contract
        sqlalchemy_session_persistence = "flush"

    class Params:
        organization = None
        fixed_term = factory.Trait(contract_type="cdd_public", legal_basis="vacancy")

    organization_id = factory.LazyAttribute(lambda o: o.organization.id)
    sector = factory.LazyAttribute(lambda o: o.organization.sector)
    person_key = factory.Sequence(lambda n: f"person-{n}")
    contract_type = "cdi_public"
    legal_basis = factory.LazyAttribute(lambda o: "vacancy" if o.contract_type == "cdd_public" else None)
    start_date = None
    end_date = None
    fte_percent = 100
    funding_kind = "permanent"
    supervision_frequency = "monthly"
    supervision_kind = factory.LazyAttribute(
        lambda o: None if o.supervision_frequency == "none" else "external")
    supervision_paid_time = factory.LazyAttribute(lambda o: o.supervision_frequency != "none")
    peer_team_size = 1


@dataclass
class StandardAccounts:
    """One account of each kind: the actors of the authorization tests."""

    organization: Organization
    other_organization: Organization
    candidate: User
    other_candidate: User
    employer: User
    pending_employer: User
    other_employer: User
    monitor: User
    admin: User


def standard_accounts() -> StandardAccounts:
    """Create the standard actors."""
    org = OrganizationFactory(name="CH Le Vinatier (test)")
    other = OrganizationFactory(name="CHU Grenoble Alpes (test)", department="38", commune="38516")
    return StandardAccounts(
        organization=org,
        other_organization=other,
        candidate=UserFactory(),
        other_candidate=UserFactory(),
        employer=UserFactory(employer=True, organization=org),
        pending_employer=UserFactory(pending_employer=True, organization=org),
        other_employer=UserFactory(employer=True, organization=other),
        monitor=UserFactory(monitor=True),
        admin=UserFactory(admin=True),
    )


# The short names most tests use: each is the factory of the same thing.

def organization(**fields) -> Organization:
    """An organization in Bron (Rhône) unless told otherwise; committed."""
    return OrganizationFactory(**fields)


def user(role: Role = Role.CANDIDATE, organization: Organization | None = None, approved: bool = True,
         email: str | None = None, name: str | None = None) -> User:
    """An account with the shared test password; committed."""
    given = {k: v for k, v in {"email": email, "name": name}.items() if v is not None}
    return UserFactory(role=role, organization=organization, approved=approved, **given)


def position(organization: Organization, author: User | None = None, publish: bool = True, **overrides):
    """A position of the organization, published unless told otherwise; committed."""
    return PositionFactory(organization=organization, author=author, publish=publish, **overrides)


def credential(candidate: User, **overrides):
    """A declared credential of the candidate; committed."""
    return CredentialFactory(candidate=candidate, **overrides)


def application(candidate: User, position, credentials=()):
    """An application of the candidate to the position; committed."""
    return ApplicationFactory(candidate=candidate, position=position, credentials=credentials)


def hire(application: Application, recruiter: User) -> None:
    """Take an application through interview and offer to the hire, as a recruiter does (the hire makes
    the contract); flushes only."""
    from pairjobs.domain import applications as pipeline
    from pairjobs.infra.clock import today

    for status in ("interview", "offer", "hired"):
        pipeline.change_status(application, recruiter, status, None, None, None, today())
