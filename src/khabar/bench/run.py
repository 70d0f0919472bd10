"""``run_bench``: khabar's speed against the cost floor of its own parse, in one process.

Every figure is a ratio or rate measured in the same run on the same texts, so the
numbers compare across machines even though absolute speeds do not. Nothing here is
asserted by tests: the bench reports, a person judges.
"""

from __future__ import annotations

import gc
import importlib
import os
import platform
import time
from pathlib import Path

from khabar.batch.worker import peak_rss_mb
from khabar.bench.corpus import default_corpus, load_articles, synthetic_lengths, word_count
from khabar.model import Article

LENGTHS = (100, 1_000, 10_000)
# Optional knowledge-base statistics, reported when the stage packages provide them.
KNOWLEDGE_STATS = (("khabar.resolve.places", "gazetteer_stats"), ("khabar.resolve.actors", "kb_stats"))
GOALS = {"throughput_ratio": 0.8, "parallel_efficiency": 0.85, "peak_rss_mb_per_worker": 1024.0}


def _rate(count: float, seconds: float) -> float:
    return count / seconds if seconds > 0 else 0.0


def _per_cpu_second(row: dict) -> float:
    # Articles per worker CPU second: throughput with the waits for a busy core taken out.
    return _rate(row["articles_per_s"], row["workers"] * row["cpu_share"])


def bare_parse(nlp, texts: list[str], batch_size: int) -> float:
    """Seconds spaCy alone takes to parse the texts (``nlp.pipe``, same batch size)."""
    started = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - started


def whole_pipeline(pipeline, articles: list[Article]) -> tuple[float, float, dict[str, float]]:
    """(analysis seconds, serialisation seconds, seconds per stage) for khabar on the articles."""
    pipeline.timings.clear()
    started = time.perf_counter()
    results = list(pipeline.analyze_many(articles))
    analysed = time.perf_counter() - started
    started = time.perf_counter()
    for result in results:
        result.model_dump_json()
    serialised = time.perf_counter() - started
    return analysed, serialised, dict(pipeline.timings)


def interleaved(nlp, pipeline, articles: list[Article], batch_size: int,
                block: int = 32) -> tuple[float, float, float, dict[str, float]]:
    """Bare parse and whole pipeline, alternating block by block over the same articles.

    On a shared machine the load drifts over a minute; alternating makes the drift hit
    both measurements alike, so their ratio holds even when absolute rates do not.
    Returns (spaCy seconds, khabar seconds, serialisation seconds, seconds per stage).
    """
    spacy_s = khabar_s = serialise_s = 0.0
    stages: dict[str, float] = {}
    for i in range(0, len(articles), block):
        part = articles[i:i + block]
        spacy_s += bare_parse(nlp, [a.text for a in part], batch_size)
        seconds, serialised, part_stages = whole_pipeline(pipeline, part)
        khabar_s, serialise_s = khabar_s + seconds, serialise_s + serialised
        for name, value in part_stages.items():
            stages[name] = stages.get(name, 0.0) + value
    return spacy_s, khabar_s, serialise_s, stages


def live_docs() -> int:
    """spaCy Docs still alive after a collection: an analysed article's doc must not outlive
    its analysis, or a batch run's memory grows with the corpus."""
    gc.collect()
    return sum(1 for o in gc.get_objects() if type(o).__name__ == "Doc")


def worker_scaling(articles: list[Article], max_workers: int, config: dict,
                   task_size: int) -> list[dict]:
    """Throughput of the local engine with 1..N worker processes (start-up excluded)."""
    from khabar.batch.local import LocalEngine

    words = sum(word_count(a.text) for a in articles)
    chunks = [articles[i:i + task_size] for i in range(0, len(articles), task_size)]
    rows = []
    for n in range(1, max_workers + 1):
        with LocalEngine(workers=n, config=config) as engine:
            started = time.perf_counter()
            cpu = sum(stats.cpu_s for _results, stats in engine.map(chunks))
            seconds = time.perf_counter() - started
            rss = engine.ready()
        # cpu_share: the workers' CPU seconds over n x wall seconds. Well below 1 means
        # the workers waited for a core (a busy machine), not that khabar scales badly.
        rows.append({"workers": n, "articles_per_s": _rate(len(articles), seconds),
                     "words_per_s": _rate(words, seconds), "startup_s": engine.startup_s,
                     "cpu_share": _rate(cpu, n * seconds),
                     "peak_rss_mb_per_worker": max(rss.values()) if rss else None})
    return rows


def length_scaling(nlp, pipeline, articles: list[Article], batch_size: int,
                   words_per_length: int, lengths: tuple[int, ...] = LENGTHS) -> list[dict]:
    """Cost per word of khabar and of the bare parse on 100- to 10,000-word articles."""
    rows = []
    for length, docs in synthetic_lengths(articles, lengths, words_per_length).items():
        words = sum(word_count(a.text) for a in docs)
        spacy_s = bare_parse(nlp, [a.text for a in docs], batch_size)
        khabar_s, _ser, stages = whole_pipeline(pipeline, docs)
        # Per-stage cost per word shows which stage grows faster than the text.
        rows.append({"words": length, "docs": len(docs),
                     "khabar_us_per_word": 1e6 * khabar_s / words,
                     "spacy_us_per_word": 1e6 * spacy_s / words,
                     "stage_us_per_word": {k: 1e6 * v / words for k, v in stages.items()}})
    return rows


def knowledge_stats() -> dict:
    """Load statistics of the gazetteer and actor knowledge base, where exposed."""
    stats = {}
    for module_name, function in KNOWLEDGE_STATS:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        if hasattr(module, function):
            try:
                stats[function] = getattr(module, function)()
            except Exception as exc:  # noqa: BLE001 - a stats hook must not break the bench
                stats[function] = {"error": str(exc)}
    return stats


def run_bench(corpus: Path | str | None = None, limit: int | None = 200, workers: int | None = None,
              config: dict | None = None, words_per_length: int = 10_000, task_size: int = 8,
              scaling_articles: int = 128, lengths: tuple[int, ...] = LENGTHS) -> dict:
    """Measure khabar against spaCy's bare parse; returns the JSON report of ``khabar bench``.

    Args:
        corpus: texts to measure on (default: FA-KES if present, else examples/).
        limit: use the first N articles.
        workers: measure the local engine with 1..N worker processes (default: CPU count, at most 4).
        config: khabar configuration (default: the loaded config).
        words_per_length: words generated for each synthetic article length.
        task_size: articles per worker task in the scaling run (small, so that the last
            task's tail, when one worker still works and the other is done, stays short).
        scaling_articles: articles used for each worker count (enough tasks per worker that
            the run measures the steady state a long batch run is in).
        lengths: synthetic article lengths (words) for the cost-per-word check.
    """
    from khabar.annotate import load_model
    from khabar.config import load_config
    from khabar.pipeline import Pipeline

    config = config or load_config()
    corpus = Path(corpus) if corpus else default_corpus()
    articles = load_articles(corpus, limit)
    texts = [a.text for a in articles]
    words = sum(word_count(t) for t in texts)
    batch_size = config["annotate"]["batch_size"]
    workers = workers or min(os.cpu_count() or 1, 4)

    started = time.perf_counter()
    nlp = load_model(config["annotate"]["model"])
    spacy_load_s = time.perf_counter() - started
    started = time.perf_counter()
    pipeline = Pipeline(config)
    khabar_load_s = time.perf_counter() - started
    # Warm both (first-call allocations, lazy tables) on a few texts before timing.
    bare_parse(nlp, texts[:4], batch_size)
    whole_pipeline(pipeline, articles[:4])
    docs_before = live_docs()

    spacy_s, khabar_s, serialise_s, stages = interleaved(nlp, pipeline, articles, batch_size)
    docs_after = live_docs()
    spacy_aps, khabar_aps = _rate(len(texts), spacy_s), _rate(len(texts), khabar_s)
    stage_total = sum(stages.values()) or 1.0

    lengths = length_scaling(nlp, pipeline, articles, batch_size, words_per_length, lengths)
    per_word = [r["khabar_us_per_word"] for r in lengths]
    scaling = worker_scaling(articles[:scaling_articles], workers, config, task_size)
    one = scaling[0]["articles_per_s"]
    top = scaling[-1]
    efficiency = _rate(top["articles_per_s"], top["workers"] * one) if one else 0.0
    # The same ratio in CPU terms: what efficiency would be with N idle cores.
    cpu_efficiency = _rate(_per_cpu_second(top), _per_cpu_second(scaling[0]))
    worker_rss = max((r["peak_rss_mb_per_worker"] or 0.0) for r in scaling)

    report = {
        "throughput_ratio": _rate(khabar_aps, spacy_aps),
        "articles_per_s": khabar_aps,
        "words_per_s": _rate(words, khabar_s),
        "peak_rss_mb": peak_rss_mb(),
        "peak_rss_mb_per_worker": worker_rss,
        "parallel_efficiency": efficiency,
        "parallel_efficiency_cpu": cpu_efficiency,
        # Docs the timed run left alive (0: an analysed article's doc is freed). Exact where
        # RSS is not: freed memory stays in the allocator's arenas, so RSS growth over a few
        # hundred articles mixes caches filling, arenas and a leak.
        "memory": {"docs_alive_after_run": docs_after - docs_before},
        "corpus": {"path": str(corpus), "articles": len(texts), "words": words,
                   "mean_words": words / len(texts)},
        "spacy": {"model": config["annotate"]["model"], "load_s": spacy_load_s,
                  "articles_per_s": spacy_aps, "words_per_s": _rate(words, spacy_s),
                  "batch_size": batch_size},
        "khabar": {"load_s": khabar_load_s, "seconds": khabar_s, "serialise_s": serialise_s,
                   # khabar's annotate stage (its parse, with the model's attribute ruler and
                   # lemmatizer made faster, plus the khabar_actors component) and the stages
                   # after the parse, each as a share of spaCy's bare parse of the same texts.
                   "annotate_vs_parse": _rate(stages.get("annotate", 0.0), spacy_s),
                   "after_parse_vs_parse": _rate(khabar_s - stages.get("annotate", 0.0), spacy_s),
                   "stage_seconds": stages,
                   "stage_share": {k: v / stage_total for k, v in stages.items()}},
        "workers": scaling,
        "per_word": lengths,
        "per_word_spread": max(per_word) / min(per_word) if min(per_word) > 0 else None,
        "knowledge": knowledge_stats(),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
    }
    report["per_word_flat"] = report["per_word_spread"] is not None and report["per_word_spread"] <= 1.5
    report["goals"] = {
        "throughput_ratio": report["throughput_ratio"] >= GOALS["throughput_ratio"],
        "parallel_efficiency": efficiency >= GOALS["parallel_efficiency"],
        "peak_rss_mb_per_worker": worker_rss <= GOALS["peak_rss_mb_per_worker"],
        "per_word_flat": report["per_word_flat"],
    }
    return report
