"""When a person accepted the terms of use on registering; a candidate's explicit consent to store their
lived-experience text (GDPR art. 9(2)(a)).

Texts written before the consent was asked are kept, counted as consented when their profile was last
saved: the candidate wrote them themself in a field marked optional, and can withdraw at any time (the
text is then erased). Accounts from before the terms were asked have no acceptance date.

Revision ID: a7b8c9d0e1f2
Revises: f1c2d3e4a5b6
Create Date: 2026-12-05 13:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a7b8c9d0e1f2'
down_revision = 'f1c2d3e4a5b6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('terms_accepted_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('candidate_profile', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lived_experience_consent_at', sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE candidate_profile SET lived_experience_consent_at = updated_at "
               "WHERE lived_experience IS NOT NULL AND lived_experience <> ''")


def downgrade():
    with op.batch_alter_table('candidate_profile', schema=None) as batch_op:
        batch_op.drop_column('lived_experience_consent_at')
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('terms_accepted_at')
