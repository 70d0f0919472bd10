"""Exactly-once output: whatever point a run is killed at, a rerun completes it without duplicates."""

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from khabar.batch import run_batch

from .corpus import output_ids, write_jsonl


def _manifest(output: Path) -> Path:
    return output / "_manifest.json" if output.suffix == ".parquet" else Path(f"{output}.manifest.json")


def _kill_midway(input: Path, output: Path, after_articles: int) -> dict:
    """Start a batch run in a subprocess and SIGKILL it (and its workers) mid-run."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "khabar.batch", str(input), str(output),
         "--workers", "1", "--chunk-size", "2", "--task-size", "2"],
        start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    manifest = {}
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                manifest = json.loads(_manifest(output).read_text())
            except (OSError, ValueError):
                manifest = {}
            if manifest.get("articles", 0) >= after_articles:
                break
            time.sleep(0.02)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode()[-2000:]
    return manifest


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_sigkill_then_rerun_gives_every_article_once(tmp_path: Path, suffix: str):
    input = tmp_path / "in.jsonl"
    ids = write_jsonl(input, 40)
    output = tmp_path / f"out{suffix}"
    seen = _kill_midway(input, output, after_articles=6)
    assert not seen.get("complete"), "the run finished before it could be killed"

    report = run_batch(input, output, workers=1, chunk_size=4, progress=False)
    assert report.skipped >= 6
    got = output_ids(output)
    assert Counter(got) == Counter(ids)  # every article, exactly once
    errors_path = output / "_errors.jsonl" if suffix == ".parquet" else Path(f"{output}.errors.jsonl")
    errors = [json.loads(line) for line in errors_path.read_text().splitlines()]
    assert sorted(e["key"] for e in errors) == ["in.jsonl:22", "in.jsonl:23"]


def test_torn_writes_past_the_manifest_are_cut_on_resume(tmp_path: Path, corpus):
    input, ids = corpus
    output = tmp_path / "out.jsonl"
    first = run_batch(input, output, workers=1, chunk_size=4, limit=8, progress=False)
    assert first.analysed == 8
    # Simulate a kill in the middle of a commit: half a record in the data, a key in
    # the done file, both past what the manifest committed.
    with output.open("a") as handle:
        handle.write('{"schema_version": "1.0", "article": {"id": "a_trunc')
    with open(f"{output}.done", "a") as handle:
        handle.write('"r0010"\n')
    report = run_batch(input, output, workers=1, chunk_size=4, progress=False)
    assert report.skipped == 8
    assert Counter(output_ids(output)) == Counter(ids)
    assert json.loads(Path(f"{output}.manifest.json").read_text())["complete"] is True


def test_orphan_parquet_part_is_dropped(tmp_path: Path, corpus):
    input, ids = corpus
    output = tmp_path / "out.parquet"
    run_batch(input, output, workers=1, chunk_size=4, limit=4, progress=False)
    committed = sorted(p.name for p in output.glob("part-*.parquet"))
    # A part renamed into place but never recorded in the manifest (kill between the two).
    (output / "part-00099.parquet").write_bytes((output / committed[0]).read_bytes())
    (output / "part-00100.parquet.tmp").write_bytes(b"half")
    run_batch(input, output, workers=1, chunk_size=4, progress=False)
    assert not (output / "part-00099.parquet").exists()
    assert Counter(output_ids(output)) == Counter(ids)


def test_rerun_of_a_finished_output_analyses_nothing(tmp_path: Path, corpus):
    input, ids = corpus
    output = tmp_path / "out.jsonl"
    first = run_batch(input, output, workers=2, chunk_size=8, progress=False)
    assert (first.analysed, first.errors) == (len(ids), 2)
    before = output.read_bytes()
    again = run_batch(input, output, workers=1, progress=False)
    assert (again.analysed, again.errors, again.skipped) == (0, 0, len(ids))
    assert output.read_bytes() == before


def test_foreign_output_is_refused(tmp_path: Path, corpus):
    from khabar.errors import KhabarError

    output = tmp_path / "out.jsonl"
    output.write_text("not ours\n")
    with pytest.raises(KhabarError):
        run_batch(corpus[0], output, progress=False)
    assert output.read_text() == "not ours\n"
