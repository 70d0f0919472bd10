"""Crash-safe, resumable result files for ``khabar batch``.

Results are committed in chunks. A commit appends the chunk to the data (a JSON Lines
file, or one new Parquet part written as a temp file and renamed), appends the keys it
covers to the done file, fsyncs, and only then replaces the manifest (temp file +
rename), which records the committed size of every file. The manifest is the single
commit point: on restart everything past it (a half-written line, a part file the
manifest does not list, a temp file) is cut away and redone, so a run killed at any
instant and rerun gives every article exactly once.

Layout, for OUTPUT ``x.jsonl``: ``x.jsonl`` plus ``x.jsonl.manifest.json``,
``x.jsonl.done`` and ``x.jsonl.errors.jsonl`` beside it. For OUTPUT ``x.parquet``:
a directory of ``part-00000.parquet``... with ``_manifest.json``, ``_done`` and
``_errors.jsonl`` inside (names starting with ``_`` are ignored by Parquet readers,
so ``pyarrow.dataset.dataset("x.parquet")`` reads just the results).
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from khabar.errors import KhabarError

MANIFEST_FORMAT = "khabar-batch/1"
PARQUET_COLUMNS = ("article_id", "external_id", "title", "publisher", "url", "published",
                   "n_events", "n_quotes", "analysis")


def output_format(output: Path) -> str:
    """``jsonl`` or ``parquet``, from OUTPUT's suffix."""
    suffix = output.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    raise KhabarError("E090", output=str(output))


def _fsync_dir(path: Path) -> None:
    # Makes a rename durable on POSIX; harmless where directories cannot be opened.
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _append(path: Path, data: bytes) -> int:
    with path.open("ab") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
        return handle.tell()


def _truncate(path: Path, size: int) -> None:
    if not path.exists():
        path.touch()
    with path.open("r+b") as handle:
        handle.truncate(size)


def _parquet_table(records: list[dict]):
    import pyarrow as pa

    schema = pa.schema([("article_id", pa.string()), ("external_id", pa.string()),
                        ("title", pa.string()), ("publisher", pa.string()), ("url", pa.string()),
                        ("published", pa.string()), ("n_events", pa.int32()),
                        ("n_quotes", pa.int32()), ("analysis", pa.string())])
    rows = {name: [] for name in PARQUET_COLUMNS}
    for line in records:
        record = json.loads(line)
        article = record.get("article", {})
        rows["article_id"].append(article.get("id"))
        rows["external_id"].append(article.get("external_id"))
        for name in ("title", "publisher", "url", "published"):
            rows[name].append(article.get(name))
        rows["n_events"].append(len(record.get("events", [])))
        rows["n_quotes"].append(len(record.get("quotes", [])))
        rows["analysis"].append(line)
    return pa.table(rows, schema=schema)


@dataclass
class ResultSink:
    """The output of one batch run: resumes from its manifest, commits chunk by chunk.

    Args:
        output: OUTPUT path (``.jsonl`` file or ``.parquet`` directory).
        chunk_size: results buffered before a commit (a kill loses at most this many).
        meta: extra facts recorded in the manifest (input path, pipeline versions).
    """

    output: Path
    chunk_size: int = 128
    meta: dict = field(default_factory=dict)
    done: set[str] = field(default_factory=set, init=False)
    written: int = field(default=0, init=False)
    failed: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        self.output = Path(self.output)
        self.format = output_format(self.output)
        if self.format == "jsonl":
            self.data = self.output
            base = self.output.parent / self.output.name
            self.manifest_path = Path(f"{base}.manifest.json")
            self.done_path = Path(f"{base}.done")
            self.errors_path = Path(f"{base}.errors.jsonl")
        else:
            self.data = self.output
            self.manifest_path = self.output / "_manifest.json"
            self.done_path = self.output / "_done"
            self.errors_path = self.output / "_errors.jsonl"
        self._ok: list[str] = []
        self._ok_keys: list[str] = []
        self._bad: list[dict] = []
        self._state: dict = {}

    # -- opening and resuming -------------------------------------------------

    def open(self) -> "ResultSink":
        """Resume from the manifest (cutting uncommitted bytes), or start afresh."""
        if self.manifest_path.exists():
            self._resume()
        else:
            self._start()
        return self

    def _start(self) -> None:
        if self.format == "jsonl" and self.output.exists() and self.output.stat().st_size:
            raise KhabarError("E091", output=str(self.output))
        if self.format == "parquet" and self.output.exists() and any(self.output.iterdir()):
            raise KhabarError("E091", output=str(self.output))
        self.output.parent.mkdir(parents=True, exist_ok=True)
        if self.format == "parquet":
            self.output.mkdir(exist_ok=True)
        self._state = {"format": MANIFEST_FORMAT, "output": self.format, "data_bytes": 0,
                       "parts": 0, "done_bytes": 0, "errors_bytes": 0, "articles": 0,
                       "errors": 0, "chunks": 0, "complete": False, **self.meta}
        # The manifest is written before any data, so a data file without a
        # manifest is never ours.
        self._write_manifest()
        for path in (self.done_path, self.errors_path) + ((self.data,) if self.format == "jsonl" else ()):
            _truncate(path, 0)

    def _resume(self) -> None:
        try:
            self._state = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise KhabarError("E092", path=str(self.manifest_path), detail=str(exc)) from None
        if self._state.get("format") != MANIFEST_FORMAT or self._state.get("output") != self.format:
            raise KhabarError("E092", path=str(self.manifest_path), detail=f"not a {self.format} khabar batch manifest")
        self._state.update({k: v for k, v in self.meta.items() if k not in self._state})
        if self.format == "jsonl":
            _truncate(self.data, self._state["data_bytes"])
        else:
            self._drop_uncommitted_parts()
        _truncate(self.done_path, self._state["done_bytes"])
        _truncate(self.errors_path, self._state["errors_bytes"])
        with self.done_path.open("r", encoding="utf-8") as handle:
            self.done = {json.loads(line) for line in handle if line.strip()}
        self._state["complete"] = False

    def _drop_uncommitted_parts(self) -> None:
        committed = {self._part_name(i) for i in range(self._state["parts"])}
        for path in self.output.iterdir():
            if path.name.startswith("part-") and path.name not in committed:
                path.unlink()

    @staticmethod
    def _part_name(index: int) -> str:
        return f"part-{index:05d}.parquet"

    # -- adding and committing ------------------------------------------------

    def add(self, key: str, analysis_json: str) -> None:
        """Buffer one result (the ``Analysis`` as a JSON line); commits when the chunk is full."""
        self._ok.append(analysis_json)
        self._ok_keys.append(key)
        self._maybe_commit()

    def add_error(self, key: str, error: dict) -> None:
        """Buffer one failed record for the errors file (it counts as done)."""
        self._bad.append({"key": key, **error})
        self._maybe_commit()

    def _maybe_commit(self) -> None:
        if len(self._ok) + len(self._bad) >= self.chunk_size:
            self.commit()

    def commit(self) -> None:
        """Make every buffered result durable, then advance the manifest."""
        if not self._ok and not self._bad:
            return
        state = self._state
        if self._ok:
            if self.format == "jsonl":
                data = "".join(line + "\n" for line in self._ok).encode("utf-8")
                state["data_bytes"] = _append(self.data, data)
            else:
                self._write_part(state["parts"])
                state["parts"] += 1
        if self._bad:
            lines = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in self._bad)
            state["errors_bytes"] = _append(self.errors_path, lines.encode("utf-8"))
        keys = self._ok_keys + [e["key"] for e in self._bad]
        state["done_bytes"] = _append(
            self.done_path, "".join(json.dumps(k) + "\n" for k in keys).encode("utf-8"))
        state["articles"] += len(self._ok)
        state["errors"] += len(self._bad)
        state["chunks"] += 1
        self._write_manifest()
        self.done.update(keys)
        self.written += len(self._ok)
        self.failed += len(self._bad)
        self._ok, self._ok_keys, self._bad = [], [], []

    def _write_part(self, index: int) -> None:
        import pyarrow.parquet as pq

        final = self.output / self._part_name(index)
        tmp = final.with_name(final.name + ".tmp")
        pq.write_table(_parquet_table(self._ok), tmp)
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, final)

    def _write_manifest(self) -> None:
        self._state["updated"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        tmp = self.manifest_path.with_name(self.manifest_path.name + ".tmp")
        with tmp.open("w", encoding="utf-8") as handle:
            json.dump(self._state, handle, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.manifest_path)
        _fsync_dir(self.manifest_path.parent)

    def close(self) -> dict:
        """Commit what is buffered, mark the run complete; returns the manifest."""
        self.commit()
        self._state["complete"] = True
        self._write_manifest()
        return dict(self._state)
