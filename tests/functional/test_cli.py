"""The administrators' commands."""

import pyotp
import sqlalchemy as sa

from pairjobs.extensions import db
from pairjobs.models import Organization, Role, User
from tests.helpers import count

ORG_ARGS = ["create-org", "--name", "CH Le Vinatier", "--kind", "epsm", "--sector", "public",
            "--finess", "69 078 010 1", "--department", "69", "--commune", "69029"]


def test_create_org_prints_the_new_id_last(runner):
    result = runner.invoke(args=ORG_ARGS)
    assert result.exit_code == 0, result.output
    new_id = int(result.output.strip().splitlines()[-1])
    org = db.session.get(Organization, new_id)
    assert org.name == "CH Le Vinatier" and org.commune_code == "69029"


def test_create_org_refuses_bad_input_and_saves_nothing(runner):
    result = runner.invoke(args=ORG_ARGS[:-1] + ["75056"])
    assert result.exit_code == 1
    assert "commune" in result.output
    result = runner.invoke(args=[a if a != "69 078 010 1" else "12" for a in ORG_ARGS])
    assert result.exit_code == 1
    assert "finess" in result.output
    assert count(Organization) == 0


def test_create_org_warns_about_an_unusual_finess_key(runner):
    result = runner.invoke(args=[a if a != "69 078 010 1" else "690780102" for a in ORG_ARGS])
    assert result.exit_code == 0
    assert "FINESS" in result.output
    assert int(result.output.strip().splitlines()[-1]) > 0


def test_create_user_of_each_role(runner):
    org_id = int(runner.invoke(args=ORG_ARGS).output.strip().splitlines()[-1])
    for role in ("candidate", "monitor", "admin"):
        result = runner.invoke(args=["create-user", "--email", f"{role}@example.org", "--password",
                                     "a long enough password", "--role", role])
        assert result.exit_code == 0, result.output
        user = db.session.get(User, int(result.output.strip().splitlines()[-1]))
        assert user.role is Role(role)
    result = runner.invoke(args=["create-user", "--email", "rh@example.org", "--password",
                                 "a long enough password",
                                 "--role", "employer", "--org", str(org_id), "--name", "Claire Dubois"])
    assert result.exit_code == 0, result.output
    employer = db.session.get(User, int(result.output.strip().splitlines()[-1]))
    assert employer.organization_id == org_id and employer.is_approved and employer.name == "Claire Dubois"


def test_create_user_refuses_bad_input(runner):
    cases = [
        ["--email", "bad", "--password", "a long enough password", "--role", "candidate"],
        ["--email", "a@example.org", "--password", "short", "--role", "candidate"],
        ["--email", "a@example.org", "--password", "a long enough password", "--role", "employer"],
        ["--email", "a@example.org", "--password", "a long enough password", "--role", "employer",
         "--org", "999"],
    ]
    for args in cases:
        result = runner.invoke(args=["create-user", *args])
        assert result.exit_code == 1, (args, result.output)
    runner.invoke(args=["create-user", "--email", "a@example.org", "--password", "a long enough password",
                        "--role", "candidate"])
    duplicate = runner.invoke(args=["create-user", "--email", "A@EXAMPLE.org", "--password",
                                    "a long enough password", "--role", "candidate"])
    assert duplicate.exit_code == 1
    assert count(User) == 1


def test_demo_is_idempotent_and_its_logins_work(runner, client):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    orgs, users = count(Organization), count(User)
    assert orgs >= 9 and users >= 7
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0
    assert (count(Organization), count(User)) == (orgs, users)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User).where(User.is_demo.is_(False))) == 0
    assert "admin@demo.pairjobs.fr" in first.output
    password = first.output.split("password for all: ")[1].split(")")[0]
    response = client.post("/login", data={"email": "admin@demo.pairjobs.fr", "password": password})
    assert response.headers["Location"] == "/login/code"  # the demo's staff sign in with a second factor
    key = first.output.split("(TOTP key): ")[1].split()[0]
    done = client.post("/login/code", data={"code": pyotp.TOTP(key).now()})
    assert done.headers["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
