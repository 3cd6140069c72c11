"""The term a contract was signed for, kept when it ends earlier.

An early end (a resignation, a dismissal, a conversion to a permanent contract) replaces `end_date` with
the last day worked; the rules that judge the contract as signed (a PEC under 6 months, a contract over
its maximum) and the flags of a day before the early end was recorded need the term as signed.

Revision ID: d7f3a2c1e4b5
Revises: c4e7a1f2b9d0
Create Date: 2026-12-05 08:30:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd7f3a2c1e4b5'
down_revision = 'c4e7a1f2b9d0'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('contract', sa.Column('planned_end_date', sa.Date(), nullable=True))


def downgrade():
    op.drop_column('contract', 'planned_end_date')
