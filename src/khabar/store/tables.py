"""The store's tables (SQLAlchemy 2 Core). Schema changes go through an Alembic migration."""

from __future__ import annotations

from sqlalchemy import JSON, BigInteger, Boolean, Column, Date, DateTime, ForeignKey, Integer, MetaData, String, Table, Text

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", String(40), primary_key=True),
    Column("external_id", String(512), index=True),
    Column("title", Text),
    Column("publisher", String(512)),
    Column("url", Text),
    Column("published", Date, index=True),
    Column("published_source", String(32)),
    Column("language", String(8)),
    Column("origin", Text),
    Column("text", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # revision 0002: near-duplicate detection (khabar.ingest.dedup)
    Column("simhash", BigInteger),
    *(Column(f"band{i}", Integer, index=True) for i in range(6)),
    Column("near_duplicate_of", String(40)),
)

analyses = Table(
    "analyses", metadata,
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("pipeline", JSON, nullable=False),
    Column("result", JSON, nullable=False),
    Column("analysed_at", DateTime(timezone=True), nullable=False),
)

events = Table(
    "events", metadata,
    Column("id", String(40), primary_key=True),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("event_type", String(16), nullable=False, index=True),
    Column("status", String(16), nullable=False),
    Column("negated", Boolean, nullable=False),
    Column("actor_codes", String(256)),
    Column("recipient_codes", String(256)),
    Column("published", Date, index=True),
    Column("record", JSON, nullable=False),
)

quotes = Table(
    "quotes", metadata,
    Column("id", String(40), primary_key=True),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("speaker", Text),
    Column("record", JSON, nullable=False),
)

SCHEMA_REVISION = "0002"
