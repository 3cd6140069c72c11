"""The candidate's file an employer reads: frozen when the application is sent, narrowed once the
candidate has left the recruitment (special-category data: DOMAIN.md, Privacy)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pairjobs.models import Application, Credential, CredentialStatus, CredentialType, User, Verification

# What an employer no longer reads once the candidate is out of the process (withdrawn, not kept, or
# the position closed): the pipeline history stays, the ways to reach the person and their own words go.
WITHHELD_AFTER_LEAVING = ("email", "phone", "lived_experience", "message")


def snapshot_of(candidate: User, credentials: list[Credential]) -> dict[str, Any]:
    """The profile fields shown to employers, as they are now (stored on the application when it is sent)."""
    profile = candidate.profile
    return {
        "name": candidate.name,
        "email": candidate.email,
        "phone": profile.phone if profile and profile.share_phone and profile.phone else None,
        "availability": profile.availability if profile else None,
        "departments": profile.department_codes if profile else [],
        "presentation": profile.presentation if profile else None,
        "lived_experience": (profile.lived_experience
                             if profile and profile.share_lived_experience and profile.lived_experience
                             else None),
        "credentials": [_credential(c) for c in credentials],
    }


def _credential(credential: Credential) -> dict[str, Any]:
    return {
        "id": credential.id, "type": credential.type.value, "title": credential.title,
        "institution": credential.institution, "start_year": credential.start_year,
        "end_year": credential.end_year, "status": credential.status.value, "hours": credential.hours,
        "reference": credential.reference,
    }


@dataclass
class SentCredential:
    """A credential as the candidate described it when applying; its check by pairjobs and its
    certificate are today's (None once the candidate deleted it)."""

    id: int
    type: CredentialType
    title: str
    institution: str
    start_year: int | None
    end_year: int | None
    status: CredentialStatus
    hours: int | None
    reference: str | None
    document_key: str | None = None
    document_filename: str | None = None
    verification: Verification | None = None
    rejection_reason: str | None = None
    verified_at: datetime | None = None

    @property
    def has_document(self) -> bool:
        return self.document_key is not None


def _sent(data: dict[str, Any], current: Credential | None) -> SentCredential:
    sent = SentCredential(id=data["id"], type=CredentialType(data["type"]), title=data["title"],
                          institution=data["institution"], start_year=data.get("start_year"),
                          end_year=data.get("end_year"), status=CredentialStatus(data["status"]),
                          hours=data.get("hours"), reference=data.get("reference"))
    if current is not None:
        sent.document_key, sent.document_filename = current.document_key, current.document_filename
        sent.verification, sent.rejection_reason = current.verification, current.rejection_reason
        sent.verified_at = current.verified_at
    return sent


def employer_view(application: Application) -> dict[str, Any]:
    """What the organization's recruiters see of the candidate for this application.

    The snapshot taken when it was sent (the live profile only for an application recorded without one,
    e.g. demo data); contact, lived experience and message withheld once the candidate has left.
    """
    shown = dict(application.profile_snapshot
                 or snapshot_of(application.candidate, list(application.credentials)))
    shown["message"] = application.message or None
    shown["left"] = application.candidate_left
    current = {c.id: c for c in application.credentials}
    shown["credentials"] = [_sent(c, current.get(c["id"])) for c in shown.get("credentials", [])]
    shown["id"] = application.candidate_id
    # A later edit does not change what was sent, but consent withdrawn since is respected (GDPR art. 7(3)):
    # the lived experience or the phone the candidate no longer shares is no longer shown.
    profile = application.candidate.profile
    if profile is None or not profile.share_lived_experience:
        shown["lived_experience"] = None
    if profile is None or not profile.share_phone:
        shown["phone"] = None
    if shown["left"]:
        for key in WITHHELD_AFTER_LEAVING:
            shown[key] = None
    return shown
