"""The curated place knowledge: schema checks and the command line."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from khabar.cli.places import app
from khabar.data.places import DIR, admin1_names, load_curated, trap_words, word_variants
from khabar.errors import KhabarError


def test_curated_gazetteer_loads_and_is_checked():
    places = load_curated(DIR / "conflict.yaml")
    assert len(places) >= 50
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in places)
    assert admin1_names()[("SY", "12")]["name"] == "Idlib"
    assert "Of" in trap_words() and word_variants()["tell"] == "tall"


@pytest.mark.parametrize("body, problem", [
    ("version: 1\nplaces:\n  - {name: X, type: moon, country: SY, lat: 1, lon: 1}\n", "type"),
    ("version: 1\nplaces:\n  - {name: X, type: town, country: SYR, lat: 1, lon: 1}\n", "alpha-2"),
    ("version: 1\nplaces:\n  - {name: X, type: town, country: SY, lat: 100, lon: 1}\n", "range"),
    ("places: []\n", "version"),
])
def test_broken_gazetteer_file_is_reported(tmp_path, body, problem):
    path = tmp_path / "extra.yaml"
    path.write_text(body)
    with pytest.raises(KhabarError) as err:
        load_curated(path)
    assert err.value.code == "E051" and problem in str(err.value)


def test_cli_resolve_json():
    result = CliRunner().invoke(app, ["resolve", "--json", "Halab", "Deir el-Zour"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["admin1"] for r in rows] == ["Aleppo", "Deir ez-Zor"]
    assert rows[0]["country"] == "SYR" and rows[0]["precision"] == "city"


def test_cli_resolve_text_marks_unknown_names():
    result = CliRunner().invoke(app, ["resolve", "Ankara", "Qwxzzy"])
    assert result.exit_code == 0
    assert "Ankara" in result.output and "(not found)" in result.output
