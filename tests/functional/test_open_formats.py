"""schema.org JobPosting, Atom feed, sitemap and robots.txt, read by real parsers."""

from datetime import timedelta

import extruct
import feedparser
from lxml import etree

from pairjobs.domain import positions as ops
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from tests import factories


def job_posting(client, position_id):
    page = client.get(f"/jobs/{position_id}")
    data = extruct.extract(page.text, base_url="http://127.0.0.1:5000/", syntaxes=["json-ld"])["json-ld"]
    postings = [d for d in data if d.get("@type") == "JobPosting"]
    assert len(postings) == 1
    return postings[0]


def test_job_posting_has_the_required_and_recommended_properties(client, accounts):
    position = factories.position(accounts.organization, accounts.employer, title="Pair-aidant <CMP> & co",
                                  fte_percent=80, contract_type="cdd_public", legal_basis="vacancy",
                                  duration_months=12, deadline=(today() + timedelta(days=20)).isoformat(),
                                  description="Premier paragraphe.</script><script>alert(1)</script>")
    data = job_posting(client, position.id)
    assert data["@context"] == "https://schema.org/"
    assert data["title"] == "Pair-aidant <CMP> & co"
    assert "Premier paragraphe." in data["description"] and "<script>" not in data["description"]
    assert data["datePosted"] == position.published_at.date().isoformat()
    assert data["validThrough"].startswith((today() + timedelta(days=20)).isoformat())
    assert data["employmentType"] == ["PART_TIME", "TEMPORARY"]
    assert data["hiringOrganization"]["name"] == accounts.organization.name
    assert data["hiringOrganization"]["identifier"]["value"] == accounts.organization.finess
    assert data["jobLocation"]["@type"] == "Place"
    assert data["jobLocation"]["address"] == {"@type": "PostalAddress", "addressLocality": "Bron",
                                              "postalCode": "69500", "addressRegion": "Auvergne-Rhône-Alpes",
                                              "addressCountry": "FR"}
    assert data["baseSalary"] == {"@type": "MonetaryAmount", "currency": "EUR",
                                  "value": {"@type": "QuantitativeValue", "unitText": "MONTH",
                                            "minValue": 1900, "maxValue": 2200}}
    assert data["directApply"] is True
    assert data["identifier"]["value"] == str(position.id)
    assert "jobPostingStatus" not in data


def test_full_time_permanent_without_salary(client, accounts):
    position = factories.position(accounts.organization, accounts.employer, salary_min=None, salary_max=None,
                                  pay_grid="FPH catégorie B")
    data = job_posting(client, position.id)
    assert data["employmentType"] == ["FULL_TIME"]
    assert "baseSalary" not in data


def test_closed_and_expired_positions_say_so(client, accounts):
    closed = factories.position(accounts.organization, accounts.employer)
    ops.close(closed, accounts.employer, "filled")
    expired = factories.position(accounts.organization, accounts.employer,
                                 deadline=(today() + timedelta(days=1)).isoformat())
    expired.deadline = today() - timedelta(days=1)
    db.session.commit()
    auth_client = client
    auth_client.post("/login", data={"email": accounts.employer.email, "password": factories.PASSWORD})
    closed_data = job_posting(auth_client, closed.id)
    assert closed_data["jobPostingStatus"] == "closed"
    assert closed_data["validThrough"][:10] <= today().isoformat()
    expired_data = job_posting(auth_client, expired.id)
    assert expired_data["jobPostingStatus"] == "closed"
    assert expired_data["validThrough"].startswith((today() - timedelta(days=1)).isoformat())


def test_atom_feed_is_valid_and_takes_the_search_parameters(client, accounts):
    lyon = factories.position(accounts.organization, accounts.employer, title="Médiateur <santé> & pair")
    grenoble = factories.position(accounts.other_organization, accounts.other_employer,
                                  title="Pair-aidant Isère")
    factories.position(accounts.organization, accounts.employer, publish=False, title="Brouillon")
    response = client.get("/jobs/feed.atom")
    assert response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.data)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    titles = [e.title for e in feed.entries]
    assert len(titles) == 2 and not any("Brouillon" in t for t in titles)
    assert any("Médiateur <santé> & pair" in t for t in titles)
    entry = next(e for e in feed.entries if "Médiateur" in e.title)
    assert entry.link.endswith(f"/jobs/{lyon.id}")
    only_isere = feedparser.parse(client.get("/jobs/feed.atom?department=38").data)
    assert [e.link.rsplit("/", 1)[1] for e in only_isere.entries] == [str(grenoble.id)]
    assert not feedparser.parse(client.get("/jobs/feed.atom?department=zz&min_fte=x").data).bozo


def test_sitemap_lists_open_positions_only_and_robots_points_to_it(client, accounts):
    open_position = factories.position(accounts.organization, accounts.employer)
    draft = factories.position(accounts.organization, accounts.employer, publish=False)
    tree = etree.fromstring(client.get("/sitemap.xml").data)
    locations = [e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(loc.endswith(f"/jobs/{open_position.id}") for loc in locations)
    assert not any(loc.endswith(f"/jobs/{draft.id}") for loc in locations)
    robots = client.get("/robots.txt").text
    assert "Sitemap: http://127.0.0.1:5000/sitemap.xml" in robots and "Disallow: /me/" in robots


def test_france_travail_export_uses_its_vocabulary(client, auth, accounts):
    import csv
    import io

    cdi = factories.position(accounts.organization, accounts.employer, title="=Pair-aidant CDI")
    seasonal = factories.position(accounts.organization, accounts.employer, contract_type="cdd_public",
                                  legal_basis="seasonal", duration_months=4, fte_percent=50, salary_max=None)
    draft = factories.position(accounts.organization, accounts.employer, publish=False,
                               contract_type="cdd_public",
                               legal_basis="vacancy", duration_months=12, salary_min=None, salary_max=None,
                               pay_grid="FPH catégorie B")
    closed = factories.position(accounts.organization, accounts.employer)
    ops.close(closed, accounts.employer, "cancelled")
    factories.position(accounts.other_organization, accounts.other_employer)
    db.session.commit()
    auth.login(accounts.employer.email)
    response = client.get("/employer/positions/export/france-travail.csv")
    assert response.mimetype == "text/csv"
    rows = {r["reference"]: r for r in csv.DictReader(io.StringIO(response.text), delimiter=";")}
    assert set(rows) == {f"PAIRJOBS-{p.id}" for p in (cdi, seasonal, draft)}
    first = rows[f"PAIRJOBS-{cdi.id}"]
    assert first["intitule"] == "'=Pair-aidant CDI"  # never a spreadsheet formula
    assert (first["typeContrat"], first["natureContrat"], first["dureeTravailLibelleConverti"]) == (
        "CDI", "E1", "Temps plein")
    assert first["dureeTravailLibelle"] == "35H/semaine"
    assert first["salaireLibelle"] == "Mensuel de 1900.00 Euros à 2200.00 Euros sur 12 mois"
    assert first["lieuTravailLibelle"] == "69 - BRON" and first["lieuTravailCodePostal"] == "69500"
    second = rows[f"PAIRJOBS-{seasonal.id}"]
    assert (second["typeContrat"], second["dureeContratMois"], second["dureeTravailLibelle"]) == (
        "SAI", "4", "17H30/semaine")
    assert second["salaireLibelle"] == "Mensuel de 1900.00 Euros sur 12 mois"
    assert rows[f"PAIRJOBS-{draft.id}"]["salaireLibelle"] == "FPH catégorie B"
    auth.logout()
    auth.login(accounts.candidate.email)
    assert client.get("/employer/positions/export/france-travail.csv").status_code == 403


def test_the_france_travail_export_protects_formulas_after_separators_too(client, auth, accounts):
    import csv
    import io

    titles = ["Pair-aidant; =HYPERLINK(\"http://x\")", "  +Pair-aidant", "Pair-aidant,@SUM(A1)",
              "Pair-aidant\t-1+1"]
    for title in titles:
        factories.position(accounts.organization, accounts.employer, title=title)
    db.session.commit()
    auth.login(accounts.employer.email)
    response = client.get("/employer/positions/export/france-travail.csv")
    for delimiter in (";", ","):  # opened with the delimiter it was written with, or the other
        for row in csv.reader(io.StringIO(response.text), delimiter=delimiter):
            for cell in row:
                for piece in cell.replace("\t", ";").split(";" if delimiter == "," else ","):
                    assert not piece.strip().startswith(("=", "+", "-", "@")), (cell, piece)
