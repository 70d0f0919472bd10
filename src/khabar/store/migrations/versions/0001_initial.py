"""Initial schema: articles, analyses, events, quotes.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("external_id", sa.String(512), index=True),
        sa.Column("title", sa.Text),
        sa.Column("publisher", sa.String(512)),
        sa.Column("url", sa.Text),
        sa.Column("published", sa.Date, index=True),
        sa.Column("published_source", sa.String(32)),
        sa.Column("language", sa.String(8)),
        sa.Column("origin", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "analyses",
        sa.Column("article_id", sa.String(40), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("pipeline", sa.JSON, nullable=False),
        sa.Column("result", sa.JSON, nullable=False),
        sa.Column("analysed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("article_id", sa.String(40), sa.ForeignKey("articles.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("event_type", sa.String(16), nullable=False, index=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("negated", sa.Boolean, nullable=False),
        sa.Column("actor_codes", sa.String(256)),
        sa.Column("recipient_codes", sa.String(256)),
        sa.Column("published", sa.Date, index=True),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_table(
        "quotes",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("article_id", sa.String(40), sa.ForeignKey("articles.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("speaker", sa.Text),
        sa.Column("record", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    for name in ("quotes", "events", "analyses", "articles"):
        op.drop_table(name)
