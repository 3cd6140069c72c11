"""Two-factor sign-in: the TOTP secret and state of an account, its recovery codes, and organizations that
require it of their employers.

Revision ID: e8a4b2c6d1f3
Revises: d7f3a2c1e4b5
Create Date: 2026-12-05 09:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e8a4b2c6d1f3'
down_revision = 'd7f3a2c1e4b5'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('user_account', sa.Column('totp_secret', sa.String(length=64), nullable=True))
    op.add_column('user_account', sa.Column('totp_enabled_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('user_account', sa.Column('totp_last_step', sa.BigInteger(), nullable=True))
    op.add_column('organization', sa.Column('two_factor_required', sa.Boolean(), server_default=sa.false(),
                                            nullable=False))
    op.create_table(
        'recovery_code',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('code_hash', sa.String(length=64), nullable=False),
        sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_recovery_code_user_id_user_account'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_recovery_code')),
    )
    op.create_index(op.f('ix_recovery_code_user_id'), 'recovery_code', ['user_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_recovery_code_user_id'), table_name='recovery_code')
    op.drop_table('recovery_code')
    op.drop_column('organization', 'two_factor_required')
    op.drop_column('user_account', 'totp_last_step')
    op.drop_column('user_account', 'totp_enabled_at')
    op.drop_column('user_account', 'totp_secret')
