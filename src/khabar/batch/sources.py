"""Streams articles out of a batch input: a directory of .txt files, JSON Lines or Parquet.

Readers are generators, so memory stays flat with corpus size. A record that cannot
become an ``Article`` is yielded as a ``BadRecord`` (never raised), so one bad line in
a year of reporting costs one line in the errors file, not the run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from khabar.errors import KhabarError
from khabar.ingest import make_article
from khabar.ingest.formats import Draft, headline
from khabar.model import Article

# Suffixes read from a directory, and as a single file.
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")
_META = ("title", "publisher", "url")


@dataclass(frozen=True)
class BadRecord:
    """An input record that could not be read: where it was and why."""

    key: str
    source: str
    line: int | None
    error: str

    def to_dict(self) -> dict:
        return {"key": self.key, "source": self.source, "line": self.line, "error": self.error}


def record_key(article: Article) -> str:
    """The identity used for exactly-once output: the input's own id, else the content id."""
    return article.external_id or article.id


def article_from_record(record: dict, origin: str) -> Article:
    """Build an ``Article`` from a JSON/Parquet record (``text`` required), as ``khabar ingest`` does.

    The same normalisation as the ingest stage applies (language check, size limit,
    publication date from the record or else a dateline), so batch and ingest give an
    article the same id.

    Raises:
        ValueError: the record has no usable text or a malformed field.
    """
    if not isinstance(record, dict):
        raise ValueError("record is not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError('no non-empty "text" field')
    published = record.get("published")
    if published not in (None, ""):
        published = date.fromisoformat(str(published)[:10])
    else:
        published = None
    external = record.get("id", record.get("external_id"))
    fields = {k: str(record[k]) for k in _META if record.get(k) not in (None, "")}
    draft = Draft(text=text, source=origin, external_id=None if external in (None, "") else str(external),
                  published=published.isoformat() if published else None,
                  published_source="metadata" if published else None, **fields)
    return _normalise(draft)


def _normalise(draft: Draft) -> Article:
    try:
        return make_article(draft)
    except KhabarError as exc:
        raise ValueError(exc.message) from None


# ``label`` names the file relative to the input (a bad record's key), so a rerun
# that spells the input path differently still recognises what it reported before.

def _iter_jsonl(path: Path, label: str) -> Iterator[Article | BadRecord]:
    with path.open("r", encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield article_from_record(json.loads(line), f"{path}:{number}")
            except (ValueError, TypeError) as exc:
                yield BadRecord(f"{label}:{number}", str(path), number, str(exc))


def _iter_parquet(path: Path, label: str, batch_rows: int = 256) -> Iterator[Article | BadRecord]:
    import pyarrow.parquet as pq

    row = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=batch_rows):
        for record in batch.to_pylist():
            row += 1
            try:
                yield article_from_record(record, f"{path}#{row}")
            except (ValueError, TypeError) as exc:
                yield BadRecord(f"{label}#{row}", str(path), row, str(exc))


def _iter_text(path: Path, label: str) -> Iterator[Article | BadRecord]:
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError) as exc:
        yield BadRecord(label, str(path), None, f"cannot read as UTF-8 text ({exc})")
        return
    if not text.strip():
        yield BadRecord(label, str(path), None, "empty file")
        return
    try:
        yield _normalise(Draft(text=text, source=str(path), external_id=label, title=headline(text)))
    except ValueError as exc:
        yield BadRecord(label, str(path), None, str(exc))


def _reader(path: Path):
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return _iter_jsonl
    if suffix in PARQUET_SUFFIXES:
        return _iter_parquet
    if suffix in TEXT_SUFFIXES:
        return _iter_text
    return None


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        # Sorted, so a resumed run walks the same order (not required for
        # correctness, but keeps the output's order stable between runs).
        return sorted(p for p in path.rglob("*") if p.is_file() and _reader(p) is not None)
    return [path]


def iter_articles(path: Path | str) -> Iterator[Article | BadRecord]:
    """Yield every article of a batch input, and a ``BadRecord`` for each unreadable one.

    Args:
        path: a directory (its .txt, .jsonl and .parquet files, recursively, sorted),
            a JSON Lines file or a Parquet file. JSON/Parquet records need ``text``;
            ``title``, ``publisher``, ``published``, ``url`` and ``id`` are optional
            (an input ``id`` becomes ``external_id``). A .txt file's path relative to
            the input directory is its ``external_id``.

    Raises:
        KhabarError: E020 when the path does not exist, E029 when a directory holds
            no readable files, E094 for an unsupported file type.
    """
    path = Path(path)
    if not path.exists():
        raise KhabarError("E020", source=str(path))
    files = _files(path)
    if path.is_dir() and not files:
        raise KhabarError("E029", source=str(path))
    for file in files:
        reader = _reader(file)
        if reader is None:
            raise KhabarError("E094", path=str(file))
        label = file.relative_to(path).as_posix() if path.is_dir() else file.name
        yield from reader(file, label)


def count_records(path: Path | str) -> int | None:
    """Count input records cheaply (for the progress bar's ETA); None if unknown."""
    path = Path(path)
    total = 0
    try:
        for file in _files(path):
            suffix = file.suffix.lower()
            if suffix in PARQUET_SUFFIXES:
                import pyarrow.parquet as pq

                total += pq.ParquetFile(file).metadata.num_rows
            elif suffix in JSONL_SUFFIXES:
                with file.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            else:
                total += 1
    except OSError:
        return None
    return total
