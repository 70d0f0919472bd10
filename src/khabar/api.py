"""khabar from Python: ``khabar.analyze`` for one article, ``khabar.analyze_many`` for a stream."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache

from khabar.ingest import make_article, parse_date
from khabar.ingest.formats import Draft
from khabar.model import Analysis, Article


@lru_cache(maxsize=1)
def default_pipeline():
    """The pipeline with the default configuration, built on first use and reused."""
    from khabar.pipeline import Pipeline

    return Pipeline()


def to_article(item: str | Article, published: date | str | None = None, publisher: str | None = None) -> Article:
    if isinstance(item, Article):
        return item
    return make_article(Draft(text=item, source="<python>"), published=parse_date(published),
                        publisher=publisher)


def analyze(text_or_article: str | Article, *, published: date | str | None = None,
            publisher: str | None = None, pipeline=None) -> Analysis:
    """Analyse one article (its text, or an ``Article``) and return the typed result.

    Example:
        >>> result = khabar.analyze(text, published="2016-12-01")
        >>> [e.event_type for e in result.events]
    """
    return (pipeline or default_pipeline()).analyze(to_article(text_or_article, published, publisher))


def analyze_many(items: Iterable[str | Article], *, published: date | str | None = None,
                 publisher: str | None = None, pipeline=None) -> Iterator[Analysis]:
    """Analyse a stream of articles lazily, parsing them in batches."""
    articles = (to_article(i, published, publisher) for i in items)
    yield from (pipeline or default_pipeline()).analyze_many(articles)


def events_frame(results: Iterable[Analysis]):
    """One row per event (the CSV export's columns) as a pandas DataFrame (pandas must be installed)."""
    import pandas as pd

    from khabar.export import flat_row

    rows = []
    for r in results:
        art = r.article.model_dump(mode="json")
        rows.extend(flat_row(art, e) for e in r.model_dump(mode="json")["events"])
    return pd.DataFrame(rows)


def quotes_frame(results: Iterable[Analysis]):
    """One row per quote as a pandas DataFrame (pandas must be installed)."""
    import pandas as pd

    rows = []
    for r in results:
        for q in r.quotes:
            rows.append({"article_id": r.article.id, "quote_id": q.id, "kind": q.kind,
                         "speaker": (q.speaker.name or q.speaker.text) if q.speaker else None,
                         "speaker_code": q.speaker.code if q.speaker else None, "speaker_role": q.speaker_role,
                         "cue": q.cue.text if q.cue else None, "content": q.content.text,
                         "via": " > ".join(v.name or v.text for v in q.via), "events": ";".join(q.events)})
    return pd.DataFrame(rows)
