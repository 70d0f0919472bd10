"""``khabar places``: the offline gazetteer from the command line."""

from __future__ import annotations

import json

import typer

app = typer.Typer(help="Resolve place names offline (GeoNames plus khabar's conflict gazetteer).")


@app.callback()
def places() -> None:
    """Resolve place names offline (GeoNames plus khabar's conflict gazetteer)."""


@app.command("resolve")
def resolve(names: list[str] = typer.Argument(..., help="Place names, in any common spelling."),
            as_json: bool = typer.Option(False, "--json", help="Print JSON, one object per name.")) -> None:
    """Resolve NAME... to coordinates, country, governorate and precision."""
    from khabar.resolve.places import resolve_names

    refs = resolve_names(list(names))
    if as_json:
        typer.echo(json.dumps([r.model_dump(exclude={"start", "end", "reason"}) for r in refs],
                              ensure_ascii=False, indent=2))
        return
    for r in refs:
        if r.lat is None:
            typer.echo(f"{r.text}\t(not found)")
        else:
            typer.echo(f"{r.text}\t{r.name}\t{r.lat:.4f},{r.lon:.4f}\t{r.country or ''}\t"
                       f"{r.admin1 or ''}\t{r.precision}\t{r.geonames_id or ''}")
