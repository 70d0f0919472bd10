"""``khabar actors``: the actor knowledge base from the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from khabar.errors import KhabarError

app = typer.Typer(help="Resolve actor names offline (countries, IGOs, the Syria module, your own files).")

_KB_OPTION = typer.Option(None, "--kb", help="Extra knowledge file (YAML); repeat for several.")


@app.callback()
def actors() -> None:
    """Resolve actor names offline (countries, IGOs, the Syria module, your own files)."""


def _kb(extra: list[Path] | None):
    from khabar.config import load_config
    from khabar.resolve.actors import load_kb

    configured = []
    try:
        configured = list(load_config()["actors"]["extra_kb"])
    except (KhabarError, KeyError, TypeError):
        configured = []
    return load_kb(tuple(configured) + tuple(extra or ()))


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise KhabarError("E031", value=value) from None


@app.command("resolve")
def resolve(names: list[str] = typer.Argument(..., help="Actor names, in any common spelling."),
            as_json: bool = typer.Option(False, "--json", help="Print JSON, one object per name."),
            kb_files: list[Path] = _KB_OPTION,
            when: str = typer.Option(None, "--date", help="Date (YYYY-MM-DD) for date-aware names and offices."),
            ) -> None:
    """Resolve NAME... to actor id, preferred name, PLOVER country code and sector."""
    kb = _kb(kb_files)
    day = _date(when)
    rows = []
    for name in names:
        ref = kb.resolve_name(name, when=day)
        row = {"text": name, "resolved": ref is not None}
        if ref is not None:
            row.update(ref.model_dump(exclude={"text", "start", "end", "resolved"}))
            office = kb.office(ref.id, day) if ref.type == "person" else None
            if office is not None:
                row.update(role=office.role, organisation=office.organisation)
            row["member_of"] = kb.memberships(ref.id, day)
        rows.append(row)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table("text", "name", "id", "code", "sector", "type", "role / member of")
    for r in rows:
        if not r["resolved"]:
            table.add_row(r["text"], "[dim](not found)[/dim]", "", "", "", "", "")
            continue
        extra = r.get("role") or ""
        if r.get("organisation"):
            extra += f" ({r['organisation']})"
        if r.get("member_of"):
            extra += (" " if extra else "") + "member of " + ", ".join(r["member_of"])
        table.add_row(r["text"], r["name"], r["id"], r["code"] or "", r["sector"] or "", r["type"] or "", extra)
    Console().print(table)


@app.command("list")
def list_actors(module: str = typer.Option(None, "--module", help="Only this module (syria, igos, countries, ...)."),
                as_json: bool = typer.Option(False, "--json", help="Print JSON."),
                kb_files: list[Path] = _KB_OPTION) -> None:
    """List the actors of the knowledge base (or of one module)."""
    kb = _kb(kb_files)
    if module and module not in kb.modules and module != "countries":
        raise KhabarError("E081", detail=f"no knowledge module '{module}': known ones are "
                                         f"{', '.join(sorted(set(kb.modules) | {'countries'}))}")
    chosen = [a for a in kb.actors.values() if not module or a.module == module]
    if as_json:
        typer.echo(json.dumps([{**a.spec.model_dump(mode="json", by_alias=True, exclude_defaults=True),
                                "module": a.module} for a in chosen], ensure_ascii=False, indent=2))
        return
    table = Table("id", "name", "type", "code", "sector", "aliases", title=f"{len(chosen)} actors")
    for a in chosen:
        table.add_row(a.id, a.name, a.type, a.code, a.sector or "", str(len(a.aliases) + len(a.acronyms)))
    Console().print(table)


@app.command("bench")
def bench(factor: int = typer.Option(10, "--factor", help="Grow the knowledge base this many times."),
          articles: int = typer.Option(50, "--articles", help="FA-KES articles to use, if available."),
          as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Time mention matching per article with the knowledge base and with FACTOR times its aliases."""
    from khabar.resolve.actors.scaling import sample_texts, scaling_benchmark

    texts = sample_texts(articles)
    result = scaling_benchmark(texts, factor=factor)
    if as_json:
        typer.echo(json.dumps(result))
        return
    for key, value in result.items():
        typer.echo(f"{key}\t{value}")
