"""Candidate use-cases: profile, credentials and their verification."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, BinaryIO

from flask_babel import gettext as _

from pairjobs.domain.errors import Conflict, Errors, ValidationFailed
from pairjobs.domain.geo import geography
from pairjobs.domain.mail import queue_mail
from pairjobs.extensions import db
from pairjobs.infra import documents
from pairjobs.models import CandidateProfile, Credential, CredentialStatus, User, Verification
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
FIRST_YEAR = 1990
CREDENTIAL_FIELDS = ("type", "title", "institution", "start_year", "end_year", "status", "hours", "reference")


def profile_of(user: User) -> CandidateProfile:
    """The candidate's profile, created empty on first use."""
    if user.profile is None:
        user.profile = CandidateProfile(user_id=user.id, departments_sought="")
        db.session.add(user.profile)
    return user.profile


def update_profile(user: User, values: Mapping[str, Any]) -> CandidateProfile:
    """Save the profile from typed values.

    The lived-experience text is optional, only ever written by the candidate, and stored only with their
    explicit consent (GDPR art. 9(2)(a)): a text sent without it is refused, not dropped; consent withdrawn
    erases the text and stops its sharing.
    """
    r = Errors()
    name = values.get("name") or ""
    if not name:
        r.add("name", _("This field is required."))
    phone, availability = values.get("phone"), values.get("availability")
    presentation, lived = values.get("presentation"), values.get("lived_experience")
    consent = bool(values.get("lived_experience_consent"))
    share_lived = bool(values.get("share_lived_experience"))
    share_phone = values.get("share_phone", True) is not False
    departments = values.get("departments_sought") or []
    known = geography().departments
    if any(d not in known for d in departments):
        r.add("departments_sought", _("Choose departments of the region."))
    profile = profile_of(user)
    withdrawn = profile.lived_experience_consent_at is not None and not consent
    # Unticking erases the stored text; a text typed in the same save is not silently dropped.
    if lived and not consent and (not withdrawn or lived != profile.lived_experience):
        r.add("lived_experience_consent",
              _("Tick this box for pairjobs to keep your text, or leave the text empty."))
    if r:
        raise ValidationFailed(dict(r))
    if not consent:
        lived, share_lived = None, False
    elif profile.lived_experience_consent_at is None:
        profile.lived_experience_consent_at = utcnow()
    if withdrawn:
        profile.lived_experience_consent_at = None
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


def check_credential(values: Mapping[str, Any]) -> dict[str, Any]:
    """The rules between a credential's typed values; the values to store, or ValidationFailed."""
    r = Errors()
    this_year = date.today().year
    v: dict[str, Any] = {name: values.get(name) for name in CREDENTIAL_FIELDS}
    for name in ("type", "title", "institution", "status"):
        if v[name] is None:
            r.add(name, _("This field is required."))
    for name, latest in (("start_year", this_year + 1), ("end_year", this_year + 6)):
        if v[name] is not None and not FIRST_YEAR <= v[name] <= latest:
            r.add(name, _("Must be between %(min)d and %(max)d.", min=FIRST_YEAR, max=latest))
    if v["institution"] == OTHER_INSTITUTION:
        v["institution"] = values.get("institution_other")
        if v["institution"] is None:
            r.add("institution_other", _("Give the name of the institution."))
    if v["start_year"] and v["end_year"] and v["end_year"] < v["start_year"] and "end_year" not in r:
        r.add("end_year", _("The end year is before the start year."))
    if (v["status"] is CredentialStatus.OBTAINED and v["end_year"] and v["end_year"] > this_year
            and "end_year" not in r):
        r.add("end_year", _("An obtained credential cannot end in the future."))
    if r:
        raise ValidationFailed(dict(r))
    return v


def add_credential(user: User, values: Mapping[str, Any], document: BinaryIO | None = None,
                   filename: str | None = None) -> Credential:
    """Declare a credential, with an optional PDF certificate; flushes only."""
    credential = Credential(user_id=user.id, **check_credential(values))
    if document is not None:
        try:
            stored = documents.store_pdf(document, filename)
        except documents.DocumentRejected as exc:
            raise ValidationFailed({"document": [str(exc)]}) from exc
        credential.document_key, credential.document_filename, credential.document_size = stored
    db.session.add(credential)
    db.session.flush()
    return credential


def update_credential(credential: Credential, changes: Mapping[str, Any]) -> bool:
    """Correct a credential (fields not given keep their values); a change to a checked credential sends it
    back for verification. Returns whether anything changed."""
    current = {name: getattr(credential, name) for name in CREDENTIAL_FIELDS}
    values = check_credential(current | dict(changes))
    changed = {name: value for name, value in values.items() if current[name] != value}
    for name, value in changed.items():
        setattr(credential, name, value)
    if changed and credential.verification is not Verification.PENDING:
        credential.verification = Verification.PENDING
        credential.rejection_reason = None
        credential.verified_at = None
        credential.verified_by_id = None
    db.session.flush()
    return bool(changed)


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
    queue_mail(credential.user, "credential_checked", credential=credential)


def own_credentials(user: User, ids: list) -> list[Credential]:
    """The user's credentials with these ids; any other id is refused."""
    if not isinstance(ids, list) or any(isinstance(i, bool) or not isinstance(i, int) for i in ids):
        raise ValidationFailed({"credential_ids": [_("Must be a list of credential ids.")]})
    by_id = {c.id: c for c in user.credentials}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise ValidationFailed({"credential_ids": [_("Unknown credential.")]})
    return [by_id[i] for i in dict.fromkeys(ids)]


