"""The local engine: a pool of worker processes, one Pipeline (one spaCy model) each.

Processes are started with ``spawn`` (no inherited threads or locks from the parent's
progress bar), each builds its Pipeline once in the pool initializer, and chunks are
fed through a bounded window so the reader never runs ahead of the workers: memory
stays flat however large the corpus.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from collections import deque
from collections.abc import Iterable, Iterator

from khabar import registry
from khabar.batch.worker import ChunkAnalyzer, ChunkStats, Result, peak_rss_mb
from khabar.model import Article

_ANALYZER: ChunkAnalyzer | None = None
_INIT_ERROR: BaseException | None = None


def _init_worker(config: dict | None) -> None:
    global _ANALYZER, _INIT_ERROR
    # A failing initializer would make the pool respawn workers forever; keep the
    # error and raise it from the first task instead, where the parent sees it.
    try:
        _ANALYZER = ChunkAnalyzer(config)
    except BaseException as exc:  # noqa: BLE001
        # Plain RuntimeError: KhabarError does not survive pickling back to the parent.
        _INIT_ERROR = RuntimeError(f"worker could not build the pipeline: {exc}")


def _run_chunk(articles: list[Article]) -> tuple[list[Result], ChunkStats]:
    if _INIT_ERROR is not None:
        raise _INIT_ERROR
    return _ANALYZER(articles)


def _ping(delay: float) -> tuple[int, float]:
    # Runs after the initializer, so answering proves this worker has its Pipeline.
    if _INIT_ERROR is not None:
        raise _INIT_ERROR
    time.sleep(delay)
    return os.getpid(), peak_rss_mb()


@registry.engines.register("khabar.batch.local.v1")
class LocalEngine:
    """Runs chunks on ``workers`` processes; use as a context manager.

    Args:
        workers: number of worker processes (each loads the model once).
        config: khabar configuration passed to every worker's Pipeline.
        window: chunks in flight per worker (bounds memory and keeps workers busy).
    """

    name = "khabar.batch.local.v1"

    def __init__(self, workers: int = 1, config: dict | None = None, window: int = 2) -> None:
        self.workers = max(1, int(workers))
        self.config = config
        self.window = max(1, window) * self.workers
        self._pool = None
        self.startup_s = 0.0

    def __enter__(self) -> "LocalEngine":
        started = time.perf_counter()
        ctx = mp.get_context("spawn")
        self._pool = ctx.Pool(self.workers, initializer=_init_worker, initargs=(self.config,))
        self.ready()
        self.startup_s = time.perf_counter() - started
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def ready(self, timeout_s: float = 600.0) -> dict[int, float]:
        """Wait until every worker has built its Pipeline; returns {pid: peak RSS MB}."""
        seen: dict[int, float] = {}
        deadline = time.monotonic() + timeout_s
        # A worker still in its initializer takes no task, so pings answered by
        # every pid mean every Pipeline is built.
        while len(seen) < self.workers and time.monotonic() < deadline:
            for pid, rss in self._pool.map(_ping, [0.1] * self.workers, chunksize=1):
                seen[pid] = rss
        return seen

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[tuple[list[Result], ChunkStats]]:
        """Analyse chunks in order, with at most ``window`` in flight."""
        pending: deque = deque()
        for chunk in chunks:
            pending.append(self._pool.apply_async(_run_chunk, (chunk,)))
            if len(pending) >= self.window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
