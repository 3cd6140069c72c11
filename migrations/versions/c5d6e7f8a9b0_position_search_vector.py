"""PostgreSQL: the positions' tsvector stored (a generated column, `search_vector`, GIN-indexed) instead of an
index on the expression: a search's other conditions and its order read positions through other indexes
(newest first, a department), and each position they reach was tested by computing its tsvector again,
hundreds of microseconds a long text (a common word in one department: about a second under load at
national scale). SQLite is unchanged (its FTS5 index).

Revision ID: c5d6e7f8a9b0
Revises: b4c5d6e7f8a9
Create Date: 2026-12-05 19:05:00.000000

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c5d6e7f8a9b0'
down_revision = 'b4c5d6e7f8a9'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("""ALTER TABLE position ADD COLUMN search_vector tsvector GENERATED ALWAYS AS
                  (to_tsvector('pairjobs_fr'::regconfig, coalesce(search_document, ''))) STORED""")
    op.execute("CREATE INDEX ix_position_search_vector ON position USING gin (search_vector)")
    op.execute("DROP INDEX IF EXISTS ix_position_search")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("""CREATE INDEX ix_position_search ON position
                  USING gin (to_tsvector('pairjobs_fr'::regconfig, search_document))""")
    op.execute("DROP INDEX IF EXISTS ix_position_search_vector")
    op.execute("ALTER TABLE position DROP COLUMN search_vector")
