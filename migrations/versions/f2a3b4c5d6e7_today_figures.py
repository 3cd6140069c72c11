"""Today's figures computed ahead (`flask today-figures`, cron): kept as a snapshot marked `live`, with the
key of the records and the release they were computed from; recorded dates never include it.

Revision ID: f2a3b4c5d6e7
Revises: e1f2a3b4c5d6
Create Date: 2026-12-05 17:40:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'f2a3b4c5d6e7'
down_revision = 'e1f2a3b4c5d6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("snapshot") as batch:
        batch.add_column(sa.Column("live", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("source_key", sa.String(length=64), nullable=True))


def downgrade():
    op.execute("DELETE FROM snapshot WHERE live")
    with op.batch_alter_table("snapshot") as batch:
        batch.drop_column("source_key")
        batch.drop_column("live")
