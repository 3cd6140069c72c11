"""Supervision sessions held for a contract (recorded by the employer, contested by the peer worker), and
whether a person's sessions met the promise in snapshots.

Revision ID: d6e7f8a9b0c1
Revises: c5d6e7f8a9b0
Create Date: 2026-12-05 22:20:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd6e7f8a9b0c1'
down_revision = 'c5d6e7f8a9b0'
branch_labels = None
depends_on = None

KINDS = ("external", "internal", "peer_intervision")
PROVIDERS = ("employer_staff", "independent", "outside_body", "peers")


def upgrade():
    op.create_table(
        "supervision_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.Enum(*KINDS, name="session_kind", native_enum=False, create_constraint=True,
                                  length=16), nullable=False),
        sa.Column("minutes", sa.SmallInteger(), nullable=False),
        sa.Column("paid_time", sa.Boolean(), nullable=False),
        sa.Column("provider_kind", sa.Enum(*PROVIDERS, name="provider_kind", native_enum=False,
                                           create_constraint=True, length=14), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("contested_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("contest_note", sa.String(length=500), nullable=True),
        sa.CheckConstraint("minutes BETWEEN 1 AND 480", name=op.f("ck_supervision_session_minutes_range")),
        sa.ForeignKeyConstraint(["contract_id"], ["contract.id"],
                                name=op.f("fk_supervision_session_contract_id_contract"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["user_account.id"],
                                name=op.f("fk_supervision_session_recorded_by_id_user_account"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supervision_session")),
        sa.UniqueConstraint("contract_id", "held_on", "kind", name="uq_supervision_session_day_kind"),
    )
    op.create_index(op.f("ix_supervision_session_contract_id"), "supervision_session", ["contract_id"])
    with op.batch_alter_table("snapshot_contract") as batch:
        batch.add_column(sa.Column("person_supervision_kept", sa.Boolean(), nullable=True))


def downgrade():
    with op.batch_alter_table("snapshot_contract") as batch:
        batch.drop_column("person_supervision_kept")
    op.drop_index(op.f("ix_supervision_session_contract_id"), table_name="supervision_session")
    op.drop_table("supervision_session")
