"""Candidate use-cases: profile, credentials and their verification."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, BinaryIO

from flask_babel import gettext as _

from pairjobs.infra import documents
from pairjobs.domain.errors import Conflict, ValidationFailed
from pairjobs.domain.geo import geography
from pairjobs.domain.inputs import Reader
from pairjobs.extensions import db
from pairjobs.models import CandidateProfile, Credential, CredentialStatus, CredentialType, User, Verification
from pairjobs.models.base import utcnow

# Institutions that run peer-work training (DOMAIN.md, Credentials); "other" lets the candidate type one.
INSTITUTIONS = (
    "Université Claude Bernard Lyon 1",
    "Université Sorbonne Paris Nord (ex-Paris 13)",
    "Université de Bordeaux",
    "Université Paris 8",
    "Université Grenoble Alpes",
    "Université Clermont Auvergne",
    "Université Jean Monnet Saint-Étienne",
    "CCOMS (Centre collaborateur de l'OMS, Lille)",
    "AQRP (Québec) — Pairs aidants Réseau",
)
OTHER_INSTITUTION = "other"


def profile_of(user: User) -> CandidateProfile:
    """The candidate's profile, created empty on first use."""
    if user.profile is None:
        user.profile = CandidateProfile(user_id=user.id, departments_sought="")
        db.session.add(user.profile)
    return user.profile


def update_profile(user: User, raw: Mapping[str, Any]) -> CandidateProfile:
    """Save the profile; the lived-experience text is optional and only ever written by the candidate."""
    r = Reader(raw)
    name = r.text("name", 120, required=True)
    phone = r.text("phone", 30)
    availability = r.text("availability", 200)
    presentation = r.text("presentation", 3000)
    lived = r.text("lived_experience", 4000)
    share_lived = r.boolean("share_lived_experience")
    share_phone = r.boolean("share_phone", default=True)
    departments = raw.get("departments_sought") or []
    if isinstance(departments, str):
        departments = departments.split()
    known = geography().departments
    if not isinstance(departments, list) or any(not isinstance(d, str) or d not in known for d in departments):
        r.error("departments_sought", _("Choose departments of the region."))
    if r.errors:
        raise ValidationFailed(r.errors)
    profile = profile_of(user)
    user.name = name
    profile.phone = phone
    profile.availability = availability
    profile.presentation = presentation
    profile.lived_experience = lived
    profile.share_lived_experience = share_lived and bool(lived)
    profile.share_phone = share_phone
    profile.departments_sought = " ".join(sorted(set(departments)))
    db.session.flush()
    return profile


def parse_credential(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Check a credential's fields; the values, or ValidationFailed."""
    r = Reader(raw)
    this_year = date.today().year
    values = {
        "type": r.choice("type", CredentialType, required=True),
        "title": r.text("title", 200, required=True),
        "start_year": r.integer("start_year", 1990, this_year + 1),
        "end_year": r.integer("end_year", 1990, this_year + 6),
        "status": r.choice("status", CredentialStatus, required=True),
        "hours": r.integer("hours", 1, 3000),
        "reference": r.text("reference", 120),
    }
    institution = r.text("institution", 200, required=True)
    if institution == OTHER_INSTITUTION:
        institution = r.text("institution_other", 200)
        if institution is None and "institution_other" not in r.errors:
            r.error("institution_other", _("Give the name of the institution."))
    values["institution"] = institution
    if values["start_year"] and values["end_year"] and values["end_year"] < values["start_year"]:
        r.error("end_year", _("The end year is before the start year."))
    if values["status"] is CredentialStatus.OBTAINED and values["end_year"] and values["end_year"] > this_year:
        r.error("end_year", _("An obtained credential cannot end in the future."))
    if r.errors:
        raise ValidationFailed(r.errors)
    return values


def add_credential(user: User, raw: Mapping[str, Any], document: BinaryIO | None = None,
                   filename: str | None = None) -> Credential:
    """Declare a credential, with an optional PDF certificate; flushes only."""
    values = parse_credential(raw)
    credential = Credential(user_id=user.id, **values)
    if document is not None:
        try:
            stored = documents.store_pdf(document, filename)
        except documents.DocumentRejected as exc:
            raise ValidationFailed({"document": [str(exc)]}) from exc
        credential.document_key, credential.document_filename, credential.document_size = stored
    db.session.add(credential)
    db.session.flush()
    return credential


def delete_credential(credential: Credential) -> str | None:
    """Remove a credential; returns its certificate's key, to delete once the transaction is committed."""
    key = credential.document_key
    db.session.delete(credential)
    db.session.flush()
    return key


def verify_credential(credential: Credential, admin: User, outcome: str, reason: str | None) -> None:
    """Record an administrator's verification: verified, or rejected with a reason."""
    try:
        verdict = Verification(outcome)
    except ValueError:
        verdict = None
    if verdict not in (Verification.VERIFIED, Verification.REJECTED):
        raise ValidationFailed({"outcome": [_("Choose verified or rejected.")]})
    reason = (reason or "").strip() or None
    if verdict is Verification.REJECTED and not reason:
        raise ValidationFailed({"reason": [_("Give the reason for the rejection.")]})
    if credential.verification is not Verification.PENDING:
        raise Conflict(_("This credential was already checked."))
    if reason and len(reason) > 300:
        raise ValidationFailed({"reason": [_("At most %(n)d characters.", n=300)]})
    credential.verification = verdict
    credential.rejection_reason = reason if verdict is Verification.REJECTED else None
    credential.verified_by = admin
    credential.verified_at = utcnow()
    db.session.flush()


def own_credentials(user: User, ids: list) -> list[Credential]:
    """The user's credentials with these ids; any other id is refused."""
    if not isinstance(ids, list) or any(isinstance(i, bool) or not isinstance(i, int) for i in ids):
        raise ValidationFailed({"credential_ids": [_("Must be a list of credential ids.")]})
    by_id = {c.id: c for c in user.credentials}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise ValidationFailed({"credential_ids": [_("Unknown credential.")]})
    return [by_id[i] for i in dict.fromkeys(ids)]


