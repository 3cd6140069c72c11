"""Legal cases of the contract rules: a history, a date, the flags expected, and the article.

Each case builds real records (organizations, contracts with the dates they were recorded) and asks the
domain for the flags of the judged contract, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class K:
    """A contract of a case. Dates are ISO strings; `signed` is the day it was recorded (default: its
    start, or the case's date if earlier); `closed` the day it stopped being active in the records."""

    type: str
    start: str
    end: str | None = None
    basis: str | None = None
    category: str | None = "B"
    reason: str | None = None
    extended: bool = False
    at_request: bool = False
    hours: float = 35
    person: str = "p1"
    org: str = "main"
    post: str | None = "P1"
    renews: int | None = None  # index of the contract it renews
    state: str | None = None  # default: "renewed" when renewed by a later contract of the case, else "active"
    end_reason: str | None = None
    decision: str | None = None
    decided: str | None = None
    signed: str | None = None
    closed: str | None = None
    planned: str | None = None  # the term it was signed for, when `end` is an earlier end
    position: str | None = None  # the position it followed (contracts sharing one fill the same post)
    source: str = "pairjobs"  # "survey": reported by the annual survey, known as of its start


@dataclass(frozen=True)
class Case:
    """A history, the day the flags are computed, the judged contract and whether the rule flags it."""

    rule: str
    name: str
    sector: str
    contracts: tuple[K, ...]
    as_of: str
    flagged: bool
    article: str
    judged: int = -1
    opening_days: str = "12345"
    idcc: str | None = None
    config: dict = field(default_factory=dict)

    @property
    def day(self) -> date:
        return date.fromisoformat(self.as_of)


PUB, PRIV = "public", "private_nonprofit"


def cdd(start, end, basis="permanent_need", **kw):
    return K("cdd_public", start, end, basis=basis, **kw)


def pcdd(start, end, reason="temporary_increase", **kw):
    return K("cdd", start, end, category=None, reason=reason, **kw)


def pec(start, end, **kw):
    return K("pec", start, end, category=None, **kw)


CASES = [
    # --- public_cdi_due: CGFP L332-17, services as a span of time, same legal entity and category. ---
    Case("public_cdi_due", "six years exactly, reached on the last day of the current CDD: deemed a CDI", PUB,
         (cdd("2019-01-01", "2021-12-31"), cdd("2022-01-01", "2024-12-31", renews=0)), "2024-06-01", True,
         "CGFP L332-17"),
    Case("public_cdi_due", "one day short of six years", PUB,
         (cdd("2019-01-01", "2021-12-31"), cdd("2022-01-01", "2024-12-30", renews=0)), "2024-06-01", False,
         "CGFP L332-17"),
    Case("public_cdi_due", "overlapping contracts count once (a sum would give eight years)", PUB,
         (cdd("2019-01-01", "2022-12-31"), cdd("2021-01-01", "2023-12-31", org="sibling", post="P2"),
          cdd("2024-01-01", "2024-12-30")), "2024-06-01", False, "CGFP L332-17"),
    Case("public_cdi_due", "an interruption of exactly four months keeps the count", PUB,
         (cdd("2019-01-01", "2021-12-31", state="ended"), cdd("2022-05-01", "2025-04-30", renews=None),
          cdd("2025-05-01", "2025-12-31", renews=1)), "2025-06-01", True, "CGFP L332-17"),
    Case("public_cdi_due", "an interruption of four months and a day breaks the count", PUB,
         (cdd("2019-01-01", "2021-12-31", state="ended"), cdd("2022-05-02", "2025-12-31")),
         "2025-06-01", False,
         "CGFP L332-17"),
    Case("public_cdi_due", "part time counts as full time", PUB,
         (cdd("2019-01-01", "2021-12-31", hours=17.5), cdd("2022-01-01", "2025-06-30", renews=0, hours=17.5)),
         "2025-01-01", True, "CGFP L332-17"),
    Case("public_cdi_due", "services in another category do not count", PUB,
         (cdd("2019-01-01", "2021-12-31", category="C"), cdd("2022-01-01", "2025-06-30", renews=0)),
         "2025-01-01", False, "CGFP L332-17"),
    Case("public_cdi_due", "another establishment of the same legal entity counts", PUB,
         (cdd("2019-01-01", "2021-12-31", org="sibling", state="ended"), cdd("2022-01-01", "2025-06-30")),
         "2025-01-01", True, "CGFP L332-17"),
    Case("public_cdi_due", "another legal entity does not count", PUB,
         (cdd("2019-01-01", "2021-12-31", org="other", state="ended"), cdd("2022-01-01", "2025-06-30")),
         "2025-01-01", False, "CGFP L332-17"),
    Case("public_cdi_due", "a contrat de projet does not count", PUB,
         (K("contrat_projet", "2019-01-01", "2022-12-31", state="ended"), cdd("2023-01-01", "2025-06-30")),
         "2025-01-01", False, "CGFP L332-17, L332-24"),
    Case("public_cdi_due", "reached before the current CDD began: it should have been a CDI", PUB,
         (cdd("2018-01-01", "2020-12-31"), cdd("2021-01-01", "2023-12-31", renews=0),
          cdd("2024-01-01", "2024-12-31", renews=1)), "2024-03-01", True, "CGFP L332-17"),
    Case("public_cdi_due", "replacement CDDs for seven years: they count, but are never converted", PUB,
         (cdd("2018-01-01", "2020-12-31", basis="replacement"),
          cdd("2021-01-01", "2024-12-31", basis="replacement", renews=0)), "2024-06-01", False,
         "CGFP L332-17, L332-19"),
    Case("public_cdi_due", "a vacancy CDD after six years of permanent need: not converted", PUB,
         (cdd("2018-01-01", "2023-12-31", state="ended"), cdd("2024-01-01", "2024-12-31", basis="vacancy")),
         "2024-06-01", False, "CGFP L332-17, L332-20"),
    Case("public_cdi_due", "replacement services count towards a permanent-need CDD's six years", PUB,
         (cdd("2018-01-01", "2020-12-31", basis="replacement", state="ended"),
          cdd("2021-01-01", "2024-12-31")), "2024-06-01", True, "CGFP L332-17"),
    Case("public_cdi_due", "the survey's history counts on its reference date", PUB,
         (cdd("2019-01-01", "2021-12-31", state="ended", source="survey", signed="2027-01-15"),
          cdd("2022-01-01", "2025-06-30", source="survey", signed="2027-01-15")),
         "2024-12-31", True, "CGFP L332-17"),

    # --- public_cdd_over_max: the limit of the contract's legal basis. ---
    Case("public_cdd_over_max", "permanent need: three years exactly", PUB,
         (cdd("2024-01-01", "2026-12-31"),),
         "2025-01-01", False, "CGFP L332-17"),
    Case("public_cdd_over_max", "permanent need: three years and a day", PUB,
         (cdd("2024-01-01", "2027-01-01"),),
         "2025-01-01", True, "CGFP L332-17"),
    Case("public_cdd_over_max", "replacement for four years: no cap", PUB,
         (cdd("2023-01-01", "2026-12-31", basis="replacement"),), "2025-01-01", False, "CGFP L332-19"),
    Case("public_cdd_over_max", "vacancy: one year exactly", PUB,
         (cdd("2025-01-01", "2025-12-31", basis="vacancy"),),
         "2025-06-01", False, "CGFP L332-20"),
    Case("public_cdd_over_max", "vacancy: thirty months in one contract", PUB,
         (cdd("2025-01-01", "2027-06-30", basis="vacancy"),), "2025-06-01", True, "CGFP L332-20"),
    Case("public_cdd_over_max", "vacancy: two years in total with the extension", PUB,
         (cdd("2025-01-01", "2025-12-31", basis="vacancy"), cdd("2026-01-01", "2026-12-31", basis="vacancy",
                                                                renews=0)), "2026-06-01", False,
         "CGFP L332-20"),
    Case("public_cdd_over_max", "vacancy: two years and a month in total", PUB,
         (cdd("2025-01-01", "2025-12-31", basis="vacancy"), cdd("2026-01-01", "2027-01-31", basis="vacancy",
                                                                renews=0)), "2026-06-01", True,
         "CGFP L332-20"),
    Case("public_cdd_over_max", "temporary increase: twelve months", PUB,
         (cdd("2025-01-01", "2025-12-31", basis="temporary_increase"),), "2025-06-01", False,
         "CGFP L332-23 1°"),
    Case("public_cdd_over_max", "temporary increase: thirteen months within eighteen", PUB,
         (cdd("2025-01-01", "2025-12-31", basis="temporary_increase", state="ended"),
          cdd("2026-03-01", "2026-03-31", basis="temporary_increase")), "2026-03-15", True,
         "CGFP L332-23 1°"),
    Case("public_cdd_over_max", "temporary increase: twelve then six months, eighteen apart", PUB,
         (cdd("2024-01-01", "2024-12-31", basis="temporary_increase", state="ended"),
          cdd("2025-07-01", "2025-12-31", basis="temporary_increase")), "2025-08-01", False,
         "CGFP L332-23 1°"),
    Case("public_cdd_over_max", "temporary increase: an old excess does not taint a later contract", PUB,
         (cdd("2018-01-01", "2018-12-31", basis="temporary_increase", state="ended"),
          cdd("2019-01-01", "2019-03-31", basis="temporary_increase", state="ended"),
          cdd("2025-01-01", "2025-03-31", basis="temporary_increase")), "2025-02-01", False,
         "CGFP L332-23 1°"),
    Case("public_cdd_over_max", "temporary increase: six then seven months, within eighteen", PUB,
         (cdd("2024-07-01", "2024-12-31", basis="temporary_increase", state="ended"),
          cdd("2025-06-01", "2025-12-31", basis="temporary_increase")), "2025-08-01", True,
         "CGFP L332-23 1°"),
    Case("public_cdd_over_max", "seasonal: six months", PUB,
         (cdd("2025-03-01", "2025-08-31", basis="seasonal"),),
         "2025-05-01", False, "CGFP L332-23 2°"),
    Case("public_cdd_over_max", "seasonal: seven months within twelve", PUB,
         (cdd("2025-03-01", "2025-09-30", basis="seasonal"),), "2025-05-01", True, "CGFP L332-23 2°"),
    Case("public_cdd_over_max", "contrat de projet of six years", PUB,
         (K("contrat_projet", "2021-01-01", "2026-12-31"),), "2025-01-01", False, "CGFP L332-24"),
    Case("public_cdd_over_max", "contrat de projet of six years and a day", PUB,
         (K("contrat_projet", "2021-01-01", "2027-01-01"),), "2025-01-01", True, "CGFP L332-24"),
    Case("public_cdd_over_max", "contrat de projet of eleven months", PUB,
         (K("contrat_projet", "2025-01-01", "2025-11-30"),), "2025-06-01", True, "CGFP L332-24"),
    Case("public_cdd_over_max", "contrat de projet of a year ended early by a resignation", PUB,
         (K("contrat_projet", "2025-01-01", "2025-06-30", planned="2025-12-31", state="ended",
            end_reason="resignation", closed="2025-07-01"),), "2025-06-15", False, "CGFP L332-24"),

    # --- private_cdd_over_max: by reason (L1242-8-1), renewals signed to start later included. ---
    Case("private_cdd_over_max", "eighteen months with a renewal", PRIV,
         (pcdd("2025-01-01", "2025-12-31"), pcdd("2026-01-01", "2026-06-30", renews=0)), "2026-03-01", False,
         "C. trav. L1242-8-1"),
    Case("private_cdd_over_max", "eighteen months and a day", PRIV,
         (pcdd("2025-01-01", "2025-12-31"), pcdd("2026-01-01", "2026-07-01", renews=0)), "2026-03-01", True,
         "C. trav. L1242-8-1"),
    Case("private_cdd_over_max", "a renewal signed to start later counts from its signature", PRIV,
         (pcdd("2025-01-01", "2025-12-31", signed="2025-01-01"),
          pcdd("2026-01-01", "2026-09-30", renews=0, signed="2025-11-15")), "2025-11-20", True,
         "C. trav. L1242-8-1, L1243-13-1", judged=0),
    Case("private_cdd_over_max", "a renewal signed after the date is not yet known", PRIV,
         (pcdd("2025-01-01", "2025-12-31", signed="2025-01-01"),
          pcdd("2026-01-01", "2026-09-30", renews=0, signed="2025-12-01")), "2025-11-20", False,
         "C. trav. L1242-8-1", judged=0),
    Case("private_cdd_over_max", "awaiting a CDI: nine months", PRIV,
         (pcdd("2025-01-01", "2025-09-30", "awaiting_cdi"),),
         "2025-03-01", False, "C. trav. L1242-8-1"),
    Case("private_cdd_over_max", "awaiting a CDI: ten months", PRIV,
         (pcdd("2025-01-01", "2025-10-31", "awaiting_cdi"),),
         "2025-03-01", True, "C. trav. L1242-8-1"),
    Case("private_cdd_over_max", "replacement without a precise end: no maximum", PRIV,
         (pcdd("2024-01-01", "2026-06-30", "replacement_no_fixed_end"),), "2025-03-01", False,
         "C. trav. L1242-7"),
    Case("private_cdd_over_max", "a collective agreement's maximum where configured", PRIV,
         (pcdd("2025-01-01", "2026-12-31"),), "2025-03-01", False, "C. trav. L1242-8-1 (accord de branche)",
         idcc="9999", config={"idcc": {"9999": {"private_cdd_limits": {"default": {"max_months": 24}}}}}),

    # --- private_cdd_too_many_renewals: L1243-13-1. ---
    Case("private_cdd_too_many_renewals", "two renewals", PRIV,
         (pcdd("2025-01-01", "2025-03-31"), pcdd("2025-04-01", "2025-06-30", renews=0),
          pcdd("2025-07-01", "2025-09-30", renews=1)), "2025-08-01", False, "C. trav. L1243-13-1"),
    Case("private_cdd_too_many_renewals", "three renewals", PRIV,
         (pcdd("2025-01-01", "2025-03-31"), pcdd("2025-04-01", "2025-06-30", renews=0),
          pcdd("2025-07-01", "2025-09-30", renews=1),
          pcdd("2025-10-01", "2025-12-31", renews=2)), "2025-11-01",
         True, "C. trav. L1243-13-1"),
    Case("private_cdd_too_many_renewals", "a third renewal signed to start later", PRIV,
         (pcdd("2025-01-01", "2025-03-31"), pcdd("2025-04-01", "2025-06-30", renews=0),
          pcdd("2025-07-01", "2025-09-30", renews=1),
          pcdd("2025-10-01", "2025-12-31", renews=2, signed="2025-08-01")),
         "2025-08-15", True, "C. trav. L1243-13-1", judged=2),
    Case("private_cdd_too_many_renewals", "CDD d'usage: no limit", PRIV,
         (pcdd("2025-01-01", "2025-03-31", "usage"), pcdd("2025-04-01", "2025-06-30", "usage", renews=0),
          pcdd("2025-07-01", "2025-09-30", "usage", renews=1),
          pcdd("2025-10-01", "2025-12-31", "usage", renews=2)),
         "2025-11-01", False, "C. trav. L1242-2 3°"),

    # --- waiting_period_not_respected: same post, whoever fills it, in opening days (L1244-3-1). ---
    Case("waiting_period_not_respected", "30 days then 10 opening days: respected", PRIV,
         (pcdd("2026-01-05", "2026-02-03", state="ended"), pcdd("2026-02-18", "2026-05-31", person="p2")),
         "2026-03-01", False, "C. trav. L1244-3-1"),
    Case("waiting_period_not_respected",
         "30 days then 9 opening days (13 calendar days): not respected", PRIV,
         (pcdd("2026-01-05", "2026-02-03", state="ended"), pcdd("2026-02-17", "2026-05-31", person="p2")),
         "2026-03-01", True, "C. trav. L1244-3-1"),
    Case("waiting_period_not_respected", "public holidays are not opening days", PRIV,
         (pcdd("2026-04-01", "2026-04-30", state="ended"), pcdd("2026-05-19", "2026-07-31", person="p2")),
         "2026-06-01", True, "C. trav. L1244-3-1"),
    Case("waiting_period_not_respected", "public holidays are not opening days, waiting respected", PRIV,
         (pcdd("2026-04-01", "2026-04-30", state="ended"), pcdd("2026-05-20", "2026-07-31", person="p2")),
         "2026-06-01", False, "C. trav. L1244-3-1"),
    Case("waiting_period_not_respected", "a ward open every day", PRIV,
         (pcdd("2026-04-01", "2026-04-30", state="ended"), pcdd("2026-05-13", "2026-07-31", person="p2")),
         "2026-06-01", False, "C. trav. L1244-3-1", opening_days="1234567"),
    Case("waiting_period_not_respected", "the same person again, not a renewal", PRIV,
         (pcdd("2026-01-05", "2026-02-03", state="ended"), pcdd("2026-02-10", "2026-05-31")),
         "2026-03-01", True, "C. trav. L1244-3-1"),
    Case("waiting_period_not_respected", "a temp contract after a CDD on the same post", PRIV,
         (pcdd("2026-01-05", "2026-02-03", state="ended"),
          K("interim", "2026-02-10", "2026-03-31", category=None,
                                                             person="p2")),
         "2026-03-01", True, "C. trav. L1244-3"),
    Case("waiting_period_not_respected", "under 14 days: half the length", PRIV,
         (pcdd("2026-03-02", "2026-03-11", state="ended"), pcdd("2026-03-19", "2026-04-30", person="p2")),
         "2026-04-01", False, "C. trav. L1244-3-1 2°"),
    Case("waiting_period_not_respected", "a replacement after a temporary increase: not exempt", PRIV,
         (pcdd("2026-01-05", "2026-07-04", state="ended"),
          pcdd("2026-07-10", "2026-12-31", "replacement", person="p2")), "2026-08-01", True,
         "C. trav. L1244-3-1, L1244-4-1 1°"),
    Case("waiting_period_not_respected", "exempt: a replacement after a replacement (new absence)", PRIV,
         (pcdd("2026-01-05", "2026-07-04", "replacement", state="ended"),
          pcdd("2026-07-10", "2026-12-31", "replacement", person="p2")), "2026-08-01", False,
         "C. trav. L1244-4-1 1°"),
    Case("waiting_period_not_respected", "the same position, only one contract with a post reference", PRIV,
         (pcdd("2026-01-05", "2026-02-03", state="ended", post=None, position="A"),
          pcdd("2026-02-10", "2026-05-31", person="p2", position="A")), "2026-03-01", True,
         "C. trav. L1244-3-1"),
    Case("waiting_period_not_respected", "two openings of one position with their own references", PRIV,
         (pcdd("2026-01-05", "2026-02-03", state="ended", position="A"),
          pcdd("2026-02-10", "2026-05-31", person="p2", position="A", post="P2")), "2026-03-01", False,
         "C. trav. L1244-3-1"),
    Case("waiting_period_not_respected", "survey contracts on their post, on the reference date", PRIV,
         (pcdd("2026-10-05", "2026-11-03", state="ended", source="survey", signed="2027-01-15"),
          pcdd("2026-11-10", "2027-03-31", person="p2", source="survey", signed="2027-01-15")),
         "2026-12-31", True, "C. trav. L1244-3-1"),
    Case("waiting_period_not_respected", "exempt: seasonal work", PRIV,
         (pcdd("2026-01-05", "2026-02-03", state="ended"),
          pcdd("2026-02-05", "2026-05-31", "seasonal", person="p2")),
         "2026-03-01", False, "C. trav. L1244-4-1 3°"),
    Case("waiting_period_not_respected", "exempt: the previous employee resigned", PRIV,
         (pcdd("2026-01-05", "2026-02-03", state="ended", end_reason="resignation"),
          pcdd("2026-02-05", "2026-05-31", person="p2")), "2026-03-01", False, "C. trav. L1244-4-1 6°"),
    Case("waiting_period_not_respected", "exempt: the previous employee refused the renewal", PRIV,
         (pcdd("2026-01-05", "2026-02-03", state="ended", end_reason="renewal_refused"),
          pcdd("2026-02-05", "2026-05-31", person="p2")), "2026-03-01", False, "C. trav. L1244-4-1 7°"),
    Case("waiting_period_not_respected", "exempt: a PEC (L1242-3) before", PRIV,
         (pec("2025-08-01", "2026-02-03", state="ended"), pcdd("2026-02-05", "2026-05-31", person="p2")),
         "2026-03-01", False, "C. trav. L1244-4-1 5°"),
    Case("waiting_period_not_respected", "public employers: not concerned", PUB,
         (cdd("2026-01-05", "2026-02-03", state="ended"), cdd("2026-02-05", "2026-05-31", person="p2")),
         "2026-03-01", False, "C. trav. L1244-3 (droit privé)"),

    # --- pec_over_max / pec_under_min: L5134-23, L5134-25, L5134-25-1. ---
    Case("pec_over_max", "24 months with a renewal", PRIV,
         (pec("2024-01-01", "2024-12-31"), pec("2025-01-01", "2025-12-31", renews=0)), "2025-06-01", False,
         "C. trav. L5134-25"),
    Case("pec_over_max", "24 months and a day", PRIV,
         (pec("2024-01-01", "2024-12-31"), pec("2025-01-01", "2026-01-01", renews=0)), "2025-06-01", True,
         "C. trav. L5134-25"),
    Case("pec_over_max", "48 months under the extended duration", PRIV,
         (pec("2023-01-01", "2024-12-31", extended=True), pec("2025-01-01", "2026-12-31", renews=0,
                                                              extended=True)), "2025-06-01", False,
         "C. trav. L5134-25-1"),
    Case("pec_over_max", "61 months under the extended duration", PRIV,
         (pec("2022-01-01", "2024-12-31", extended=True), pec("2025-01-01", "2027-01-31", renews=0,
                                                              extended=True)), "2025-06-01", True,
         "C. trav. L5134-25-1"),
    Case("pec_over_max", "a public employer's PEC of 30 months", PUB,
         (pec("2024-01-01", "2026-06-30"),), "2025-06-01", True, "C. trav. L5134-21, L5134-25"),
    Case("pec_under_min", "a PEC of six months", PRIV, (pec("2025-01-01", "2025-06-30"),),
         "2025-03-01", False,
         "C. trav. L5134-23"),
    Case("pec_under_min", "a PEC of five months", PRIV, (pec("2025-01-01", "2025-05-31"),),
         "2025-03-01", True,
         "C. trav. L5134-23"),
    Case("pec_under_min", "a six-month PEC renewed for three months", PRIV,
         (pec("2025-01-01", "2025-06-30"), pec("2025-07-01", "2025-09-30", renews=0)), "2025-08-01", False,
         "C. trav. L5134-23"),
    Case("pec_under_min", "a one-year PEC ended early by a resignation", PUB,
         (pec("2026-06-01", "2026-09-30", planned="2027-05-31", state="ended", end_reason="resignation",
              closed="2026-09-20"),), "2026-10-01", False, "C. trav. L5134-23"),

    # --- part_time_below_legal_minimum: the agreement's minimum (24 h by default), 20 h for a PEC. ---
    Case("part_time_below_legal_minimum", "private CDI of 20 h", PRIV,
         (K("cdi", "2025-01-01", category=None, hours=20),),
         "2025-06-01", True, "C. trav. L3123-27"),
    Case("part_time_below_legal_minimum", "private CDI of 24 h", PRIV,
         (K("cdi", "2025-01-01", category=None, hours=24),),
         "2025-06-01", False, "C. trav. L3123-27"),
    Case("part_time_below_legal_minimum", "at the employee's written request", PRIV,
         (K("cdi", "2025-01-01", category=None, hours=10, at_request=True),), "2025-06-01", False,
         "C. trav. L3123-7"),
    Case("part_time_below_legal_minimum", "a replacement CDD", PRIV,
         (pcdd("2025-01-01", "2025-12-31", "replacement", hours=10),), "2025-06-01", False,
         "C. trav. L3123-7"),
    Case("part_time_below_legal_minimum", "a collective agreement's lower minimum", PRIV,
         (K("cdi", "2025-01-01", category=None, hours=15),), "2025-06-01", False, "C. trav. L3123-19",
         idcc="9999", config={"idcc": {"9999": {"part_time_min_weekly_hours": 14}}}),
    Case("part_time_below_legal_minimum", "a PEC of 20 h", PRIV, (pec("2025-01-01", "2025-12-31", hours=20),),
         "2025-06-01", False, "C. trav. L5134-26"),
    Case("part_time_below_legal_minimum", "a PEC of 19 h", PRIV, (pec("2025-01-01", "2025-12-31", hours=19),),
         "2025-06-01", True, "C. trav. L5134-26"),
    Case("part_time_below_legal_minimum", "a public CDD of 10 h: no legal minimum", PUB,
         (cdd("2025-01-01", "2025-12-31", hours=10),), "2025-06-01", False, "CGFP"),

    # --- end_near_no_decision: public notice scale (décret 91-155 art. 41), private configured period. ---
    Case("end_near_no_decision", "under 6 months: 8 days before", PUB, (cdd("2026-02-01", "2026-06-30"),),
         "2026-06-22", True, "Décret 91-155 art. 41"),
    Case("end_near_no_decision", "under 6 months: 9 days before", PUB, (cdd("2026-02-01", "2026-06-30"),),
         "2026-06-21", False, "Décret 91-155 art. 41"),
    Case("end_near_no_decision", "one year: a month before", PUB, (cdd("2025-07-01", "2026-06-30"),),
         "2026-05-30", True, "Décret 91-155 art. 41"),
    Case("end_near_no_decision", "one year: a month and a day before", PUB,
         (cdd("2025-07-01", "2026-06-30"),),
         "2026-05-29", False, "Décret 91-155 art. 41"),
    Case("end_near_no_decision", "a vacation: outside the décret 91-155", PUB,
         (K("vacation", "2026-06-01", "2026-06-30"),), "2026-06-25", False, "Décret 91-155 art. 1, 41"),
    Case("end_near_no_decision", "ended early later: the planned term on the date", PRIV,
         (pcdd("2026-01-01", "2026-07-10", planned="2026-12-31", state="ended", end_reason="resignation",
               closed="2026-07-10"),), "2026-06-30", False, "configuration pairjobs"),
    Case("end_near_no_decision", "two years with the renewal: two months before", PUB,
         (cdd("2025-01-01", "2025-12-31"), cdd("2026-01-01", "2026-12-31", renews=0)), "2026-10-31", True,
         "Décret 91-155 art. 41"),
    Case("end_near_no_decision", "two years with the renewal: more than two months before", PUB,
         (cdd("2025-01-01", "2025-12-31"), cdd("2026-01-01", "2026-12-31", renews=0)), "2026-10-30", False,
         "Décret 91-155 art. 41"),
    Case("end_near_no_decision", "the renewal could be a CDI: three months before", PUB,
         (cdd("2021-01-01", "2023-12-31"), cdd("2024-01-01", "2026-12-31", renews=0)), "2026-10-01", True,
         "Décret 91-155 art. 41"),
    Case("end_near_no_decision", "a decision recorded before the date", PUB,
         (cdd("2026-02-01", "2026-06-30", decision="not_renew", decided="2026-06-01"),), "2026-06-25", False,
         "Décret 91-155 art. 41"),
    Case("end_near_no_decision", "a decision recorded after the date is not yet known", PUB,
         (cdd("2026-02-01", "2026-06-30", decision="not_renew", decided="2026-06-28"),), "2026-06-25", True,
         "Décret 91-155 art. 41"),
    Case("end_near_no_decision", "private: 30 days before", PRIV,
         (pcdd("2026-01-01", "2026-06-30"),), "2026-05-31",
         True, "configuration pairjobs"),
    Case("end_near_no_decision", "private: 31 days before", PRIV,
         (pcdd("2026-01-01", "2026-06-30"),), "2026-05-30",
         False, "configuration pairjobs"),

    # --- fixed_term_overdue: still active after its end with nothing recorded (L1243-11). ---
    Case("fixed_term_overdue", "private CDD the day after its end", PRIV, (pcdd("2026-01-01", "2026-03-31"),),
         "2026-04-01", True, "C. trav. L1243-11"),
    Case("fixed_term_overdue", "private CDD on its last day", PRIV, (pcdd("2026-01-01", "2026-03-31"),),
         "2026-03-31", False, "C. trav. L1243-11"),
    Case("fixed_term_overdue", "ended in the records later: overdue on the date", PRIV,
         (pcdd("2026-01-01", "2026-03-31", state="ended", end_reason="term_reached", closed="2026-04-10"),),
         "2026-04-05", True, "C. trav. L1243-11"),
    Case("fixed_term_overdue", "ended in the records before the date", PRIV,
         (pcdd("2026-01-01", "2026-03-31", state="ended", end_reason="term_reached", closed="2026-04-10"),),
         "2026-04-11", False, "C. trav. L1243-11"),
    Case("fixed_term_overdue", "dismissed before its term, recorded later: not overdue on the date", PRIV,
         (pcdd("2026-01-01", "2026-06-20", planned="2026-12-31", state="ended", end_reason="dismissal",
               closed="2026-07-03"),), "2026-06-30", False, "C. trav. L1243-11"),
    Case("fixed_term_overdue", "a renewal decision recorded", PRIV,
         (pcdd("2026-01-01", "2026-03-31", decision="renew", decided="2026-03-15"),), "2026-04-02", False,
         "C. trav. L1243-11"),
    Case("fixed_term_overdue", "a public CDD past its end", PUB,
         (cdd("2025-01-01", "2025-12-31"),), "2026-01-15",
         True, "CGFP L332-17"),
]
