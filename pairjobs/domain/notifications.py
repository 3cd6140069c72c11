"""The e-mails a person may turn off: those the process does not need (a receipt, a copy for information, a
reminder). What the process needs (an address to confirm, a decision, an interview invitation) always goes."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from pairjobs.domain.errors import ValidationFailed
from pairjobs.models import Role, User


@dataclass(frozen=True)
class OptionalMail:
    """A kind of e-mail (its template), who receives it, and how the settings page names it."""

    kind: str
    roles: frozenset[Role]
    label: object  # a lazy string


OPTIONAL_MAILS = (
    OptionalMail("application_received", frozenset({Role.CANDIDATE}),
                 _l("A receipt for each application I send")),
    OptionalMail("interview_reminder", frozenset({Role.CANDIDATE, Role.EMPLOYER}),
                 _l("A reminder the day before an interview")),
    OptionalMail("new_application", frozenset({Role.EMPLOYER}),
                 _l("Each new application to my organization's positions")),
    OptionalMail("application_withdrawn", frozenset({Role.EMPLOYER}),
                 _l("A candidate withdraws an application")),
    OptionalMail("interview_answered", frozenset({Role.EMPLOYER}),
                 _l("A candidate accepts or declines an interview")),
    OptionalMail("application_waiting", frozenset({Role.EMPLOYER}),
                 _l("A reminder of applications left without an answer")),
    OptionalMail("employer_request", frozenset({Role.ADMIN}),
                 _l("An employer asks to join")),
)
OPTIONAL_KINDS = frozenset(m.kind for m in OPTIONAL_MAILS)


def optional_mails(user: User) -> list[OptionalMail]:
    """The e-mails this person receives and may turn off."""
    return [m for m in OPTIONAL_MAILS if user.role in m.roles]


def wants(user: User, kind: str) -> bool:
    """Whether an e-mail of this kind goes to this person (a required one always does)."""
    return kind not in OPTIONAL_KINDS or kind not in (user.mail_opt_outs or [])


def set_wanted(user: User, wanted: list[str]) -> None:
    """Keep the optional e-mails listed, turn the person's other optional ones off."""
    own = {m.kind for m in optional_mails(user)}
    unknown = [k for k in wanted if k not in own]
    if unknown:
        raise ValidationFailed({"wanted": [_("Unknown kind of e-mail.")]})
    user.mail_opt_outs = sorted(own - set(wanted))
