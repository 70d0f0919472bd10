"""The store stage: articles and their analyses in SQLite (default) or PostgreSQL.

Ingest is idempotent: an article's id is derived from its text, so storing the
same article twice keeps one copy. Each article is written in one transaction
(article, analysis, events, quotes together), so an interrupted run never
leaves half an article behind. The schema is created and upgraded by Alembic
migrations in ``store/migrations``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

from sqlalchemy import create_engine, delete, event, func, insert, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from khabar.config import default_db_url
from khabar.errors import KhabarError
from khabar.ingest.dedup import MAX_DISTANCE, bands, distance, simhash
from khabar.model import Analysis, Article
from khabar.store.tables import analyses, articles, events, quotes


def _normalise_url(url: str | None) -> str:
    url = url or default_db_url()
    if "://" not in url:  # a plain path means a SQLite file
        url = "sqlite:///" + str(Path(url).expanduser().resolve())
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


class Store:
    """A khabar database. Open with ``Store.open(url)``; migrations run on open."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @classmethod
    def open(cls, url: str | None = None, *, migrate: bool = True) -> Store:
        url = _normalise_url(url)
        try:
            if url.startswith("sqlite:///"):
                Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url)
            if url.startswith("sqlite"):
                event.listen(engine, "connect", _sqlite_pragmas)
            store = cls(engine, url)
            if migrate:
                store.migrate()
            return store
        except (SQLAlchemyError, OSError, ImportError) as exc:
            raise KhabarError("E060", url=url, detail=str(exc).splitlines()[0][:200]) from None

    def migrate(self) -> None:
        """Bring the schema to the newest revision (a no-op when it is there)."""
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(resources.files("khabar.store") / "migrations"))
        with self.engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")

    def has(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(articles.c.id).where(articles.c.id == article_id)).first() is not None

    def save(self, article: Article, analysis: Analysis, *, replace: bool = False) -> bool:
        """Store an article with its analysis; returns False when it was already stored.

        With ``replace`` a stored analysis is swapped for the new one (the article row stays).
        """
        try:
            return self._save(article, analysis, replace)
        except IntegrityError as exc:
            if not replace and self.has(article.id):
                return False  # another process stored the same article first
            raise KhabarError("E060", url=self.url, detail=str(exc).splitlines()[0][:200]) from None

    def _save(self, article: Article, analysis: Analysis, replace: bool) -> bool:
        now = datetime.now(timezone.utc)
        with self.engine.begin() as conn:
            exists = conn.execute(select(articles.c.id).where(articles.c.id == article.id)).first()
            if exists and not replace:
                return False
            if exists:
                for table in (events, quotes, analyses):
                    conn.execute(delete(table).where(table.c.article_id == article.id))
            else:
                fingerprint = simhash(article.text)
                conn.execute(insert(articles).values(
                    id=article.id, external_id=article.external_id, title=article.title,
                    publisher=article.publisher, url=article.url, published=article.published,
                    published_source=article.published_source, language=article.language,
                    origin=article.origin, text=article.text, ingested_at=now, simhash=fingerprint,
                    near_duplicate_of=self._near_duplicate(conn, article.id, fingerprint),
                    **{f"band{i}": b for i, b in enumerate(bands(fingerprint))}))
            conn.execute(insert(analyses).values(article_id=article.id, pipeline=analysis.pipeline,
                                                 result=analysis.model_dump(mode="json"), analysed_at=now))
            # One row per id: a duplicate id from a stage must not fail the whole article.
            unique_events = list({e.id: e for e in reversed(analysis.events)}.values())[::-1]
            unique_quotes = list({q.id: q for q in reversed(analysis.quotes)}.values())[::-1]
            if unique_events:
                conn.execute(insert(events), [{
                    "id": e.id, "article_id": article.id, "event_type": e.event_type, "status": e.status,
                    "negated": e.aux.negated, "published": article.published,
                    "actor_codes": ";".join(a.code or "" for a in e.actors),
                    "recipient_codes": ";".join(a.code or "" for a in e.recipients),
                    "record": e.model_dump(mode="json")} for e in unique_events])
            if unique_quotes:
                conn.execute(insert(quotes), [{
                    "id": q.id, "article_id": article.id, "kind": q.kind,
                    "speaker": q.speaker.name or q.speaker.text if q.speaker else None,
                    "record": q.model_dump(mode="json")} for q in unique_quotes])
        return True

    @staticmethod
    def _near_duplicate(conn, article_id: str, fingerprint: int) -> str | None:
        """The earliest stored article whose text is a near copy of this one (SimHash within MAX_DISTANCE bits)."""
        band_match = or_(*(articles.c[f"band{i}"] == b for i, b in enumerate(bands(fingerprint))))
        query = (select(articles.c.id, articles.c.simhash, articles.c.near_duplicate_of)
                 .where(band_match, articles.c.id != article_id).order_by(articles.c.ingested_at))
        for other_id, other_hash, its_original in conn.execute(query):
            if other_hash is not None and distance(other_hash, fingerprint) <= MAX_DISTANCE:
                return its_original or other_id
        return None

    def near_duplicates(self) -> int:
        """How many stored articles are near copies of another stored article."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(articles)
                                .where(articles.c.near_duplicate_of.is_not(None))).scalar_one()

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in (articles, events, quotes)}

    def iter_analyses(self, article_id: str | None = None) -> Iterator[tuple[dict, dict]]:
        """(article row, analysis JSON) pairs in publication-date order (or the one article asked for)."""
        query = (select(articles, analyses.c.result).join(analyses, analyses.c.article_id == articles.c.id)
                 .order_by(articles.c.published, articles.c.id))
        if article_id is not None:
            query = query.where(articles.c.id == article_id)
        with self.engine.connect() as conn:
            for row in conn.execute(query).mappings():
                yield dict(row), row["result"]

    def list_articles(self, offset: int = 0, limit: int = 50) -> list[dict]:
        """Article summaries (no text) newest first, with their event and quote counts."""
        n_events = select(func.count()).where(events.c.article_id == articles.c.id).scalar_subquery()
        n_quotes = select(func.count()).where(quotes.c.article_id == articles.c.id).scalar_subquery()
        query = (select(articles.c.id, articles.c.external_id, articles.c.title, articles.c.publisher,
                        articles.c.url, articles.c.published, articles.c.near_duplicate_of,
                        func.substr(articles.c.text, 1, 120).label("snippet"),
                        n_events.label("events"), n_quotes.label("quotes"))
                 .order_by(articles.c.published.desc(), articles.c.id).offset(offset).limit(limit))
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def list_events(self, event_type: str | None = None, actor_code: str | None = None,
                    offset: int = 0, limit: int = 50) -> list[dict]:
        """Stored event records, optionally of one type or with one actor country code."""
        query = select(events.c.record).order_by(events.c.published, events.c.id)
        if event_type:
            query = query.where(events.c.event_type == event_type.upper())
        if actor_code:
            query = query.where(events.c.actor_codes.contains(actor_code.upper()))
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(query.offset(offset).limit(limit))]

    def get_analysis(self, article_id: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(analyses.c.result).where(analyses.c.article_id == article_id)).first()
        return row[0] if row else None

    @property
    def location(self) -> str:
        return self.url.removeprefix("sqlite:///") if self.url.startswith("sqlite:///") else self.url
