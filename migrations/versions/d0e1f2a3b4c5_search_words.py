"""The words of the published positions, for the search: the forms of a searched word (on SQLite, read
here rather than from the full-text index's vocabulary, 2 ms a word) and the suggestions ("Vouliez-vous
dire … ?", read here instead of from every position's text at each search that finds nothing: 5 s at
national scale). Filled here from the published positions; kept up to date by publication and edits, and rebuilt
daily by `flask search-words`.

Revision ID: d0e1f2a3b4c5
Revises: c9d0e1f2a3b4
Create Date: 2026-12-05 16:35:00.000000

"""
import re
import unicodedata
from collections import Counter

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd0e1f2a3b4c5'
down_revision = 'c9d0e1f2a3b4'
branch_labels = None
depends_on = None


def _fold(word):
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def upgrade():
    table = op.create_table(
        "search_word",
        sa.Column("word", sa.String(64), nullable=False),
        sa.Column("written", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("word", name=op.f("pk_search_word")),
    )
    written = {}
    documents = op.get_bind().execute(sa.text("SELECT search_document FROM position WHERE status = 'published'"))
    for (document,) in documents:
        for word in re.findall(r"\w+", (document or "").lower()):
            if len(word) <= 64:
                written.setdefault(_fold(word), Counter())[word] += 1
    rows = [{"word": w, "written": forms.most_common(1)[0][0]} for w, forms in sorted(written.items())]
    for start in range(0, len(rows), 1000):
        op.bulk_insert(table, rows[start:start + 1000])


def downgrade():
    op.drop_table("search_word")
