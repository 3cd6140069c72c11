"""Operations: health check and backups."""

import sqlalchemy as sa

from pairjobs import create_app
from pairjobs.extensions import db
from pairjobs.models import Organization
from tests.conftest import TEST_DATABASE_URL


def test_healthz_checks_the_database(client, make_app, app, tmp_path):
    assert client.get("/healthz").json == {"status": "ok", "database": "ok"}
    broken = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/missing/dir/db.sqlite")
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503 and response.json["status"] == "error"


def test_backup_copies_the_database_and_restores(runner, accounts, tmp_path, app):
    target = tmp_path / "backup.sqlite"
    result = runner.invoke(args=["backup", str(target)])
    if TEST_DATABASE_URL:
        assert result.exit_code == 1 and "pg_dump" in result.output
        return
    assert result.exit_code == 0, result.output
    assert runner.invoke(args=["backup", str(target)]).exit_code == 1  # never overwrites
    restored = create_app({"PAIRJOBS_ENV": "testing", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{target}"})
    with restored.app_context():
        names = set(db.session.scalars(sa.select(Organization.name)))
        db.session.remove()
        db.engine.dispose()
    assert names == {accounts.organization.name, accounts.other_organization.name}
