"""An organization's applications at a stage are reached from its positions: the index on the status alone
(which SQLite, without statistics, walked across every organization) becomes (position_id, status,
status_changed_at); the index on a contract's state alone goes for the same reason (an organization's
contracts are reached by organization_id).

Revision ID: c9d0e1f2a3b4
Revises: b8c9d0e1f2a3
Create Date: 2026-12-05 16:05:00.000000

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c9d0e1f2a3b4'
down_revision = 'b8c9d0e1f2a3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_application_position_status", "application",
                    ["position_id", "status", "status_changed_at"])
    op.drop_index("ix_application_status", table_name="application")
    op.drop_index("ix_contract_state", table_name="contract")


def downgrade():
    op.create_index("ix_contract_state", "contract", ["state"])
    op.create_index("ix_application_status", "application", ["status"])
    op.drop_index("ix_application_position_status", table_name="application")
