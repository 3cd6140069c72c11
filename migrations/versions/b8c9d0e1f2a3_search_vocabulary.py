"""SQLite: a vocabulary view of the full-text index (fts5vocab), for the search to find every word of the
index that has the stem of a searched word ("mobile" finds "mobiles", not "mobilisez"). PostgreSQL's
French configuration stems the index itself: nothing to do there.

Revision ID: b8c9d0e1f2a3
Revises: a7b8c9d0e1f2
Create Date: 2026-12-05 14:15:00.000000

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b8c9d0e1f2a3'
down_revision = 'a7b8c9d0e1f2'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE position_fts_vocab USING fts5vocab('position_fts', 'row')")


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS position_fts_vocab")
