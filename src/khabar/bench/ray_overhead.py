"""Ray's own costs, measured locally, for the scale-out projection in docs/scaling.md.

``python -m khabar.bench.ray_overhead [--workers N] [--articles N]`` prints JSON:
Ray start-up, the fixed cost of one dataset (plan, actor pool start), the cost per
``map_batches`` batch (a no-op actor, so only Ray's scheduling and serialisation are
timed), the start-up of actors that build khabar's Pipeline, and the Ray engine's
throughput against the local engine's on the same articles.
"""

from __future__ import annotations

import argparse
import json
import time


class _NoOp:
    def __call__(self, batch: dict) -> dict:
        return batch


def _dataset_seconds(ray, items: int, batch_size: int, workers: int) -> float:
    started = time.perf_counter()
    ds = ray.data.from_items([{"x": i, "text": "w " * 300} for i in range(items)])
    ds = ds.map_batches(_NoOp, compute=ray.data.ActorPoolStrategy(size=workers), batch_size=batch_size)
    for _ in ds.iter_batches(batch_size=None):
        pass
    return time.perf_counter() - started


def driver_ceiling(corpus, payload_bytes: int = 9_000) -> float:
    """Articles/s the driver alone sustains: read, skip-check, commit a result of typical size.

    The driver is single: this bounds a cluster's throughput whatever its size.
    """
    import tempfile
    from pathlib import Path

    from khabar.batch.output import ResultSink
    from khabar.batch.sources import BadRecord, iter_articles, record_key

    payload = '{"x": "' + "y" * payload_bytes + '"}'
    with tempfile.TemporaryDirectory() as tmp:
        sink = ResultSink(Path(tmp) / "out.jsonl", chunk_size=128).open()
        started = time.perf_counter()
        count = 0
        for _ in range(3):
            for item in iter_articles(corpus):
                if isinstance(item, BadRecord):
                    continue
                item.model_dump_json()  # what the Ray engine sends to an actor
                sink.add(f"{record_key(item)}#{count}", payload)
                count += 1
        sink.close()
        return count / (time.perf_counter() - started)


def measure(workers: int = 2, articles: int = 64, batch_size: int = 16) -> dict:
    """Measure Ray's start-up and per-batch overhead and the engines' throughputs."""
    import ray

    from khabar.batch.local import LocalEngine
    from khabar.batch.ray_engine import RayEngine
    from khabar.bench.corpus import default_corpus, load_articles

    docs = load_articles(default_corpus(), articles)
    chunks = [docs[i:i + batch_size] for i in range(0, len(docs), batch_size)]
    with LocalEngine(workers=workers) as local:
        started = time.perf_counter()
        for _ in local.map(chunks):
            pass
        local_s = time.perf_counter() - started
    out = {"workers": workers, "articles": len(docs), "batch_size": batch_size,
           "driver_articles_per_s": driver_ceiling(default_corpus()),
           "local_startup_s": local.startup_s, "local_articles_per_s": len(docs) / local_s}

    with RayEngine(workers=workers, batch_size=batch_size, window=10 ** 9) as engine:
        out["ray_init_s"] = engine.startup_s
        ray.data.DataContext.get_current().enable_progress_bars = False
        small, large = 16 * batch_size, 400 * batch_size
        # The least of three runs: the machine's other load only ever adds time.
        t_small = min(_dataset_seconds(ray, small, batch_size, workers) for _ in range(3))
        t_large = min(_dataset_seconds(ray, large, batch_size, workers) for _ in range(3))
        per_batch = (t_large - t_small) / ((large - small) / batch_size)
        out["ray_dataset_fixed_s"] = t_small - per_batch * small / batch_size
        # Wall seconds per batch with `workers` actors; one actor's cost is `workers` times that.
        out["ray_per_batch_s"] = per_batch * workers
        started = time.perf_counter()
        for _ in engine.run_window(docs[:workers]):
            pass
        out["ray_pipeline_actor_startup_s"] = time.perf_counter() - started
        started = time.perf_counter()
        for _ in engine.run_window(docs):
            pass
        ray_s = time.perf_counter() - started
        out["ray_window_s"] = ray_s
        out["ray_articles_per_s_incl_actor_startup"] = len(docs) / ray_s
        steady = max(ray_s - out["ray_pipeline_actor_startup_s"], 1e-9)
        out["ray_articles_per_s_steady"] = len(docs) / steady
    out["ray_vs_local_steady"] = out["ray_articles_per_s_steady"] / out["local_articles_per_s"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m khabar.bench.ray_overhead")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--articles", type=int, default=64)
    args = parser.parse_args()
    print(json.dumps(measure(args.workers, args.articles), indent=2))


if __name__ == "__main__":
    main()
