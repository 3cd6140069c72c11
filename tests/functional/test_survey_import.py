"""Annual survey import: all lines or none, each line's errors reported, clear messages for bad files; the
file and the page in French labels, never code values; contracts as they stood on the reference date."""

import html
import io
import re
import unicodedata
from datetime import date, datetime, time, timedelta

import pytest
import sqlalchemy as sa
from flask_babel import force_locale
from lxml import html as lxml_html

from pairjobs.domain.contract_flags import ContractFlags
from pairjobs.domain.survey import ALL_COLUMNS, COLUMNS, import_survey, person_key
from pairjobs.domain.survey_values import ENUM_COLUMNS, Vocabulary, french_labels
from pairjobs.extensions import db
from pairjobs.infra.clock import PARIS, today
from pairjobs.models import Contract, Sector
from pairjobs.schemas.contracts import terms_from_row
from tests import factories
from tests.helpers import EN

HEADER = ";".join(COLUMNS)
FR = {"Accept-Language": "fr"}
# Every test runs on 15 January 2027: the default reference date is 31 December 2026.
NOW = "2027-01-15 10:00 +01:00"
REFERENCE = date(2026, 12, 31)
REFERENCE_ISO = REFERENCE.isoformat()  # as the import form sends it
# The code values the file's enumerated columns hold, and those of yes/no columns.
CODES = sorted({m.value for labels in ENUM_COLUMNS.values() for m in labels} | {"yes", "no"})
# Codes of the sectors too (private_nonprofit…), but only those that are not also a word (“public”).
IDENTIFIERS = sorted({c for c in CODES if "_" in c} | {s.value for s in Sector if "_" in s.value})


@pytest.fixture(autouse=True)
def _on_a_known_day(time_machine):
    time_machine.move_to(NOW)


def line(finess, ref="A-1", kind="cdd_public", basis="vacancy", start="2025-01-01",
         end="2025-12-31", fte="100",
         hours="35", gross="1950", funding="permanent", grant_end="", freq="monthly",
         sup="external", paid="yes",
         team="1"):
    return ";".join([finess, ref, kind, basis, start, end, fte, hours, gross, funding, grant_end,
                     freq, sup, paid,
                     team])


def cdi(finess, ref, start, kind="cdi_public"):
    return line(finess, ref, kind=kind, basis="", start=start, end="")


@pytest.fixture
def monitor_client(client, auth, accounts):
    auth.login(accounts.monitor.email)
    return client


@pytest.fixture
def private(accounts):
    return factories.organization(name="Association Messidor (test)", kind="association",
                                  sector="private_nonprofit")


def upload(client, text: str | bytes, name="enquete.csv", headers=EN, reference_date=REFERENCE_ISO):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return client.post("/reports/import",
                       data={"file": (io.BytesIO(data), name), "reference_date": reference_date},
                       content_type="multipart/form-data", headers=headers, follow_redirects=True)


def import_lines(app, *lines, reference_date=REFERENCE, header=HEADER):
    """Import straight through the domain, in French (the page passes the form's reference date once
    wired)."""
    with app.test_request_context(headers=FR), force_locale("fr"):
        return import_survey("\n".join([header, *lines]).encode(), terms_from_row, reference_date)


def count():
    return db.session.scalar(sa.select(sa.func.count()).select_from(Contract))


def contract_of(organization, ref, start=None) -> Contract:
    query = sa.select(Contract).where(Contract.person_key == person_key(organization, ref))
    if start:
        query = query.where(Contract.start_date == date.fromisoformat(start))
    return db.session.scalars(query).one()


def error_cells(response) -> dict[tuple[str, str], str]:
    """(line, column) → the error text, from the table of errors."""
    rows = lxml_html.fromstring(response.text).xpath(
        "//table[caption[normalize-space()='Errors by line' or normalize-space()='Erreurs par ligne']]"
        "/tbody/tr")
    return {(r.xpath("string(th)").strip(),
             r.xpath("string(td[1]/code)").strip()): r.xpath("string(td[2])").strip()
            for r in rows}


def end_of(day: date) -> datetime:
    """The first instant after the day, in France."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=PARIS)


def mangled(label: str) -> str:
    """A label as a spreadsheet user may type it: capitals, no accents, spaces around."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", label) if not unicodedata.combining(ch))
    return f"  {plain.upper()} "


# --- The template and the guide ---

def test_template_is_downloadable_and_documented(monitor_client):
    template = monitor_client.get("/reports/import/template.csv")
    assert template.status_code == 200
    assert template.data.startswith("\ufeff".encode())  # so that a spreadsheet reads it as UTF-8
    assert template.text.lstrip("\ufeff").splitlines()[0] == ";".join(ALL_COLUMNS)
    page = monitor_client.get("/reports/import", headers=FR)
    assert all(f"<code>{c}</code>" in page.text for c in ALL_COLUMNS)
    page_text = html.unescape(page.text)
    # Each column name with its French label beside it.
    assert '<th scope="col">Colonne</th><th scope="col">Libellé</th>' in page_text
    assert "<code>finess</code></th><td>Numéro FINESS</td>" in page_text
    assert "<code>supervision_kind</code></th><td>Type de supervision</td>" in page_text
    assert "<code>post_ref</code></th><td>Référence du poste</td>" in page_text
    # The guide lists the French labels, described in French.
    assert ("L'une des valeurs suivantes : « Budget pérenne », « Subvention limitée dans le temps »."
            in page_text)
    assert "Pour « CDD de droit public » uniquement" in page_text
    assert "« oui » ou « non »." in page_text


def test_the_template_is_in_french_and_imports(monitor_client, accounts):
    template = monitor_client.get("/reports/import/template.csv").text
    example = dict(zip(ALL_COLUMNS, template.splitlines()[1].split(";"), strict=True))
    assert (example["contract_type"], example["funding_kind"], example["supervision_frequency"],
            example["supervision_kind"], example["supervision_paid_time"]) == (
        "CDD de droit public", "Budget pérenne", "Chaque mois", "Superviseur externe", "oui")
    assert not set(example.values()) & set(CODES)
    text = template.replace("690780101", accounts.organization.finess)
    assert "1 contract imported." in upload(monitor_client, text).text
    imported = db.session.scalars(sa.select(Contract)).one()
    assert (imported.contract_type.value, imported.legal_basis.value, imported.funding_kind.value,
            imported.category.value,
            imported.supervision_paid_time) == ("cdd_public", "vacancy", "permanent", "B",
                                                                          True)
    # It runs on the reference date.
    assert imported.end_date == REFERENCE and imported.state.value == "active"


def _visible_text(page: str) -> str:
    tree = lxml_html.fromstring(page)
    for hidden in tree.xpath("//script|//style"):
        hidden.drop_tree()
    return " ".join(tree.itertext())


@pytest.mark.parametrize("headers", [FR, EN], ids=["fr", "en"])
def test_the_import_page_shows_no_code_value(app, monitor_client, accounts, headers):
    bad = "\n".join([HEADER,
                     line(accounts.organization.finess, kind="x", basis="x", funding="x", freq="x", sup="x",
                                  paid="x")])
    pages = [monitor_client.get("/reports/import", headers=headers).text,
             upload(monitor_client, bad, headers=headers).text]  # with the table of errors
    assert "Nothing was imported" in pages[1] or "Rien n’a été importé" in pages[1]
    with app.test_request_context(headers=EN):
        labels = sorted({label for column in ENUM_COLUMNS for label in french_labels(column)},
                        key=len, reverse=True)
    for page in pages:
        raw = html.unescape(page).lower()
        text = _visible_text(page)
        for label in labels:  # a label may hold a word that is also a code (« Fonctionnaire (titulaire) »)
            text = text.replace(label, " ")
        for code in IDENTIFIERS:  # cdd_public, peer_intervision, private_nonprofit…: not even in the markup
            assert code not in raw, code
        for code in CODES:
            if "_" not in code and len(code) > 1 and headers is FR:
                # One-word codes (cdi, monthly, external, yes…) nowhere in the French text. In English, words
                # such as “permanent” are English: what could show a code (lists, <code>) is checked below.
                assert not re.search(rf"(?<![\w-]){code}(?![\w-])", text), code
        tree = lxml_html.fromstring(page)
        assert {c.text for c in tree.iter("code")} <= set(ALL_COLUMNS)  # only the file's column names
        for listed in re.findall(r"« ([^»]+) »", html.unescape(page)):
            assert listed in labels or listed in ("oui", "non"), listed


# --- Values: French labels, and the codes of older files ---

@pytest.mark.parametrize("column", sorted(ENUM_COLUMNS))
def test_every_french_label_is_read_whatever_the_case_accents_and_spaces(app, column):
    with app.test_request_context(headers=EN):
        vocabulary = Vocabulary()
        with_labels = dict(zip(ENUM_COLUMNS[column], french_labels(column), strict=True))
    for member, label in with_labels.items():
        for written in (label, mangled(label), label.lower().replace("'", "\u2019"), member.value):
            row = {column: written}
            assert vocabulary.translate(row) == {} and row[column] == member.value, written


def test_yes_no_columns_read_oui_and_non_as_well_as_yes_and_no(app):
    with app.test_request_context(headers=EN):
        vocabulary = Vocabulary()
    for written, read in (("oui", "yes"), (" OUI ", "yes"), ("Non", "no"), ("yes", "yes"), ("no", "no")):
        row = {"supervision_paid_time": written, "extended_duration": written}
        assert vocabulary.translate(row) == {} and row == {"supervision_paid_time": read,
                                                           "extended_duration": read}


def test_french_labels_are_imported(monitor_client, accounts, private):
    public = accounts.organization.finess
    header = HEADER + ";category;cdd_reason;part_time_at_employee_request"
    text = "\n".join([
        header,
        line(public, "F-1", kind=" cdd DE DROIT PUBLIC ",
             basis="vacance d’emploi dans l'attente d'un fonctionnaire",
             funding="SUBVENTION LIMITEE DANS LE TEMPS", grant_end="31/12/2026",
             freq="toutes les deux semaines",
             sup="Intervision entre pairs", paid="Oui") + ";catégorie a;;",
        line(private.finess, "F-2", kind="Cdd", basis="", freq="Aucune supervision", sup="", paid="NON",
             hours="20") + ";;Accroissement temporaire d'activite;oui",
    ])
    response = upload(monitor_client, text)
    assert "2 contracts imported." in response.text
    first, second = contract_of(accounts.organization, "F-1"), contract_of(private, "F-2")
    assert (first.contract_type.value, first.legal_basis.value, first.funding_kind.value,
            first.supervision_frequency.value, first.supervision_kind.value, first.supervision_paid_time,
            first.category.value) == ("cdd_public", "vacancy", "grant", "fortnightly",
                                      "peer_intervision", True, "A")
    assert (second.contract_type.value, second.cdd_reason.value, second.supervision_frequency.value,
            second.supervision_paid_time, second.part_time_at_employee_request) == (
        "cdd", "temporary_increase", "none", False, True)


def test_a_wrong_value_lists_the_french_labels(app, monitor_client, accounts):
    text = "\n".join([HEADER, line(accounts.organization.finess, kind="CDD public", funding="pérenne",
                                   paid="peut-être")])
    response = upload(monitor_client, text, headers=FR)
    assert "Rien n’a été importé" in response.text
    errors = error_cells(response)
    kind = errors[("2", "contract_type")]
    assert kind.startswith("Valeur inconnue ; valeurs attendues : « Fonctionnaire (titulaire) », ")
    with app.test_request_context(headers=EN):
        assert all(f"« {label} »" in kind for label in french_labels("contract_type"))
    assert errors[("2", "funding_kind")] == ("Valeur inconnue ; valeurs attendues : « Budget pérenne », "
                                             "« Subvention limitée dans le temps ».")
    assert errors[("2", "supervision_paid_time")] == "Valeur inconnue ; valeurs attendues : « oui », « non »."
    assert not any(code in " ".join(errors.values()) for code in CODES if "_" in code)
    assert count() == 0


# --- States on the reference date ---

def test_states_on_the_reference_date(app, accounts):
    org = accounts.organization
    finess = org.finess
    report = import_lines(app,
                          line(finess, "D-1", start="2025-01-01", end="2025-12-30"),  # ends the day before
                          line(finess, "D-2", start="2025-01-01",
                               end="2025-12-31"),  # ends on the reference date
                          line(finess, "D-3", start="2025-03-01", end="2026-02-28"),  # ends after it
                          cdi(finess, "D-4", start="2025-12-31"),  # starts on it, never ends
                          reference_date=date(2025, 12, 31))
    assert report.ok and report.imported == 4
    db.session.expire_all()
    ended, on_the_day, after, permanent = (contract_of(org, ref) for ref in ("D-1", "D-2", "D-3", "D-4"))
    assert (ended.state.value, ended.end_reason.value) == ("ended", "term_reached")
    assert ended.closed_at == end_of(date(2025, 12, 30))  # the end of its last day, not the import's time
    for running in (on_the_day, after, permanent):
        assert (running.state.value, running.end_reason, running.closed_at) == ("active", None, None)


def test_a_contract_starting_after_the_reference_date_is_refused(monitor_client, accounts):
    finess = accounts.organization.finess
    text = "\n".join([HEADER, line(finess, "L-1", start="2026-12-31", end="2027-06-30"),
                      line(finess, "L-2", start="2027-01-01", end="2027-06-30")])
    response = upload(monitor_client, text, headers=FR)
    assert "Rien n’a été importé : 1 ligne comporte des erreurs." in response.text
    assert error_cells(response) == {
        ("3", "start_date"): "Ce contrat commence après la date d'arrêté de l'enquête (31 décembre 2026)."}
    assert count() == 0


def test_the_reference_date_defaults_to_the_last_31_december(app, monitor_client, accounts):
    page = monitor_client.get("/reports/import", headers=FR)
    field = lxml_html.fromstring(page.text).get_element_by_id("reference_date")
    assert field.get("value") == "2026-12-31" and "Date d'arrêté de l'enquête" in page.text
    finess = accounts.organization.finess
    with app.test_request_context(headers=EN):
        refused = import_survey("\n".join([HEADER,
                                           line(finess, start="2027-01-01",
                                                end="2027-06-30")]).encode(), terms_from_row)
    assert list(refused.line_errors[2]) == ["start_date"]
    assert import_lines(app, line(finess, start="2026-01-01", end="2026-12-30"), reference_date=None).ok
    assert contract_of(accounts.organization, "A-1").state.value == "ended"  # ended before 31 December 2026


def test_the_reference_date_is_required_and_not_in_the_future(app, monitor_client, accounts):
    response = upload(monitor_client, "\n".join([HEADER, line(accounts.organization.finess)]), headers=FR,
                      reference_date="")
    assert "Indiquez la date d'arrêté de l'enquête." in response.text
    report = import_lines(app, line(accounts.organization.finess), reference_date=date(2027, 1, 16))
    assert report.message == "La date d'arrêté de l'enquête ne peut pas être postérieure à aujourd'hui."
    assert count() == 0


# --- Chains: renewal and conversion ---

def test_a_permanent_contract_after_a_fixed_term_converts_it(app, accounts, private):
    public = accounts.organization
    report = import_lines(
        app,
        line(private.finess, "C-1", kind="cdd", basis="", start="2024-01-01", end="2024-12-31"),
        cdi(private.finess, "C-1", start="2025-01-01", kind="cdi"),  # the day after it ends
        line(public.finess, "C-2", start="2024-01-01", end="2025-06-30"),
        cdi(public.finess, "C-2", start="2025-03-01", kind="titulaire"),  # before it ends
        line(public.finess, "C-3", start="2024-01-01", end="2024-06-30"),
        cdi(public.finess, "C-3", start="2024-07-02"),  # a day's gap: not a conversion
        reference_date=date(2025, 12, 31))
    assert report.ok
    db.session.expire_all()
    for organization, ref, last_day in ((private, "C-1", date(2024, 12, 31)),
                                        (public, "C-2", date(2025, 2, 28))):
        fixed_term, permanent = sorted(db.session.scalars(sa.select(Contract).where(
            Contract.person_key == person_key(organization, ref))), key=lambda c: c.start_date)
        assert (fixed_term.state.value, fixed_term.end_reason, permanent.previous_id) == ("converted", None,
                                                                                         fixed_term.id)
        assert fixed_term.end_date == last_day  # the fixed term ends the day before the permanent contract
        assert fixed_term.closed_at == end_of(last_day)
        assert permanent.state.value == "active" and not permanent.contract_type.is_fixed_term
    apart = contract_of(public, "C-3", "2024-01-01"), contract_of(public, "C-3", "2024-07-02")
    assert (apart[0].state.value, apart[0].end_reason.value,
            apart[1].previous_id) == ("ended", "term_reached", None)


def test_two_consecutive_fixed_terms_stay_a_renewal(app, accounts, private):
    report = import_lines(
        app,
        line(private.finess, "R-1", kind="cdd", basis="", start="2024-01-01", end="2024-12-31"),
        line(private.finess, "R-1", kind="pec", basis="", start="2025-01-01", end="2025-06-30"),
        reference_date=date(2025, 12, 31))
    assert report.ok
    db.session.expire_all()
    first, second = contract_of(private, "R-1", "2024-01-01"), contract_of(private, "R-1", "2025-01-01")
    assert (first.state.value, first.end_reason, second.previous_id) == ("renewed", None, first.id)
    assert first.closed_at == end_of(date(2024, 12, 31))
    assert (second.state.value, second.end_reason.value) == ("ended", "term_reached")


# --- The file as a whole ---

def test_optional_columns_feed_the_rules(monitor_client, accounts, private):
    header = HEADER + ";post_ref;cdd_reason;part_time_at_employee_request;category;extended_duration"
    rows = [line(private.finess, "P-1", kind="cdd", basis="", start="2026-01-05", end="2026-02-03") +
            ";UF-12;temporary_increase;no;;no",
            line(private.finess, "P-2", kind="cdd", basis="", start="2026-02-10",
                 end="2027-05-31", hours="20") +
            ";uf-12;temporary_increase;yes;;"]
    response = upload(monitor_client, "\n".join([header, *rows]))
    assert "2 contracts imported." in response.text
    _first, second = db.session.scalars(sa.select(Contract).order_by(Contract.start_date)).all()
    assert (second.post_ref, second.cdd_reason.value,
            second.part_time_at_employee_request) == ("uf-12", "temporary_increase", True)
    codes = {f.code for f in ContractFlags([second]).all_flags(second, today())}  # known since the import
    assert "waiting_period_not_respected" in codes  # the same post (references compared without case)
    assert "part_time_below_legal_minimum" not in codes  # at the employee's request


def test_an_unknown_optional_column_is_refused(monitor_client, accounts):
    response = upload(monitor_client,
                      "\n".join([HEADER + ";motif", line(accounts.organization.finess) + ";x"]))
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
    cdi_public = next(c for c in contracts if c.contract_type.value == "cdi_public")
    assert (cdi_public.start_date.isoformat() == "2023-09-01"
            and cdi_public.supervision_frequency.value == "none")
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


def test_dates_outside_1900_2100_are_line_errors(app, accounts):
    finess = accounts.organization.finess
    report = import_lines(app, line(finess, "A-1", start="01/01/0001"), line(finess, "A-2", end="31/12/9999"),
                          line(finess, "A-3", start="1899-12-31"))
    assert not report.ok and count() == 0
    assert {n: list(errors) for n, errors in report.line_errors.items()} == {
        2: ["start_date"], 3: ["end_date"], 4: ["start_date"]}
    assert report.line_errors[3]["end_date"] == ["Choisissez une date entre 1900 et 2100."]
