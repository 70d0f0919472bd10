"""`khabar eval`: score khabar against annotated data sets."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console

app = typer.Typer(help="Score khabar against annotated data (PLOVER gold records, PolNeAR).", no_args_is_help=True)


@app.command("plover")
def eval_plover(
    path: Path = typer.Argument(..., help="PLOVER gold records or PLV sentences, JSON Lines"),
    json_out: bool = typer.Option(False, "--json", help="Print the scores as JSON"),
    limit: int | None = typer.Option(None, help="Score only the first N records"),
) -> None:
    """Score event coding against PLOVER gold records (type, actor and recipient codes)."""
    from khabar.eval import plover

    report = plover.evaluate(path, limit=limit)
    if json_out:
        typer.echo(json.dumps(report, indent=2, default=str))
    else:
        plover.render(report, Console())


@app.command("polnear")
def eval_polnear(
    path: Path = typer.Argument(..., help="A PolNeAR split: DIR/text and DIR/attributions"),
    json_out: bool = typer.Option(False, "--json", help="Print the scores as JSON"),
    limit: int | None = typer.Option(None, help="Score only the first N articles"),
    agreement: bool = typer.Option(
        False, "--agreement",
        help="Instead: on the articles with several annotators, score annotators against each other "
             "and khabar against each annotator (the human ceiling of each score)"),
) -> None:
    """Score attribution (source, cue, content) against a PolNeAR-format split."""
    from khabar.eval import polnear

    if agreement:
        report = polnear.agreement(path)
        show = polnear.render_agreement
    else:
        report = polnear.evaluate(path, limit=limit)
        show = polnear.render
    if json_out:
        typer.echo(json.dumps(report, indent=2, default=str))
    else:
        show(report, Console())
