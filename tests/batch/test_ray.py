"""The Ray engine on a local 2-CPU Ray that khabar starts: same exactly-once output as the local engine."""

import json
from collections import Counter
from pathlib import Path

import pytest

from khabar.batch import run_batch

from .corpus import output_ids

pytestmark = pytest.mark.ray
ray = pytest.importorskip("ray", reason="the ray extra is not installed")


def test_ray_engine_resumes_and_writes_every_article_once(tmp_path: Path, corpus):
    if ray.is_initialized():
        pytest.skip("a Ray is already running in this process")
    input, ids = corpus
    output = tmp_path / "out.jsonl"
    # A small window: the first run sends two datasets (actor pools) to Ray.
    first = run_batch(input, output, engine="ray", workers=2, chunk_size=4, limit=10, progress=False,
                      engine_options={"window": 6})
    assert first.analysed == 10
    assert not ray.is_initialized()  # khabar stops the Ray it started
    rest = run_batch(input, output, engine="ray", workers=2, chunk_size=4, progress=False)
    assert (rest.analysed, rest.skipped, rest.errors) == (len(ids) - 10, 10, 2)
    assert Counter(output_ids(output)) == Counter(ids)
    records = [json.loads(line) for line in output.read_text().splitlines()]
    assert all(r["pipeline"]["coder"] and "events" in r for r in records)  # full Analysis records
