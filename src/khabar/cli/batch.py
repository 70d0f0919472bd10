"""`khabar batch`: analyse a large corpus on all cores or on Ray, resumably."""

from __future__ import annotations

import json
import os
from pathlib import Path

import typer


def batch(
    input: Path = typer.Argument(..., help="A directory of .txt files, a JSON Lines file or a Parquet file"),
    output: Path = typer.Argument(..., help="Results: a .jsonl file or a .parquet directory (resumable)"),
    engine: str = typer.Option("local", help="local (process pool) or ray (Ray Data)"),
    workers: int = typer.Option(os.cpu_count() or 1, help="Worker processes / Ray actors, one model each"),
    db: str | None = typer.Option(None, help="Also store every result in this database"),
    ray_address: str | None = typer.Option(None, help="Join this Ray cluster instead of starting a local one"),
    num_gpus: float = typer.Option(0.0, help="GPUs per Ray actor (engine ray only)"),
    chunk_size: int = typer.Option(128, help="Results per atomic commit (a kill redoes at most this many)"),
    limit: int | None = typer.Option(None, help="Stop after analysing this many new articles"),
    config_file: Path | None = typer.Option(None, "--config", help="A TOML file overlaying the default configuration"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar"),
) -> None:
    """Analyse a large corpus into OUTPUT; rerun the same command to resume after a stop or crash."""
    from khabar.batch import run_batch
    from khabar.config import load_config

    config = load_config(config_file)
    options = {"ray_address": ray_address, "num_gpus": num_gpus} if engine == "ray" else {}
    report = run_batch(input, output, engine=engine, workers=workers, config=config,
                       chunk_size=chunk_size, db=db, progress=not quiet, limit=limit,
                       engine_options=options)
    typer.echo(json.dumps({"output": report.output, "analysed": report.analysed, "errors": report.errors,
                           "skipped_done": report.skipped, "total_done": report.total_done,
                           "seconds": round(report.seconds, 2),
                           "articles_per_s": round(report.articles_per_s, 2)}), err=True)
