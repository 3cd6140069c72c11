"""Interviews with their calendar invitation; the talent pool; the optional e-mails a person turned off; a
calendar attached to an outgoing message; the deadline a position's recruiters were reminded of; whether a
refusal's reason is shared, when an application last changed status and when its recruiters were reminded
of it; rejection reasons "position_closed" (was "position_cancelled") and "no_response".

Revision ID: f1c2d3e4a5b6
Revises: e8a4b2c6d1f3
Create Date: 2026-12-05 11:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'f1c2d3e4a5b6'
down_revision = 'e8a4b2c6d1f3'
branch_labels = None
depends_on = None

OLD_REASONS = ('profile_mismatch', 'credential_missing', 'position_filled', 'position_cancelled',
               'after_interview', 'availability', 'other')
NEW_REASONS = ('profile_mismatch', 'credential_missing', 'position_filled', 'position_closed',
               'after_interview', 'availability', 'no_response', 'other')
# Each table and the column (and CHECK constraint) that holds a rejection reason.
REASON_COLUMNS = (('application', 'rejection_reason'), ('application_event', 'reason'))


def _reasons(renamed_from, renamed_to, allowed):
    for table, column in REASON_COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(column, type_='check')
        op.execute(f"UPDATE {table} SET {column} = '{renamed_to}' WHERE {column} = '{renamed_from}'")
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_check_constraint(column, sa.column(column).in_(allowed))


def upgrade():
    op.create_table(
        'interview',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('application_id', sa.Integer(), nullable=False),
        sa.Column('uid', sa.String(length=80), nullable=False),
        sa.Column('sequence', sa.Integer(), nullable=False),
        sa.Column('status', sa.Enum('proposed', 'accepted', 'declined', 'cancelled', name='interview_status',
                                    native_enum=False, create_constraint=True, length=9), nullable=False),
        sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('duration_minutes', sa.Integer(), nullable=False),
        sa.Column('location', sa.String(length=300), nullable=True),
        sa.Column('video_url', sa.String(length=500), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('proposed_by_id', sa.Integer(), nullable=True),
        sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('reminded_for', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('location IS NOT NULL OR video_url IS NOT NULL',
                           name=op.f('ck_interview_interview_has_a_place')),
        sa.ForeignKeyConstraint(['application_id'], ['application.id'],
                                name=op.f('fk_interview_application_id_application'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['proposed_by_id'], ['user_account.id'],
                                name=op.f('fk_interview_proposed_by_id_user_account'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_interview')),
        sa.UniqueConstraint('uid', name=op.f('uq_interview_uid')),
    )
    op.create_index(op.f('ix_interview_application_id'), 'interview', ['application_id'], unique=False)
    op.create_index(op.f('ix_interview_starts_at'), 'interview', ['starts_at'], unique=False)
    op.create_table(
        'pool_membership',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('departments', sa.String(length=200), nullable=False),
        sa.Column('consented_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id'],
                                name=op.f('fk_pool_membership_user_id_user_account'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_pool_membership')),
    )
    op.create_index(op.f('ix_pool_membership_expires_at'), 'pool_membership', ['expires_at'], unique=False)
    op.add_column('user_account', sa.Column('mail_opt_outs', sa.JSON(), server_default=sa.text("'[]'"),
                                            nullable=False))
    op.add_column('outbox_message', sa.Column('calendar', sa.Text(), nullable=True))
    op.add_column('position', sa.Column('deadline_reminded_for', sa.Date(), nullable=True))
    op.add_column('application', sa.Column('reason_shared', sa.Boolean(), server_default=sa.true(),
                                           nullable=False))
    op.add_column('application', sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('application', sa.Column('status_changed_at', sa.DateTime(timezone=True), nullable=True))
    # The last change of status so far: the latest event that moved it (its creation at least).
    op.execute("UPDATE application SET status_changed_at = COALESCE((SELECT MAX(e.at) FROM application_event e "
               "WHERE e.application_id = application.id AND (e.from_status IS NULL "
               "OR e.from_status <> e.to_status)), created_at)")
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.alter_column('status_changed_at', existing_type=sa.DateTime(timezone=True), nullable=False)
    _reasons('position_cancelled', 'position_closed', NEW_REASONS)


def downgrade():
    op.execute("UPDATE application SET rejection_reason = 'other' WHERE rejection_reason = 'no_response'")
    op.execute("UPDATE application_event SET reason = 'other' WHERE reason = 'no_response'")
    _reasons('position_closed', 'position_cancelled', OLD_REASONS)
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.drop_column('status_changed_at')
        batch_op.drop_column('reminded_at')
        batch_op.drop_column('reason_shared')
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_column('calendar')
    with op.batch_alter_table('position', schema=None) as batch_op:
        batch_op.drop_column('deadline_reminded_for')
    op.drop_column('user_account', 'mail_opt_outs')
    op.drop_index(op.f('ix_pool_membership_expires_at'), table_name='pool_membership')
    op.drop_table('pool_membership')
    op.drop_index(op.f('ix_interview_starts_at'), table_name='interview')
    op.drop_index(op.f('ix_interview_application_id'), table_name='interview')
    op.drop_table('interview')
