"""The columns of the survey file, and the values its enumerated columns accept.

The ARS and the establishments read French, never code values: each enumerated column accepts the
French label of a value as pairjobs shows it (capitals, accents and surrounding spaces do not matter),
and, so that older files keep working, the code the earlier template asked for.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from flask_babel import LazyString, force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from pairjobs.models import position as terms  # the enumerations of a contract's terms
from pairjobs.models.base import LabelledEnum

FILE_LOCALE = "fr"
# The enumerated columns: their values' labels are the enumerations' (LabelledEnum.label).
ENUM_COLUMNS = {
    "contract_type": terms.ContractType,
    "legal_basis": terms.LegalBasis,
    "funding_kind": terms.FundingKind,
    "supervision_frequency": terms.SupervisionFrequency,
    "supervision_kind": terms.SupervisionKind,
    "category": terms.Category,
    "cdd_reason": terms.CddReason,
}
YES_NO_COLUMNS = ("supervision_paid_time", "extended_duration", "part_time_at_employee_request")
YES_NO_LABELS = ("oui", "non")
# Read as what the contract terms reader understands; the English words are those of older files.
_YES_NO = {"oui": "yes", "non": "no", "yes": "yes", "no": "no", "y": "yes", "n": "no", "true": "yes",
           "false": "no", "on": "yes", "off": "no", "1": "yes", "0": "no"}


def fold(text: str) -> str:
    """Text as compared: no accents, no case, single spaces, a typographic apostrophe read as a straight
    one."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def quoted(values: Iterable[str]) -> str:
    """Values as listed to a reader: « Besoin permanent », « Remplacement… » (labels may hold commas)."""
    return ", ".join(f"« {value} »" for value in values)


def french_labels(column: str) -> list[str]:
    """The French labels an enumerated column accepts, in the enumeration's order."""
    with force_locale(FILE_LOCALE):
        return [str(m.label) for m in ENUM_COLUMNS[column]]


def french_label(column: str, member) -> str:
    """The French label of one value of an enumerated column."""
    with force_locale(FILE_LOCALE):
        return str(ENUM_COLUMNS[column](member).label)


class Vocabulary:
    """What each enumerated or yes/no column accepts, read once per import (in French): by default the
    survey's columns, or those given."""

    def __init__(self, enum_columns: Mapping[str, type[LabelledEnum]] | None = None,
                 yes_no_columns: Iterable[str] | None = None) -> None:
        self.codes: dict[str, dict[str, str]] = {}
        self.labels: dict[str, list[str]] = {}
        with force_locale(FILE_LOCALE):
            for column, values in (ENUM_COLUMNS if enum_columns is None else enum_columns).items():
                self.labels[column] = [str(m.label) for m in values]
                self.codes[column] = {fold(m.value): m.value for m in values} | {
                    fold(str(m.label)): m.value for m in values}
        for column in YES_NO_COLUMNS if yes_no_columns is None else yes_no_columns:
            self.labels[column] = list(YES_NO_LABELS)
            self.codes[column] = _YES_NO

    def translate(self, row: dict[str, str]) -> dict[str, list[str]]:
        """Replace each given value by its code, in place; the errors of the values not understood.

        A value not understood is emptied, so that the contract rules do not report it a second time.
        """
        errors = {}
        for column, codes in self.codes.items():
            value = row.get(column, "")
            if not value.strip():
                continue
            code = codes.get(fold(value))
            if code is None:
                errors[column] = [_("Unknown value; expected one of: %(allowed)s.",
                                    allowed=quoted(self.labels[column]))]
                row[column] = ""
            else:
                row[column] = code
        return errors


def _values(column: str) -> LazyString:
    """The accepted labels of a column, quoted, computed when shown."""
    return LazyString(lambda: quoted(french_labels(column)))


def _label(column: str, member) -> LazyString:
    """The French label of a value, computed when shown."""
    return LazyString(french_label, column, member)


class Column(NamedTuple):
    """A column of the file: its label (shown beside its name) and what it holds."""

    label: object
    description: object


_DATE = _l("YYYY-MM-DD or DD/MM/YYYY")
COLUMNS = {
    "finess": Column(_l("FINESS number"), _l("9 characters; the establishment must already be registered on "
                                              "pairjobs.")),
    "person_ref": Column(_l("Person (pseudonym)"),
                         _l("The establishment's own pseudonymous reference for the "
                                                      "person, at most 40 characters (never a name).")),
    "contract_type": Column(_l("Contract type"), _l("One of: %(values)s.", values=_values("contract_type"))),
    "legal_basis": Column(_l("Legal basis (public fixed-term contract only)"),
                          _l("For “%(kind)s” only, one of: %(values)s.", values=_values("legal_basis"),
                             kind=_label("contract_type", terms.ContractType.CDD_PUBLIC))),
    "start_date": Column(_l("First day of the contract"),
                         _l("%(format)s; at the latest the reference date of the survey.", format=_DATE)),
    "end_date": Column(_l("Last day (fixed-term contracts)"),
                       _l("%(format)s; empty for an open-ended contract.", format=_DATE)),
    "fte_percent": Column(_l("Working time (percentage of full time)"), _l("From 10 to 100.")),
    "weekly_hours": Column(_l("Hours a week"), _l("With a decimal comma or dot, for example 17,5.")),
    "monthly_gross": Column(_l("Monthly gross salary (€)"), _l("In euros; may be left empty.")),
    "funding_kind": Column(_l("Funding"), _l("One of: %(values)s.", values=_values("funding_kind"))),
    "funding_ends_on": Column(_l("End of the grant"),
                              _l("%(format)s, when the funding is “%(kind)s”.", format=_DATE,
                                 kind=_label("funding_kind", terms.FundingKind.GRANT))),
    "supervision_frequency": Column(_l("Supervision frequency"),
                                    _l("One of: %(values)s.", values=_values("supervision_frequency"))),
    "supervision_kind": Column(_l("Kind of supervision"),
                               _l("One of: %(values)s; empty when “%(kind)s”.",
                                  values=_values("supervision_kind"),
                                  kind=_label("supervision_frequency", terms.SupervisionFrequency.NONE))),
    "supervision_paid_time": Column(_l("Supervision within paid working time"), _l("“oui” or “non”.")),
    "peer_team_size": Column(_l("Other peer workers in the team"), _l("0 or more.")),
}
# Optional columns, which older files do not have (the contract rules need them where they apply).
OPTIONAL_COLUMNS = {
    "category": Column(_l("Hierarchical category (public contracts)"),
                       _l("For public-law contracts only, one of: %(values)s.", values=_values("category"))),
    "cdd_reason": Column(_l("Reason for the fixed-term contract (private CDD only)"),
                         _l("For “%(kind)s” only, one of: %(values)s.", values=_values("cdd_reason"),
                            kind=_label("contract_type", terms.ContractType.CDD))),
    "extended_duration": Column(_l("Extended duration of L5134-25-1 (PEC only)"),
                                _l("For “%(kind)s” only: “oui” when the extended duration applies "
                                   "(never why); otherwise “non” or empty.",
                                   kind=_label("contract_type", terms.ContractType.PEC))),
    "part_time_at_employee_request": Column(
        _l("Part time at the employee's request"),
        _l("“oui” when a part time under the minimum was asked for by the employee (L3123-7); otherwise "
           "“non” or empty.")),
    "post_ref": Column(_l("Post reference"), _l("The establishment's own reference of the post, so that the "
                                                "waiting period follows the post; may be left empty.")),
}
ALL_COLUMNS = COLUMNS | OPTIONAL_COLUMNS
