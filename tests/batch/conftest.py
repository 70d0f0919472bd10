"""Fixtures for the batch tests: a small JSON Lines corpus (see corpus.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .corpus import write_jsonl


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, list[str]]:
    path = tmp_path / "in.jsonl"
    return path, write_jsonl(path, 24)
