"""Exports: PLOVER JSON Lines, CSV, Parquet and GeoJSON from a store."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from khabar import registry
from khabar.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from test_store import sample  # noqa: E402


@pytest.fixture
def store(tmp_path):
    s = Store.open(str(tmp_path / "k.db"))
    s.save(*sample())
    s.save(*sample("Syrian troops did not attack the town of Saraqeb on Monday, the army said.", negated=True))
    registry.ensure_builtins()
    return s


def test_plover_records_use_the_manuals_field_names(store):
    out = io.StringIO()
    n = registry.exporters.get("plover")(store.iter_analyses(), out)
    assert n == 1  # the negated event is left out
    record = json.loads(out.getvalue())
    for field in ("id", "date", "actor", "recipient", "event", "mode", "context", "event_loc", "text_info",
                  "cite_info"):
        assert field in record
    assert record["event"] == ["ASSAULT"] and record["actor"][0]["code"] == "TUR"
    assert record["event_loc"]["lat"] == pytest.approx(36.51) and record["date"] == "2018-01-21"


def test_negated_events_on_request(store):
    out = io.StringIO()
    assert registry.exporters.get("plover")(store.iter_analyses(), out, include_negated=True) == 2


def test_csv(store):
    out = io.StringIO()
    registry.exporters.get("csv")(store.iter_analyses(), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 1 and rows[0]["actor_code"] == "TUR" and rows[0]["admin1"] == "Aleppo"


def test_parquet(store, tmp_path):
    path = tmp_path / "events.parquet"
    with open(path, "wb") as fh:
        registry.exporters.get("parquet")(store.iter_analyses(), fh)
    table = pq.read_table(path)
    assert table.num_rows == 1 and table.column("event_type").to_pylist() == ["ASSAULT"]


def test_geojson(store):
    out = io.StringIO()
    registry.exporters.get("geojson")(store.iter_analyses(), out)
    doc = json.loads(out.getvalue())
    assert doc["features"][0]["geometry"]["coordinates"] == [36.87, 36.51]
