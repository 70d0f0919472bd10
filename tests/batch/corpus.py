"""A small corpus made from the bundled example: unique short articles, as JSON Lines."""

from __future__ import annotations

import json
import re
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "aleppo_talks_brief.txt"


def make_texts(n: int) -> list[str]:
    """``n`` distinct short articles built from the example's sentences."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", EXAMPLE.read_text(encoding="utf-8")) if len(s) > 20]
    return [f"{sentences[i % len(sentences)]} {sentences[(i + 3) % len(sentences)]} Report {i}."
            for i in range(n)]


def write_jsonl(path: Path, n: int, bad: bool = True) -> list[str]:
    """Write ``n`` good records (ids r0000...) and, with ``bad``, two bad ones; returns the good ids."""
    ids = [f"r{i:04d}" for i in range(n)]
    with path.open("w", encoding="utf-8") as handle:
        for i, text in enumerate(make_texts(n)):
            handle.write(json.dumps({"id": ids[i], "text": text, "publisher": "Test Wire"}) + "\n")
            if bad and i == n // 2:
                handle.write('{"id": "broken", "text": \n')
                handle.write(json.dumps({"id": "empty", "text": "  "}) + "\n")
    return ids


def output_ids(path: Path) -> list[str]:
    """External ids of every result in a .jsonl output or .parquet directory, in order."""
    if path.suffix == ".jsonl":
        return [json.loads(line)["article"]["external_id"]
                for line in path.read_text(encoding="utf-8").splitlines()]
    import pyarrow.dataset as ds

    return ds.dataset(path, format="parquet").to_table(columns=["external_id"]).column(0).to_pylist()
