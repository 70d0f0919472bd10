"""Shared fixtures: paths to the repository, its examples and the shared data sets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(os.environ.get("KHABAR_SHARED") or ROOT.parent / "shared")
FLAGSHIP = EXAMPLES / "aleppo_talks_brief.txt"


def shared_data(*parts: str) -> Path:
    """A path under ../shared/data, or skip the test when the shared data is absent."""
    path = SHARED.joinpath("data", *parts)
    if not path.exists():
        pytest.skip(f"shared data not available: {path}")
    return path


@pytest.fixture(scope="session")
def pipeline():
    """One default pipeline for the whole test session (the spaCy model loads once)."""
    from khabar.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def flagship_text() -> str:
    return FLAGSHIP.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Keep tests away from the user's real config and database."""
    home = tmp_path_factory.getbasetemp() / "home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("KHABAR_CONFIG", raising=False)


@pytest.fixture
def shared():
    """Callable: ``shared("plover_gsr", "dev.jsonl")`` gives the path or skips when absent."""
    return shared_data
