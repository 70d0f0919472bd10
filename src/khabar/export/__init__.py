"""The export stage: stored events as PLOVER JSON Lines, CSV, Parquet or GeoJSON.

Exporters are registered by format name (``khabar.registry.exporters``); each
takes the (article, analysis) pairs of the store and a destination stream or path.
Negated events are left out unless ``include_negated`` is set.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO

from khabar import registry
from khabar.export.plover import plover_record

CSV_FIELDS = [
    "event_id", "article_id", "external_id", "published", "event_date", "event_type", "mode", "context",
    "status", "negated", "future", "hypothetical", "actor", "actor_code", "actor_sector", "recipient",
    "recipient_code", "recipient_sector", "mediator", "location", "admin1", "country", "latitude",
    "longitude", "geo_precision", "trigger", "sentence", "quotes", "confidence", "publisher", "url", "coder", "near_duplicate_of",
]


def iter_events(pairs: Iterable[tuple[dict, dict]], include_negated: bool = False) -> Iterator[tuple[dict, dict]]:
    for article, analysis in pairs:
        for event in analysis.get("events", []):
            if event.get("aux", {}).get("negated") and not include_negated:
                continue
            yield article, event


def _names(actors: list[dict], key: str) -> str:
    return "; ".join(str(a.get(key) or "") for a in actors)


def flat_row(article: dict, event: dict) -> dict:
    """An event as one flat row (ACLED/POLECAT-style columns)."""
    place, when, aux = event.get("location") or {}, event.get("date") or {}, event.get("aux") or {}
    return {
        "event_id": event["id"], "article_id": article.get("id"), "external_id": article.get("external_id"),
        "published": str(article.get("published") or ""), "event_date": when.get("value"),
        "event_type": event["event_type"], "mode": event.get("mode"), "context": ";".join(event.get("context") or []),
        "status": event.get("status"), "negated": bool(aux.get("negated")), "future": bool(aux.get("future")),
        "hypothetical": bool(aux.get("hypothetical")),
        "actor": _names(event.get("actors", []), "name"), "actor_code": _names(event.get("actors", []), "code"),
        "actor_sector": _names(event.get("actors", []), "sector"),
        "recipient": _names(event.get("recipients", []), "name"),
        "recipient_code": _names(event.get("recipients", []), "code"),
        "recipient_sector": _names(event.get("recipients", []), "sector"),
        "mediator": _names(event.get("mediators", []), "name"),
        "location": place.get("name"), "admin1": place.get("admin1"), "country": place.get("country"),
        "latitude": place.get("lat"), "longitude": place.get("lon"), "geo_precision": place.get("precision"),
        "trigger": (event.get("trigger") or {}).get("text"), "sentence": (event.get("evidence") or {}).get("text"),
        "quotes": ";".join(event.get("attribution") or []), "confidence": event.get("confidence"),
        "publisher": article.get("publisher"), "url": article.get("url"), "coder": event.get("coder"),
        "near_duplicate_of": article.get("near_duplicate_of"),
    }


@registry.exporters.register("plover")
def export_plover(pairs, out: IO[str], include_negated: bool = False) -> int:
    count = 0
    for article, event in iter_events(pairs, include_negated):
        out.write(json.dumps(plover_record(event, article), ensure_ascii=False, default=str) + "\n")
        count += 1
    return count


@registry.exporters.register("csv")
def export_csv(pairs, out: IO[str], include_negated: bool = False) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
    writer.writeheader()
    count = 0
    for article, event in iter_events(pairs, include_negated):
        writer.writerow(flat_row(article, event))
        count += 1
    return count


@registry.exporters.register("geojson")
def export_geojson(pairs, out: IO[str], include_negated: bool = False) -> int:
    """Events with a located place as GeoJSON point features (streamed, one per line)."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for article, event in iter_events(pairs, include_negated):
        row = flat_row(article, event)
        if row["latitude"] is None or row["longitude"] is None:
            continue
        feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
                   "properties": {k: v for k, v in row.items() if k not in ("latitude", "longitude")}}
        out.write(("," if count else "") + json.dumps(feature, ensure_ascii=False, default=str) + "\n")
        count += 1
    out.write("]}\n")
    return count


@registry.exporters.register("parquet")
def export_parquet(pairs, out: IO[bytes], include_negated: bool = False, chunk: int = 5000) -> int:
    """One row per event (the CSV columns), written in row groups so memory stays flat."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, pa.bool_() if name in ("negated", "future", "hypothetical")
                         else pa.float64() if name in ("latitude", "longitude", "confidence") else pa.string())
                        for name in CSV_FIELDS])
    count, rows = 0, []
    with pq.ParquetWriter(out, schema) as writer:
        for article, event in iter_events(pairs, include_negated):
            row = flat_row(article, event)
            rows.append({k: (v if isinstance(v, (bool, float)) or v is None else
                             float(v) if schema.field(k).type == pa.float64() else str(v)) for k, v in row.items()})
            count += 1
            if len(rows) >= chunk:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows = []
        if rows or count == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    return count


BINARY_FORMATS = {"parquet"}
