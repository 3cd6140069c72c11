"""The data the contract rules need: category, CDD reason, PEC extended duration, part time at the
employee's request, post reference and closing time of contracts; legal entity, collective agreement
and opening days of organizations; opening days of positions; end reason "renewal_refused".

Revision ID: b3c4d5e6f7a8
Revises: 7c99c89b8e03
Create Date: 2026-12-01 21:30:00
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b3c4d5e6f7a8'
down_revision = '7c99c89b8e03'
branch_labels = None
depends_on = None

OLD_END_REASONS = ('term_reached', 'resignation', 'dismissal', 'trial_period', 'mutual_agreement',
                   'funding_ended', 'other')
NEW_END_REASONS = OLD_END_REASONS[:-1] + ('renewal_refused', 'other')
CDD_REASONS = ('replacement', 'replacement_no_fixed_end', 'temporary_increase', 'seasonal', 'awaiting_cdi',
               'usage', 'other')


def _end_reason(values):
    return sa.Enum(*values, name='end_reason', native_enum=False, create_constraint=True, length=16)


def upgrade():
    with op.batch_alter_table('contract', schema=None) as batch_op:
        batch_op.add_column(sa.Column('category', sa.Enum('A', 'B', 'C', name='category', native_enum=False,
                                                          create_constraint=True, length=1), nullable=True))
        batch_op.add_column(sa.Column('cdd_reason', sa.Enum(*CDD_REASONS, name='cdd_reason', native_enum=False,
                                                            create_constraint=True, length=24), nullable=True))
        batch_op.add_column(sa.Column('extended_duration', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('part_time_at_employee_request', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
        batch_op.add_column(sa.Column('post_ref', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.drop_constraint('end_reason', type_='check')
        batch_op.create_check_constraint('end_reason', sa.column('end_reason').in_(NEW_END_REASONS))
    # Contracts no longer active were closed at their last recorded change, at the latest.
    op.execute("UPDATE contract SET closed_at = COALESCE(decided_at, updated_at) WHERE state <> 'active'")

    with op.batch_alter_table('organization', schema=None) as batch_op:
        batch_op.add_column(sa.Column('legal_entity_finess', sa.String(length=9), nullable=True))
        batch_op.add_column(sa.Column('idcc', sa.String(length=4), nullable=True))
        batch_op.add_column(sa.Column('opening_days', sa.String(length=7), server_default='12345', nullable=False))
        batch_op.create_index(batch_op.f('ix_organization_legal_entity_finess'), ['legal_entity_finess'],
                              unique=False)

    with op.batch_alter_table('position', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opening_days', sa.String(length=7), nullable=True))


def downgrade():
    with op.batch_alter_table('position', schema=None) as batch_op:
        batch_op.drop_column('opening_days')

    with op.batch_alter_table('organization', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organization_legal_entity_finess'))
        batch_op.drop_column('opening_days')
        batch_op.drop_column('idcc')
        batch_op.drop_column('legal_entity_finess')

    op.execute("UPDATE contract SET end_reason = 'other' WHERE end_reason = 'renewal_refused'")
    with op.batch_alter_table('contract', schema=None) as batch_op:
        batch_op.drop_constraint('end_reason', type_='check')
        batch_op.create_check_constraint('end_reason', sa.column('end_reason').in_(OLD_END_REASONS))
        batch_op.drop_constraint('cdd_reason', type_='check')
        batch_op.drop_constraint('category', type_='check')
        batch_op.drop_column('closed_at')
        batch_op.drop_column('post_ref')
        batch_op.drop_column('part_time_at_employee_request')
        batch_op.drop_column('extended_duration')
        batch_op.drop_column('cdd_reason')
        batch_op.drop_column('category')
