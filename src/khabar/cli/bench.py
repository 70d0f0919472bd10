"""`khabar bench`: the project's benchmark, as ratios measured in one run."""

from __future__ import annotations

import json
from pathlib import Path

import typer


def bench(
    json_out: bool = typer.Option(False, "--json", help="Print the report as JSON"),
    corpus: Path | None = typer.Option(None, help="Texts to measure on (default: FA-KES if present, else examples/)"),
    limit: int = typer.Option(200, help="Use the first N articles of the corpus"),
    workers: int | None = typer.Option(None, help="Measure 1..N worker processes (default: CPUs, at most 4)"),
    words_per_length: int = typer.Option(10_000, help="Words per synthetic length (100, 1,000, 10,000-word articles)"),
    profile: bool = typer.Option(False, "--profile", help="Also profile the pipeline with py-spy and list khabar's hotspots"),
    config_file: Path | None = typer.Option(None, "--config", help="A TOML file overlaying the default configuration"),
) -> None:
    """Measure khabar's throughput against spaCy's bare parse of the same texts, scaling and memory."""
    from khabar.bench import run_bench
    from khabar.config import load_config

    config = load_config(config_file)
    report = run_bench(corpus, limit=limit, workers=workers, config=config,
                       words_per_length=words_per_length)
    if profile:
        from khabar.bench.profile import profile_pipeline

        report["profile"] = profile_pipeline(corpus, limit=limit)
    if json_out:
        typer.echo(json.dumps(report, indent=2, default=str))
    else:
        from khabar.bench.render import render

        render(report)
        for row in report.get("profile", {}).get("hotspots", []):
            typer.echo(f"hotspot {row['share']:.1%}  {row['where']}")
