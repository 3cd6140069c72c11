"""The API's links use PUBLIC_URL, never the Host header a client sends (issue 15, point 10)."""

import pytest

from tests import factories

FORGED = ["evil.example", "evil.example:8080", "127.0.0.1:5000.evil.example"]


@pytest.mark.parametrize("host", FORGED)
def test_api_urls_ignore_a_forged_host(make_app, app, accounts, host):
    site = make_app(PUBLIC_URL="https://emplois.pairjobs.example", PUBLIC_URL_FROM_REQUEST=False)
    position = factories.position(accounts.organization, accounts.employer)
    client = site.test_client()
    headers = {"Host": host, "X-Forwarded-Host": host}
    one = client.get(f"/api/v1/positions/{position.id}", headers=headers)
    assert one.status_code == 200
    assert one.json["url"] == f"https://emplois.pairjobs.example/jobs/{position.id}"
    listed = client.get("/api/v1/positions", headers=headers)
    assert listed.status_code == 200
    assert all(item["url"].startswith("https://emplois.pairjobs.example/") for item in listed.json["items"])
    assert host not in one.text and host not in listed.text
    # The pages that state an address: the API reference and the open-data listing.
    reference = client.get("/developers/api", headers=headers)
    assert "https://emplois.pairjobs.example/api/v1" in reference.text and host not in reference.text
    listing = client.get("/opendata/", headers=headers | {"Accept": "application/json"})
    assert host not in listing.text and listing.json["schema"].startswith("https://emplois.pairjobs.example/")
