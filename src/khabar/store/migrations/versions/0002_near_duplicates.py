"""Near-duplicate detection: each article's SimHash, its bands, and the article it copies.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("simhash", sa.BigInteger))
        for i in range(6):
            batch.add_column(sa.Column(f"band{i}", sa.Integer))
        batch.add_column(sa.Column("near_duplicate_of", sa.String(40)))
    for i in range(6):
        op.create_index(f"ix_articles_band{i}", "articles", [f"band{i}"])


def downgrade() -> None:
    for i in range(6):
        op.drop_index(f"ix_articles_band{i}", "articles")
    with op.batch_alter_table("articles") as batch:
        for name in ("near_duplicate_of", *(f"band{i}" for i in reversed(range(6))), "simhash"):
            batch.drop_column(name)
