"""Annual survey import: all lines or none, each line's errors reported, clear messages for bad files."""

import io

import pytest
import sqlalchemy as sa

from pairjobs.domain.contract_flags import ContractFlags
from pairjobs.domain.survey import ALL_COLUMNS, COLUMNS
from pairjobs.extensions import db
from pairjobs.models import Contract
from pairjobs.timeutil import today

HEADER = ";".join(COLUMNS)
EN = {"Accept-Language": "en"}


def line(finess, ref="A-1", kind="cdd_public", basis="vacancy", start="2025-01-01", end="2025-12-31", fte="100",
         hours="35", gross="1950", funding="permanent", grant_end="", freq="monthly", sup="external", paid="yes",
         team="1"):
    return ";".join([finess, ref, kind, basis, start, end, fte, hours, gross, funding, grant_end, freq, sup, paid,
                     team])


@pytest.fixture
def monitor_client(client, auth, accounts):
    auth.login(accounts.monitor.email)
    return client


def upload(client, text: str | bytes, name="enquete.csv"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return client.post("/reports/import", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data", headers=EN, follow_redirects=True)


def count():
    return db.session.scalar(sa.select(sa.func.count()).select_from(Contract))


def test_template_is_downloadable_and_documented(monitor_client):
    template = monitor_client.get("/reports/import/template.csv")
    assert template.status_code == 200
    assert template.text.splitlines()[0] == ";".join(ALL_COLUMNS)
    page = monitor_client.get("/reports/import")
    assert all(f"<code>{c}</code>" in page.text for c in ALL_COLUMNS)


def test_the_template_itself_imports(monitor_client, accounts):
    template = monitor_client.get("/reports/import/template.csv").text
    text = template.replace("690780101", accounts.organization.finess)
    assert "1 contracts imported." in upload(monitor_client, text).text or count() == 1


def test_optional_columns_feed_the_rules(monitor_client, accounts, app):
    private = accounts.other_organization
    private.sector = "private_nonprofit"
    db.session.commit()
    header = HEADER + ";post_ref;cdd_reason;part_time_at_employee_request;category;extended_duration"
    rows = [line(private.finess, "P-1", kind="cdd", basis="", start="2026-01-05", end="2026-02-03") +
            ";UF-12;temporary_increase;no;;no",
            line(private.finess, "P-2", kind="cdd", basis="", start="2026-02-10", end="2026-05-31", hours="20") +
            ";uf-12;temporary_increase;yes;;"]
    response = upload(monitor_client, "\n".join([header, *rows]))
    assert "2 contracts imported." in response.text
    first, second = db.session.scalars(sa.select(Contract).order_by(Contract.start_date)).all()
    assert (second.post_ref, second.cdd_reason.value, second.part_time_at_employee_request) == ("uf-12",
                                                                                               "temporary_increase", True)
    codes = {f.code for f in ContractFlags([second]).all_flags(second, today())}  # known since the import
    assert "waiting_period_not_respected" in codes  # the same post (references compared without case)
    assert "part_time_below_legal_minimum" not in codes  # at the employee's request


def test_an_unknown_optional_column_is_refused(monitor_client, accounts):
    response = upload(monitor_client, "\n".join([HEADER + ";motif", line(accounts.organization.finess) + ";x"]))
    assert "Unknown or repeated columns: motif" in response.text
    assert count() == 0


def test_a_valid_file_is_imported_whole(monitor_client, accounts):
    finess = accounts.organization.finess
    other = accounts.other_organization.finess
    text = "\n".join([HEADER,
                      line(finess, "A-1", start="2024-01-01", end="2024-12-31"),
                      line(finess, "A-1", start="2025-01-01", end="2027-12-31"),  # renewal of the line above
                      line(other, "B-7", kind="cdi_public", basis="", start="01/09/2023", end="", freq="none",
                           sup="", paid="no", team="0")])
    response = upload(monitor_client, text)
    assert "3 contracts imported." in response.text
    contracts = db.session.scalars(sa.select(Contract).order_by(Contract.start_date)).all()
    assert len(contracts) == 3 and {c.source for c in contracts} == {"survey"}
    cdi = next(c for c in contracts if c.contract_type.value == "cdi_public")
    assert cdi.start_date.isoformat() == "2023-09-01" and cdi.supervision_frequency.value == "none"
    first, renewal = [c for c in contracts if c.organization_id == accounts.organization.id]
    assert renewal.previous_id == first.id and first.person_key == renewal.person_key
    assert "A-1" not in first.person_key  # the establishment's reference is not stored as such
    assert first.state.value == "renewed"
    again = upload(monitor_client, text)
    assert "already imported" in again.text
    assert count() == 3


def test_one_bad_line_imports_nothing_and_reports_the_line(monitor_client, accounts):
    finess = accounts.organization.finess
    text = "\n".join([HEADER, line(finess, "A-1"), line(finess, "A-2", fte="250"),
                      line("999999999", "A-3"), line(finess, "A-4", kind="cdd")])
    response = upload(monitor_client, text)
    assert "Nothing was imported: 3 lines have errors." in response.text
    assert "<th scope=\"row\">3</th><td><code>fte_percent</code>" in response.text
    assert "<th scope=\"row\">4</th><td><code>finess</code>" in response.text
    assert "<th scope=\"row\">5</th><td><code>contract_type</code>" in response.text
    assert "<th scope=\"row\">2</th>" not in response.text
    assert count() == 0


@pytest.mark.parametrize("data, message", [
    ((HEADER + "\n" + line("690780101", "Zoé")).encode("latin-1"), "The file is not in UTF-8"),
    (HEADER.replace(";", ",") + "\n", "separated by “,”: use a semicolon"),
    (HEADER.replace(";", "\t") + "\n", "separated by “tab”"),
    ("finess;name\n1;2\n", "The header line does not match the template"),
    (HEADER + "\n", "The file has no data line."),
    (b"", "The file is empty."),
])
def test_bad_files_get_a_clear_message(monitor_client, accounts, data, message):
    response = upload(monitor_client, data)
    assert message in response.text
    assert count() == 0


def test_an_oversized_file_is_refused(monitor_client, accounts, app):
    limit = app.config["SURVEY_MAX_BYTES"]
    body = HEADER + "\n" + (line(accounts.organization.finess) + "\n") * (limit // 100)
    response = upload(monitor_client, body)
    assert "The file is larger than" in response.text
    assert count() == 0


def test_only_monitors_and_admins_import(client, auth, accounts):
    for actor in ("candidate", "employer"):
        auth.login(getattr(accounts, actor).email)
        assert client.get("/reports/import").status_code == 403
        assert client.post("/reports/import").status_code == 403
        auth.logout()
