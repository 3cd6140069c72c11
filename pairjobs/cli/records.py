"""Commands that set up records: organizations, accounts, demo and synthetic data, a SQLite backup."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from pairjobs.cli import fail, run
from pairjobs.domain import accounts
from pairjobs.domain.errors import DomainError
from pairjobs.domain.organizations import create_organization
from pairjobs.extensions import db
from pairjobs.models import Organization, OrganizationKind, Role, Sector
from pairjobs.schemas.base import load
from pairjobs.schemas.organizations import OrganizationSchema, draft_from


@click.command("create-org")
@click.option("--name", required=True)
@click.option("--kind", required=True, type=click.Choice([k.value for k in OrganizationKind]))
@click.option("--sector", required=True, type=click.Choice([s.value for s in Sector]))
@click.option("--finess", required=True, help="9 characters, spaces allowed.")
@click.option("--department", required=True, help="INSEE department code, e.g. 69.")
@click.option("--commune", required=True, help="INSEE commune code, e.g. 69029.")
@click.option("--siret", default=None)
@with_appcontext
def create_org_command(name, kind, sector, finess, department, commune, siret):
    """Create an organization."""
    raw = {"name": name, "kind": kind, "sector": sector, "finess": finess, "department": department,
           "commune": commune, "siret": siret}
    created = run(lambda: create_organization(draft_from(load(OrganizationSchema(), raw))))
    for warning in created.warnings:
        click.echo(f"Warning: {warning}", err=True)
    click.echo(created.organization.id)


@click.command("create-user")
@click.option("--email", required=True)
@click.option("--password", required=True)
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--org", "org_id", type=int, default=None, help="Organization id (employers).")
@click.option("--name", default=None, help="Defaults to the part of the e-mail before @.")
@with_appcontext
def create_user_command(email, password, role, org_id, name):
    """Create an account; an employer created here is already approved."""
    organization = None
    if org_id is not None:
        organization = db.session.get(Organization, org_id)
        if organization is None:
            fail(DomainError(f"No organization has id {org_id}.", {"org": ["unknown organization"]}))
    user = run(lambda: accounts.create_user(email=email, password=password, role=Role(role),
                                            name=name or email.split("@")[0], organization=organization,
                                            approved=True, confirmed=True))
    click.echo(user.id)


@click.command("demo")
@with_appcontext
def demo_command():
    """Load the Auvergne-Rhône-Alpes demo data (idempotent) and print the demo logins."""
    from pairjobs.seed.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, load_demo

    logins = run(load_demo)
    click.echo(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for role, email in logins:
        click.echo(f"  {role:<30} {email}")
    click.echo(f"Second factor of the admin and monitor accounts (TOTP key): {DEMO_TOTP_SECRET}")


@click.command("synth")
@click.option("--scale", type=click.Choice(["tiny", "small", "national"]), default="small", show_default=True)
@with_appcontext
def synth_command(scale):
    """Bulk-insert fictional data for benchmarks (national: 3,000 organizations, 1,000,000 applications)."""
    import time

    from pairjobs.domain.search import rebuild_vocabulary
    from pairjobs.infra.clock import today
    from pairjobs.seed.synth import SCALES, generate, has_synthetic_data

    if has_synthetic_data():
        click.echo("Error: synthetic data is already loaded.", err=True)
        raise SystemExit(1)
    started = time.perf_counter()
    counts = run(lambda: generate(SCALES[scale], today()))
    run(lambda: rebuild_vocabulary(today()))  # the rows were inserted in bulk, not published one by one
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as conn:
            conn.execute(sa.text("ANALYZE"))
    took = time.perf_counter() - started
    click.echo(", ".join(f"{k}: {v}" for k, v in counts.items()) + f" in {took:.1f} s")


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@with_appcontext
def backup_command(path):
    """Copy the SQLite database to PATH, consistently, while pairjobs runs (SQLite's backup API)."""
    import sqlite3
    from pathlib import Path

    engine = db.engine
    if engine.dialect.name != "sqlite":
        click.echo("Error: on PostgreSQL, use pg_dump (see the README).", err=True)
        raise SystemExit(1)
    target = Path(path)
    if target.exists():
        click.echo(f"Error: {target} already exists.", err=True)
        raise SystemExit(1)
    source = engine.raw_connection()
    try:
        driver = source.driver_connection
        if driver is None:  # the pool handed back a closed connection
            click.echo("Error: no connection to the database.", err=True)
            raise SystemExit(1)
        destination = sqlite3.connect(target)
        with destination:
            driver.backup(destination)
        destination.close()
    finally:
        source.close()
    click.echo(f"Backed up to {target}")


COMMANDS = (create_org_command, create_user_command, demo_command, synth_command, backup_command)
