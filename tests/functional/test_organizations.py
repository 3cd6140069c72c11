"""Administrators create organizations; bad identifiers or places are refused and nothing is saved."""

import pytest
import sqlalchemy as sa

from pairjobs.extensions import db
from pairjobs.models import Organization, OrganizationKind, Sector
from tests import factories

VALID = {
    "name": "CH Le Vinatier",
    "kind": "epsm",
    "sector": "public",
    "finess": "69 078 010 1",
    "siret": "",
    "department": "69",
    "commune": "Bron",
}


def count():
    return db.session.scalar(sa.select(sa.func.count()).select_from(Organization))


@pytest.fixture
def admin_client(client, auth, accounts):
    auth.login(accounts.admin.email)
    return client


def post(client, **fields):
    return client.post("/admin/organizations/new", data=VALID | fields, headers={"Accept-Language": "en"},
                       follow_redirects=True)


def test_admin_creates_an_organization(admin_client, accounts):
    before = count()
    response = post(admin_client, siret="732 829 320 00074")
    assert response.status_code == 200
    assert "Organization “CH Le Vinatier” created." in response.text
    org = db.session.scalar(sa.select(Organization).where(Organization.finess == "690780101"))
    assert org.kind is OrganizationKind.EPSM and org.sector is Sector.PUBLIC
    assert (org.department_code, org.commune_code, org.siret) == ("69", "69029", "73282932000074")
    assert count() == before + 1
    assert "69 078 010 1" in response.text


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"finess": "69 078 01"}, "A FINESS number has 9 characters"),
        ({"finess": "XX0780101"}, "A FINESS number has 9 characters"),
        ({"siret": "73282932000075"}, "This SIRET number is not valid"),
        ({"department": "75"}, "Not a valid choice"),
        ({"commune": "Paris"}, "No commune of department 69 matches"),
        ({"commune": "38382"}, "No commune of department 69 matches"),
        ({"name": ""}, "This field is required."),
        ({"kind": "hospital"}, "Not a valid choice"),
    ],
)
def test_bad_organization_is_refused_with_a_message(admin_client, accounts, fields, message):
    before = count()
    response = post(admin_client, **fields)
    assert response.status_code == 200
    assert message in response.text
    assert count() == before


def test_commune_may_be_given_by_name_or_by_insee_code(admin_client, accounts):
    post(admin_client, commune="saint-priest", finess=factories.finess_number())
    post(admin_client, commune="69290", finess=factories.finess_number(), name="Other")
    communes = db.session.scalars(sa.select(Organization.commune_code).order_by(Organization.id)).all()
    assert communes[-2:] == ["69290", "69290"]


def test_unusual_finess_key_is_a_warning_not_a_refusal(admin_client, accounts):
    before = count()
    response = post(admin_client, finess="690780102")
    assert "does not match the usual key" in response.text
    assert count() == before + 1
    listing = admin_client.get("/admin/organizations", headers={"Accept-Language": "en"})
    assert "unusual key" in listing.text


def test_duplicate_finess_is_refused(admin_client, accounts):
    post(admin_client)
    before = count()
    response = post(admin_client, name="Another name")
    assert "already exists" in response.text
    assert count() == before


def test_monitor_sees_the_regional_dashboard(client, auth, accounts):
    auth.login(accounts.monitor.email)
    response = client.get("/reports/", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert "Rhône" in response.text and "Isère" in response.text
    assert "Running contracts" in response.text and "People employed" in response.text
