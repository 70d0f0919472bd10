"""The ingest stage: turn paths, URLs, feeds and stdin into normalised ``Article`` records.

``iter_articles`` yields an ``Article`` for every good item and a ``Problem``
for every bad item inside a multi-article input (a JSON Lines file, a
directory, a feed). An input that is unusable as a whole raises
``KhabarError`` with a one-line message naming it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from khabar.errors import KhabarError
from khabar.ingest.formats import Draft, Problem, read_feed, read_html, read_jsonl, read_text, sniff
from khabar.ingest.language import detect_language
from khabar.model import Article, article_id

__all__ = ["Problem", "iter_articles", "make_article", "parse_date", "read_source"]

ARTICLE_SUFFIXES = {".txt", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".json", ".xml", ".rss", ".atom"}


def parse_date(value: str | date | None, source: str = "--published") -> date | None:
    """A date from YYYY-MM-DD or an ISO datetime; E031 otherwise."""
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        raise KhabarError("E031", value=text) from None


def _guess_dateline(text: str) -> date | None:
    try:
        from khabar.resolve.time import guess_dateline
    except ImportError:
        return None
    return guess_dateline(text)


def make_article(draft: Draft, *, published: date | None = None, publisher: str | None = None,
                 max_chars: int = 1_000_000, check_language: bool = True) -> Article:
    """Normalise a draft: size and language checks, the publication date by precedence.

    The date comes from the ``published`` option, else the input's metadata,
    else a dateline at the top of the text; otherwise it stays None.
    """
    text = draft.text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise KhabarError("E021", source=draft.source)
    if len(text) > max_chars:
        raise KhabarError("E028", source=draft.source, size=len(text), limit=max_chars)
    language = detect_language(text)
    if check_language and language not in (None, "en"):
        raise KhabarError("E027", source=draft.source, language=language)
    when, how = published, "option" if published else None
    if when is None and draft.published:
        try:
            when, how = parse_date(draft.published, draft.source), draft.published_source or "metadata"
        except KhabarError:
            when = None
    if when is None:
        when = _guess_dateline(text)
        how = "dateline" if when else None
    return Article(id=article_id(text), text=text, external_id=draft.external_id, title=draft.title,
                   publisher=publisher or draft.publisher, url=draft.url, published=when,
                   published_source=how, language=language or "en", origin=draft.source)


def read_source(source: str, *, allow_private: bool = False, timeout_s: float = 20,
                max_bytes: int = 5_000_000) -> list[Draft | Problem]:
    """Read one path, URL or '-' (stdin) into drafts."""
    if source == "-":
        data, name, url = sys.stdin.buffer.read(), "<stdin>", None
    elif source.startswith(("http://", "https://", "ftp://", "file://")):
        from khabar.ingest.fetch import fetch

        data, content_type, url = fetch(source, timeout_s=timeout_s, max_bytes=max_bytes,
                                        allow_private=allow_private)
        name = url
        if "html" in content_type and not url.lower().endswith((".html", ".htm")):
            name = url + "#.html"
    else:
        path = Path(source)
        if not path.exists():
            raise KhabarError("E020", source=source)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise KhabarError("E081", detail=f"{source}: cannot read ({exc.strerror})") from None
        name, url = str(path), None
    if not data.strip():
        raise KhabarError("E021", source=name)
    kind = sniff(data, name)  # a fetched HTML page carries a "#.html" suffix for this
    if kind == "jsonl":
        return read_jsonl(data, name)
    if kind == "feed":
        return read_feed(data, name)
    if kind == "html":
        return read_html(data, name.removesuffix("#.html"), url)
    return read_text(data, name)


def _expand(sources: Iterable[str]) -> Iterator[str]:
    for source in sources:
        path = Path(source)
        if source != "-" and "://" not in source and path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            if not files:
                raise KhabarError("E029", source=source)
            yield from (str(f) for f in files)
        else:
            yield source


def iter_articles(sources: Iterable[str], *, published: date | None = None, publisher: str | None = None,
                  config: dict | None = None, allow_private: bool | None = None) -> Iterator[Article | Problem]:
    """Articles from every source, in order; bad items inside a source as ``Problem``.

    A source given by the user that is unusable as a whole raises ``KhabarError``,
    except inside a directory, where it becomes a ``Problem`` like any bad item.
    """
    fetch_cfg = (config or {}).get("fetch", {})
    max_chars = (config or {}).get("ingest", {}).get("max_chars", 1_000_000)
    sources = list(sources)
    expanded = list(_expand(sources))
    from_dir = len(expanded) != len(sources) or any(Path(s).is_dir() for s in sources if s != "-")
    for source in expanded:
        try:
            drafts = read_source(
                source,
                allow_private=fetch_cfg.get("allow_private", False) if allow_private is None else allow_private,
                timeout_s=fetch_cfg.get("timeout_s", 20), max_bytes=fetch_cfg.get("max_bytes", 5_000_000))
        except KhabarError as exc:
            if from_dir:
                yield Problem(exc)
                continue
            raise
        for draft in drafts:
            if isinstance(draft, Problem):
                yield draft
                continue
            try:
                yield make_article(draft, published=published, publisher=publisher, max_chars=max_chars)
            except KhabarError as exc:
                if len(drafts) > 1 or from_dir:
                    yield Problem(exc)
                else:
                    raise
