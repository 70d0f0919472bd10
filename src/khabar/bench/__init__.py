"""``khabar bench``: khabar's throughput against spaCy's bare parse, scaling and memory.

``run_bench(corpus=None, limit=200, workers=None)`` returns the report dict whose
headline fields (``throughput_ratio``, ``articles_per_s``, ``words_per_s``,
``peak_rss_mb``, ``parallel_efficiency``) are those of PRODUCT.md.
"""

from khabar.bench.run import run_bench

__all__ = ["run_bench"]
