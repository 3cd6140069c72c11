"""Who the position promised would supervise, copied to its contracts (peer intervision does not keep a
promise of professional supervision); filled in from the positions of the contracts recorded before.

Revision ID: a9b0c1d2e3f4
Revises: f8a9b0c1d2e3
Create Date: 2026-12-05 23:40:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a9b0c1d2e3f4'
down_revision = 'f8a9b0c1d2e3'
branch_labels = None
depends_on = None

KINDS = ("external", "internal", "peer_intervision")


def upgrade():
    with op.batch_alter_table("contract") as batch:
        batch.add_column(sa.Column("promised_supervision_kind", sa.Enum(
            *KINDS, name="promised_supervision_kind", native_enum=False, create_constraint=True, length=16),
            nullable=True))
    op.execute("UPDATE contract SET promised_supervision_kind = (SELECT position.supervision_kind FROM position "
               "WHERE position.id = contract.position_id) "
               "WHERE promised_supervision_frequency IS NOT NULL AND position_id IS NOT NULL")


def downgrade():
    with op.batch_alter_table("contract") as batch:
        batch.drop_constraint("promised_supervision_kind", type_="check")
        batch.drop_column("promised_supervision_kind")
