"""The Ray engine on a local 2-CPU Ray: same exactly-once output as the local engine."""

from collections import Counter
from pathlib import Path

import pytest

from khabar.batch import run_batch

from .conftest import output_ids

pytestmark = pytest.mark.ray
ray = pytest.importorskip("ray", reason="the ray extra is not installed")


# First, before the module's shared Ray is started.
def test_ray_engine_starts_and_stops_its_own_ray(tmp_path: Path, corpus):
    if ray.is_initialized():
        pytest.skip("a Ray is already running in this process")
    input, ids = corpus
    report = run_batch(input, tmp_path / "out.jsonl", engine="ray", workers=2, progress=False)
    assert report.analysed == len(ids)
    assert not ray.is_initialized()


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_ray_engine_resumes_and_writes_every_article_once(tmp_path: Path, corpus, local_ray, suffix):
    input, ids = corpus
    output = tmp_path / f"out{suffix}"
    first = run_batch(input, output, engine="ray", workers=2, chunk_size=4, limit=10, progress=False,
                      engine_options={"window": 6})
    assert first.analysed == 10
    rest = run_batch(input, output, engine="ray", workers=2, chunk_size=4, progress=False,
                     engine_options={"window": 8})
    assert (rest.analysed, rest.skipped, rest.errors) == (len(ids) - 10, 10, 2)
    assert Counter(output_ids(output)) == Counter(ids)
