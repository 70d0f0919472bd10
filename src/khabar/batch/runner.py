"""``run_batch``: stream an input through an engine into resumable, crash-safe output."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from khabar.batch.output import ResultSink
from khabar.batch.sources import BadRecord, count_records, iter_articles, record_key
from khabar.errors import KhabarError
from khabar.model import Analysis, Article

ENGINES = {"local": "khabar.batch.local.v1", "ray": "khabar.batch.ray.v1"}


@dataclass
class BatchReport:
    """What one ``run_batch`` call did."""

    output: str
    analysed: int
    errors: int
    skipped: int
    seconds: float
    total_done: int

    @property
    def articles_per_s(self) -> float:
        return self.analysed / self.seconds if self.seconds else 0.0


def make_engine(engine: str, workers: int, config: dict | None, **options):
    """The engine object for ``local`` or ``ray`` (or a registered engine name)."""
    from khabar import registry

    name = ENGINES.get(engine, engine)
    if name == ENGINES["local"]:
        import khabar.batch.local  # noqa: F401  (registers the engine)
    elif name == ENGINES["ray"]:
        import khabar.batch.ray_engine  # noqa: F401
    try:
        factory = registry.engines.get(name)
    except Exception:  # noqa: BLE001 - catalogue raises its own RegistryError
        raise KhabarError("E052", name=engine, kind="batch engines",
                          known=", ".join(ENGINES)) from None
    return factory(workers=workers, config=config, **options)


def _progress(enabled: bool):
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    return Progress(TextColumn("khabar batch"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[rate]:.1f} articles/s"), TimeElapsedColumn(),
                    TextColumn("ETA"), TimeRemainingColumn(),
                    console=Console(stderr=True), disable=not enabled, transient=False)


def run_batch(input: Path | str, output: Path | str, *, engine: str = "local", workers: int = 1,
              config: dict | None = None, chunk_size: int = 128, task_size: int = 16,
              db: str | None = None, progress: bool = True, limit: int | None = None,
              engine_options: dict | None = None) -> BatchReport:
    """Analyse every article of INPUT into OUTPUT, resuming from what OUTPUT already holds.

    Args:
        input: directory of .txt, JSON Lines or Parquet file (see ``sources.iter_articles``).
        output: ``.jsonl`` file or ``.parquet`` directory (see ``output.ResultSink``).
        engine: ``local`` (process pool) or ``ray`` (Ray Data), or a registered engine name.
        workers: worker processes / Ray actors, each with its own Pipeline.
        config: khabar configuration (default: the loaded config).
        chunk_size: results per commit; a kill loses at most this many.
        task_size: articles sent to a worker at once (parsed with one ``nlp.pipe``).
        db: also store every result in this database (``khabar.store``); idempotent.
        progress: show a progress bar on stderr.
        limit: stop after this many newly analysed articles (for trials).
        engine_options: extra keyword options for the engine (``ray_address``, ``num_gpus``).
    """
    input, output = Path(input), Path(output)
    started = time.perf_counter()
    # Refuse bad arguments before OUTPUT is created.
    if not input.exists():
        raise KhabarError("E020", source=str(input))
    runner = make_engine(engine, workers, config, **(engine_options or {}))
    sink = ResultSink(output, chunk_size=chunk_size,
                      meta={"input": str(input), "engine": ENGINES.get(engine, engine)}).open()
    store = None
    if db is not None:
        from khabar.store import Store

        store = Store.open(db or None)
    total = count_records(input)
    counters = {"skipped": 0}
    # Articles in flight, by key: needed to store them (text) when their results return.
    in_flight: dict[str, Article] = {}

    def chunks() -> Iterator[list[Article]]:
        seen: set[str] = set()
        chunk: list[Article] = []
        queued = 0
        for item in iter_articles(input):
            if isinstance(item, BadRecord):
                if item.key not in sink.done and item.key not in seen:
                    seen.add(item.key)
                    sink.add_error(item.key, {**item.to_dict(), "stage": "read"})
                    bar.advance(task_id)
                continue
            key = record_key(item)
            if key in sink.done or key in seen:
                counters["skipped"] += 1
                bar.advance(task_id)
                continue
            if limit is not None and queued >= limit:
                break
            seen.add(key)
            queued += 1
            chunk.append(item)
            if store is not None:
                in_flight[key] = item
            if len(chunk) >= task_size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    analysed = 0
    with _progress(progress) as bar:
        task_id = bar.add_task("batch", total=total, rate=0.0)
        work_started = time.perf_counter()
        try:
            with runner:
                for results, _stats in runner.map(chunks()):
                    for key, ok, payload in results:
                        if ok:
                            sink.add(key, payload)
                            analysed += 1
                            if store is not None:
                                store.save(in_flight.pop(key), Analysis.model_validate_json(payload))
                        else:
                            in_flight.pop(key, None)
                            sink.add_error(key, {"error": payload, "stage": "analyze"})
                    bar.update(task_id, advance=len(results),
                               rate=analysed / max(time.perf_counter() - work_started, 1e-9))
        except BaseException:
            sink.commit()  # keep what is done (Ctrl-C, a failing engine); the rerun resumes
            raise
        manifest = sink.close()
    return BatchReport(output=str(output), analysed=analysed, errors=sink.failed,
                       skipped=counters["skipped"], seconds=time.perf_counter() - started,
                       total_done=manifest["articles"] + manifest["errors"])
