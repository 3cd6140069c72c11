"""The ARS pages in a real browser: French labels only, never a code value (`cdd_public`,
`end_near_no_decision`, `private_nonprofit`…), on a desktop and on a 390-pixel phone without sideways
scroll."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from pairjobs.domain.monitoring import snapshots
from pairjobs.domain.precarity import PERSON_FLAG_CODES, POSTING_FLAG_CODES
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import (
    CddReason,
    ContractType,
    EndReason,
    FundingKind,
    LegalBasis,
    OrganizationKind,
    Sector,
    SupervisionFrequency,
    SupervisionKind,
)
from pairjobs.web import labels
from tests import factories
from tests.e2e.conftest import signed_in
from tests.functional.test_reports import contract

# Single-word codes that are also ordinary French words, or labels themselves ("public", "usage") are left
# out. The check is case-sensitive: "CDI" is French, "cdi" is a code.
ORDINARY_WORDS = {"public", "usage", "vacation", "titulaire", "info", "ch", "chu", "gem", "esms", "permanent",
                  "apprentissage", "professionnalisation", "clinique", "A", "B", "C"}
ENUMS = (ContractType, Sector, OrganizationKind, SupervisionFrequency, SupervisionKind,
         FundingKind, LegalBasis,
         CddReason, EndReason)
CODES = sorted(({m.value for e in ENUMS for m in e} | set(PERSON_FLAG_CODES) | set(POSTING_FLAG_CODES)
                | {"critical", "warning", "unknown"}) - ORDINARY_WORDS)
PAGES = ["/reports/", "/reports/?as_of={day}", "/reports/?as_of={day}&sector=public", "/reports/print",
         "/reports/flags?kind=contracts", "/reports/flags?kind=contracts&as_of={day}",
         "/reports/flags?kind=positions", "/reports/organizations/{finess}",
         "/reports/snapshots", "/reports/import", "/reports/?as_of=2001-01-01", "/opendata/"]
# Charts and analyst exports, read as files.
FILES = [f"/reports/charts/{name}.svg?as_of={{day}}" for name in ("departments", "years", "funnel")] + [
    f"/reports/export/{name}.csv?as_of={{day}}" for name in (
        "summary", "departments", "organizations", "years", "organization_flags", "flagged_positions")]


@pytest.fixture
def monitored(app, accounts):
    """Contracts raising flags of every kind in two sectors, a snapshot of yesterday, a flagged position."""
    org = accounts.organization
    private = factories.organization(name="Association Savoyarde", kind="association",
                                     sector="private_nonprofit",
                                     department="73", commune="73065")
    start = today() - timedelta(days=400)
    contract(org, "a1", "cdd_public", start, today() + timedelta(days=20))
    contract(org, "a2", "cdi_public", date(2019, 1, 1), None, supervision="none", team=0)
    contract(private, "b1", "cdd", start, today() + timedelta(days=10), fte=40, hours=14,
             supervision="quarterly",
             cdd_reason="temporary_increase")
    contract(private, "b2", "pec", start, today() - timedelta(days=3), fte=60, hours=21, state="active")
    contract(private, "b3", "cdd", start, today() - timedelta(days=100), state="ended",
             end_reason="resignation")
    db.session.commit()
    factories.position(org, accounts.employer, supervision_frequency="none", supervision_kind=None,
                       contract_type="cdd_public", legal_basis="vacancy", duration_months=6)
    day, month_end = today() - timedelta(days=1), today().replace(day=1) - timedelta(days=1)
    if day != month_end:  # the pages read yesterday; open data publishes month-ends only
        snapshots.record(day)
    snapshots.record(month_end, publish=True)
    db.session.commit()
    return {"day": day.isoformat(), "finess": org.finess}


def visible_codes(text: str) -> list[str]:
    return [code for code in CODES if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text)]


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_no_ars_page_shows_a_code_value(new_page, accounts, monitored, width):
    page = new_page()
    page.set_viewport_size({"width": width, "height": 900})
    signed_in(page, accounts.monitor.email)
    for template in PAGES:
        url = template.format(**monitored)
        response = page.goto(url)
        assert response.status in (200, 422), (url, response.status)
        text = page.locator("body").inner_text()
        assert visible_codes(text) == [], url
        assert "Signalements" in text or "Instantanés" in text or "Données ouvertes" in text, url
        overflow = page.evaluate("document.documentElement.scrollWidth"
                                 " - document.documentElement.clientWidth")
        wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .slice(0, 5)
            .map(e => e.tagName + '.' + e.className + ' '
                      + Math.round(e.getBoundingClientRect().right))""")
        assert overflow <= 1, (url, width, overflow, wide)
    if width == 390:
        return
    for template in FILES:
        url = template.format(**monitored)
        answer = page.context.request.get(url)
        assert answer.status == 200, url
        # An SVG's words, without its markup and style sheet.
        text = re.sub(r"<[^>]+>", " ", re.sub(r"<style.*?</style>", " ", answer.text(), flags=re.S))
        assert visible_codes(text) == [], url


def test_the_checker_finds_a_code_value():
    assert visible_codes("Forme : cdd_public ; private_nonprofit") == ["cdd_public", "private_nonprofit"]
    assert visible_codes("CDD de droit public, secteur privé non lucratif") == []
    assert visible_codes("Financement : grant ; motif : replacement ; cdd") == ["cdd", "grant", "replacement"]
    assert str(labels.FLAG_NAMES["end_near_no_decision"])
