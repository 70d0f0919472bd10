"""What a batch worker does with a chunk of articles, whichever engine runs it.

One ``Pipeline`` per worker process (or Ray actor), built once; a chunk is parsed with
``nlp.pipe`` in one go, and only when that fails is it redone article by article, so a
bad article costs one error record and not its neighbours.
"""

from __future__ import annotations

import os
import resource
import time
from dataclasses import dataclass

from khabar.batch.sources import record_key
from khabar.model import Article

# (key, ok, payload): payload is the Analysis as a JSON line when ok, else the error.
Result = tuple[str, bool, str]


@dataclass
class ChunkStats:
    """What a worker reports with each chunk (for the bench and the progress bar)."""

    pid: int
    seconds: float
    peak_rss_mb: float
    cpu_s: float = 0.0


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB.

    Reads VmHWM from /proc where there is one: Linux carries ``ru_maxrss`` over from
    the parent across fork and exec, so a spawned worker would report its parent's peak.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except (OSError, ValueError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


class ChunkAnalyzer:
    """Holds one Pipeline and turns chunks of articles into results."""

    def __init__(self, config: dict | None = None) -> None:
        from khabar.pipeline import Pipeline

        self.pipeline = Pipeline(config)

    def __call__(self, articles: list[Article]) -> tuple[list[Result], ChunkStats]:
        started, cpu = time.perf_counter(), time.process_time()
        try:
            results = [(record_key(a), True, r.model_dump_json())
                       for a, r in zip(articles, self.pipeline.analyze_many(articles), strict=True)]
        except Exception:  # noqa: BLE001 - isolate the bad article below
            results = [self._one(a) for a in articles]
        return results, ChunkStats(os.getpid(), time.perf_counter() - started, peak_rss_mb(),
                                   time.process_time() - cpu)

    def _one(self, article: Article) -> Result:
        try:
            return record_key(article), True, self.pipeline.analyze(article).model_dump_json()
        except Exception as exc:  # noqa: BLE001 - reported in the errors file
            return record_key(article), False, f"{type(exc).__name__}: {exc}"
