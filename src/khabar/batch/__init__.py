"""Batch runs over large corpora: resumable, crash-safe, on local processes or Ray.

``run_batch(input, output, engine="local", workers=N)`` streams articles from
``sources.iter_articles`` through an engine (``local.LocalEngine`` or
``ray_engine.RayEngine``) into an ``output.ResultSink``.
"""

from khabar.batch.runner import BatchReport, run_batch
from khabar.batch.sources import BadRecord, iter_articles

__all__ = ["BadRecord", "BatchReport", "iter_articles", "run_batch"]
