"""The candidate's file frozen on each application; each outgoing message tied to its account.

Existing applications get the file from the candidate's current profile: from now on it no longer
follows the profile (showing the live profile when the snapshot is missing would keep every old
application exposed to later edits, e.g. a lived-experience text written for another employer).
Existing messages are tied to the account whose current address they were sent to.

Revision ID: c4e7a1f2b9d0
Revises: 9b3a8e6593c6
Create Date: 2026-12-02 13:50:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c4e7a1f2b9d0'
down_revision = '9b3a8e6593c6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.add_column(sa.Column('profile_snapshot', sa.JSON(), nullable=True))
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('user_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_outbox_message_user_id'), ['user_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_outbox_message_user_id_user_account'), 'user_account',
                                    ['user_id'], ['id'], ondelete='CASCADE')
    op.execute("UPDATE outbox_message SET user_id = (SELECT u.id FROM user_account u "
               "WHERE lower(u.email) = lower(outbox_message.recipient))")
    _fill_snapshots(op.get_bind())


def _fill_snapshots(conn):
    rows = conn.execute(sa.text(
        "SELECT a.id, u.name, u.email, p.phone, p.share_phone, p.availability, p.departments_sought, "
        "p.presentation, p.lived_experience, p.share_lived_experience "
        "FROM application a JOIN user_account u ON u.id = a.candidate_id "
        "LEFT JOIN candidate_profile p ON p.user_id = u.id")).all()
    credentials: dict[int, list[dict]] = {}
    for c in conn.execute(sa.text(
            "SELECT ac.application_id, c.id, c.type, c.title, c.institution, c.start_year, c.end_year, "
            "c.status, c.hours, c.reference FROM application_credential ac "
            "JOIN credential c ON c.id = ac.credential_id ORDER BY ac.application_id, c.id")):
        credentials.setdefault(c[0], []).append({
            "id": c[1], "type": c[2], "title": c[3], "institution": c[4], "start_year": c[5],
            "end_year": c[6], "status": c[7], "hours": c[8], "reference": c[9]})
    update = sa.text("UPDATE application SET profile_snapshot = :snapshot WHERE id = :id").bindparams(
        sa.bindparam("snapshot", type_=sa.JSON))
    for (app_id, name, email, phone, share_phone, availability, departments, presentation, lived,
         share_lived) in rows:
        snapshot = {
            "name": name, "email": email,
            "phone": phone if share_phone and phone else None,
            "availability": availability, "departments": (departments or "").split(),
            "presentation": presentation,
            "lived_experience": lived if share_lived and lived else None,
            "credentials": credentials.get(app_id, []),
        }
        conn.execute(update, {"snapshot": snapshot, "id": app_id})


def downgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_outbox_message_user_id_user_account'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_outbox_message_user_id'))
        batch_op.drop_column('user_id')
    # Not recreated on SQLite (DROP COLUMN since 3.35): recreating the table would cascade-delete the
    # credentials sent with each application.
    with op.batch_alter_table('application', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('profile_snapshot')
