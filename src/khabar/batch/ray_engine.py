"""The Ray engine: Ray Data ``map_batches`` over a pool of actors, one Pipeline each.

The driver keeps reading, skipping and committing (so resume and exactly-once work as
with the local engine); Ray only analyses. Articles go to Ray in windows of a few
thousand: each window is one ``from_items`` dataset, so the driver's memory is bounded
by the window and not by the corpus. Actors are created per window; with the default
window (512 articles per actor) the Pipeline load is amortised over minutes of work.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator

from khabar import registry
from khabar.batch.worker import ChunkAnalyzer, ChunkStats, Result
from khabar.errors import KhabarError
from khabar.model import Article


class RayAnalyzer:
    """The stateful ``map_batches`` callable: builds its Pipeline once per actor."""

    def __init__(self, config: dict | None = None) -> None:
        try:
            self.analyzer = ChunkAnalyzer(config)
        except Exception as exc:
            # KhabarError does not survive pickling back to the driver; its message does.
            raise RuntimeError(f"actor could not build the pipeline: {exc}") from None

    def __call__(self, batch: dict) -> dict:
        articles = [Article.model_validate_json(s) for s in batch["article"]]
        results, _stats = self.analyzer(articles)
        return {"key": [r[0] for r in results], "ok": [r[1] for r in results],
                "payload": [r[2] for r in results]}


def _import_ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise KhabarError("E093") from None
    return ray


@registry.engines.register("khabar.batch.ray.v1")
class RayEngine:
    """Runs chunks through Ray Data; use as a context manager.

    Args:
        workers: actors (``concurrency``); a local Ray is started with this many CPUs.
        config: khabar configuration for every actor's Pipeline.
        ray_address: an existing cluster (``ray://...`` or ``auto``); None starts a local Ray.
        num_gpus: GPUs per actor (e.g. 1 for a transformer model), 0 for CPU only.
        window: articles handed to Ray per dataset (default: 512 per actor, at least 4096).
        batch_size: articles per ``map_batches`` call (one ``nlp.pipe`` run).
    """

    name = "khabar.batch.ray.v1"

    def __init__(self, workers: int = 1, config: dict | None = None, ray_address: str | None = None,
                 num_gpus: float = 0.0, window: int | None = None, batch_size: int = 16) -> None:
        _import_ray()  # fail before any output is created when Ray is missing
        self.workers = max(1, int(workers))
        self.config = config
        self.ray_address = ray_address
        self.num_gpus = num_gpus or 0.0
        # Each window starts a fresh actor pool (a Pipeline load per actor) and ends
        # with a tail where actors idle: ~512 articles per actor keeps both small.
        self.window = max(window or max(4096, 512 * self.workers), batch_size)
        self.batch_size = batch_size
        self._started_ray = False
        self.startup_s = 0.0

    def __enter__(self) -> "RayEngine":
        ray = _import_ray()
        # Ray Data logs each dataset's plan at INFO; one per window is noise here.
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        started = time.perf_counter()
        if not ray.is_initialized():
            if self.ray_address:
                ray.init(address=self.ray_address, log_to_driver=False)
            else:
                ray.init(num_cpus=self.workers, include_dashboard=False, log_to_driver=False,
                         configure_logging=False)
            self._started_ray = True
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False  # khabar draws its own
        self.startup_s = time.perf_counter() - started
        return self

    def __exit__(self, *exc) -> None:
        if self._started_ray:
            _import_ray().shutdown()
            self._started_ray = False

    def run_window(self, articles: list[Article]) -> Iterator[list[Result]]:
        """Analyse one window of articles; yields result lists as Ray returns them."""
        ray = _import_ray()
        ds = ray.data.from_items([{"article": a.model_dump_json()} for a in articles])
        resources = {"num_gpus": self.num_gpus} if self.num_gpus else {"num_cpus": 1}
        ds = ds.map_batches(RayAnalyzer, fn_constructor_kwargs={"config": self.config},
                            compute=ray.data.ActorPoolStrategy(size=self.workers),
                            batch_size=self.batch_size, **resources)
        for batch in ds.iter_batches(batch_size=None, batch_format="numpy"):
            yield [(str(k), bool(ok), str(p))
                   for k, ok, p in zip(batch["key"], batch["ok"], batch["payload"], strict=True)]

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[tuple[list[Result], ChunkStats | None]]:
        """Analyse chunks window by window (results come in Ray's order, not the input's)."""
        window: list[Article] = []
        for chunk in chunks:
            window.extend(chunk)
            if len(window) >= self.window:
                for results in self.run_window(window):
                    yield results, None
                window = []
        if window:
            for results in self.run_window(window):
                yield results, None
