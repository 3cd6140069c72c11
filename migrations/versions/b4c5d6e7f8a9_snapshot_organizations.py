"""Each scope's organizations of a snapshot, one row each with what their ranking sorts on: a dashboard
reads its page of organizations, ranked by the database, instead of the whole list (3,000 organizations at
national scale, 0.7 MB of JSON read and ranked at every request). Recorded snapshots get their rows from
their stored figures.

Revision ID: b4c5d6e7f8a9
Revises: a3b4c5d6e7f8
Create Date: 2026-12-05 18:25:00.000000

"""
import json

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b4c5d6e7f8a9'
down_revision = 'a3b4c5d6e7f8'
branch_labels = None
depends_on = None

BATCH = 2000


def upgrade():
    from pairjobs.domain.monitoring.stored import organization_records

    table = op.create_table(
        "snapshot_organization",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("department_code", sa.String(length=3), nullable=False),
        sa.Column("sector", sa.String(length=20), nullable=False),
        sa.Column("org_kind", sa.String(length=30), nullable=False),
        sa.Column("contracts", sa.Integer(), nullable=False),
        sa.Column("flagged_share", sa.Float(), nullable=False),
        sa.Column("name_order", sa.Integer(), nullable=False),
        sa.Column("row", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["snapshot_id"], ["snapshot.id"], ondelete="CASCADE",
                                name=op.f("fk_snapshot_organization_snapshot_id_snapshot")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_snapshot_organization")),
    )
    op.create_index("ix_snapshot_organization_scope", "snapshot_organization",
                    ["snapshot_id", "department_code", "sector", "org_kind", "name_order"], unique=True)
    rows = []
    reports = op.get_bind().execute(sa.text(
        "SELECT snapshot_id, department_code, sector, org_kind, organizations FROM snapshot_report"))
    for snapshot_id, department, sector, kind, organizations in reports:
        scope = {"snapshot_id": snapshot_id, "department_code": department, "sector": sector, "org_kind": kind}
        rows += organization_records(scope, json.loads(organizations))
    for start in range(0, len(rows), BATCH):
        op.bulk_insert(table, rows[start:start + BATCH])


def downgrade():
    op.drop_index("ix_snapshot_organization_scope", table_name="snapshot_organization")
    op.drop_table("snapshot_organization")
