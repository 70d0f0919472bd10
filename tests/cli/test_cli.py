"""The command line: the JSON contract, idempotent ingest, exports, and one-line errors on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[2]
FLAGSHIP = ROOT / "examples" / "aleppo_talks_brief.txt"
SCHEMA = ROOT / "docs" / "schema" / "analysis.schema.json"


def khabar(*args: str, stdin: bytes | None = None, env_home: Path | None = None) -> subprocess.CompletedProcess:
    import os

    env = dict(os.environ)
    if env_home:
        env["XDG_DATA_HOME"] = str(env_home)
    return subprocess.run([sys.executable, "-m", "khabar", *args], input=stdin, capture_output=True,
                          timeout=600, env=env)


@pytest.fixture(scope="module")
def flagship_json() -> dict:
    run = khabar("analyze", str(FLAGSHIP), "--published", "2016-12-01", "--format", "json")
    assert run.returncode == 0, run.stderr.decode()
    lines = run.stdout.decode().strip().splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


def test_json_follows_the_contract(flagship_json):
    assert set(flagship_json) >= {"article", "events", "quotes", "actors", "places", "dates", "contradictions"}
    assert set(flagship_json["article"]) >= {"id", "external_id", "title", "publisher", "url", "published",
                                             "language"}
    assert flagship_json["article"]["published"] == "2016-12-01"
    text = FLAGSHIP.read_text(encoding="utf-8")
    for actor in flagship_json["actors"]:
        assert set(actor) >= {"text", "start", "end", "name", "id", "code", "sector", "wikidata"}
        assert text[actor["start"]:actor["end"]] == actor["text"]
    for place in flagship_json["places"]:
        assert set(place) >= {"text", "start", "end", "name", "lat", "lon", "country", "admin1", "geonames_id",
                              "precision"}
        assert text[place["start"]:place["end"]] == place["text"]
    for date in flagship_json["dates"]:
        assert set(date) >= {"text", "start", "end", "value", "granularity", "relative"}
    for event in flagship_json["events"]:
        assert set(event) >= {"id", "event_type", "mode", "context", "status", "aux", "actors", "recipients",
                              "mediators", "location", "date", "terms", "evidence", "attribution", "confidence"}
        assert set(event["aux"]) == {"negated", "future", "hypothetical", "historical"}
        ev = event["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["text"]
    for quote in flagship_json["quotes"]:
        assert set(quote) >= {"id", "kind", "speaker", "speaker_role", "cue", "content", "via"}
        assert text[quote["content"]["start"]:quote["content"]["end"]] == quote["content"]["text"]


def test_json_validates_against_the_published_schema(flagship_json):
    jsonschema.validate(flagship_json, json.loads(SCHEMA.read_text()))


def test_published_schema_is_generated_from_the_model():
    from khabar.schema import schemas

    assert json.loads(SCHEMA.read_text()) == json.loads(json.dumps(schemas()["analysis.schema.json"])), \
        "docs/schema is stale: run `make schema`"


def test_plover_format_lines_are_json():
    run = khabar("analyze", str(FLAGSHIP), "--published", "2016-12-01", "--format", "plover")
    assert run.returncode == 0, run.stderr.decode()
    for line in run.stdout.decode().splitlines():
        record = json.loads(line)
        assert record["event"] and "actor" in record and record["date"]


def test_text_report_and_stdin():
    run = khabar("analyze", "-", "--published", "2016-12-01", stdin=FLAGSHIP.read_bytes())
    assert run.returncode == 0, run.stderr.decode()
    out = run.stdout.decode()
    assert "Events" in out and "Actors" in out


def test_ingest_twice_stores_once_then_exports(tmp_path):
    db = tmp_path / "k.db"
    for _ in range(2):
        run = khabar("ingest", str(FLAGSHIP), "--published", "2016-12-01", "--db", str(db))
        assert run.returncode == 0, run.stderr.decode()
    assert "0 stored, 1 already present" in run.stderr.decode().replace("\n", " ")
    out = tmp_path / "events.csv"
    run = khabar("export", "--format", "csv", "--db", str(db), "-o", str(out))
    assert run.returncode == 0, run.stderr.decode()
    assert out.read_text().startswith("event_id,")
    run = khabar("report", "--db", str(db), "--format", "json")
    assert run.returncode == 0 and len(run.stdout.decode().strip().splitlines()) == 1


BAD_INPUTS = {
    "empty.txt": b"",
    "binary.txt": bytes(range(256)) * 8,
    "broken.html": b"<html><body><<<</div>",
    "allbad.jsonl": b"{oops\n{\"title\": \"no text\"}\n",
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_gives_one_line_and_nonzero_exit(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(BAD_INPUTS[name])
    db = tmp_path / "k.db"
    for command in (["analyze", str(path)], ["ingest", str(path), "--db", str(db)]):
        run = khabar(*command)
        err = run.stderr.decode()
        assert run.returncode != 0
        assert "Traceback" not in err
        assert str(path) in err or "no usable article" in err
        assert all(line.startswith("khabar:") for line in err.strip().splitlines()), err


@pytest.mark.parametrize("args,code", [
    (["analyze", "/no/such/file.txt"], "E020"),
    (["analyze", "http://127.0.0.1:1/x"], "E040"),
    (["analyze", str(FLAGSHIP), "--published", "last week"], "E031"),
])
def test_usage_errors(args, code):
    run = khabar(*args)
    err = run.stderr.decode()
    assert run.returncode == 2 and f"[{code}]" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_partly_bad_jsonl_processes_the_good_lines(tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "ok", "text": FLAGSHIP.read_text(encoding="utf-8"), "published": "2016-12-01"})
    path.write_text("not json\n" + good + "\n")
    run = khabar("analyze", str(path), "--format", "json")
    assert run.returncode == 0
    assert json.loads(run.stdout.decode())["article"]["external_id"] == "ok"
    assert "line 1" in run.stderr.decode()


def test_the_same_article_twice_in_one_input_is_stored_once(tmp_path):
    text = "Turkish troops entered the town of al-Bab on Monday, the army said. Rebels withdrew."
    path = tmp_path / "dup.jsonl"
    path.write_text(json.dumps({"id": "a", "text": text}) + "\n" + json.dumps({"id": "b", "text": text}) + "\n")
    db = tmp_path / "k.db"
    run = khabar("ingest", str(path), "--db", str(db))
    assert run.returncode == 0, run.stderr.decode()
    assert "1 stored, 1 already present" in run.stderr.decode().replace("\n", " ")
