"""`khabar analyze`, `ingest`, `export` and `serve`: the article commands."""

from __future__ import annotations

import itertools
import sys
from collections import deque
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from khabar.errors import KhabarError

stderr = Console(stderr=True, soft_wrap=True, highlight=False)


class Format(str, Enum):
    text = "text"
    json = "json"
    plover = "plover"


class ExportFormat(str, Enum):
    plover = "plover"
    csv = "csv"
    parquet = "parquet"
    geojson = "geojson"


def _progress(total: int | None) -> Progress:
    return Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), console=stderr, transient=True,
                    disable=not stderr.is_terminal or (total is not None and total < 2))


def _articles(sources, published, publisher, config, allow_private):
    """Articles from the sources; bad items are reported on stderr and counted."""
    from khabar.ingest import Problem, iter_articles, parse_date

    when = parse_date(published) if published else None
    state = {"bad": 0, "good": 0}

    def gen():
        for item in iter_articles(sources, published=when, publisher=publisher, config=config,
                                  allow_private=allow_private):
            if isinstance(item, Problem):
                state["bad"] += 1
                stderr.print(f"khabar: skipped: {item.error.message}", highlight=False, markup=False)
                continue
            state["good"] += 1
            yield item
    return gen(), state


def _config(config_file: Path | None, **overrides):
    from khabar.config import load_config

    return load_config(config_file, overrides=overrides)


SOURCES = typer.Argument(..., help="Files, directories, URLs or feeds; '-' reads stdin")
PUBLISHED = typer.Option(None, "--published", help="Publication date YYYY-MM-DD (overrides metadata)")
PUBLISHER = typer.Option(None, "--publisher", help="Publisher name, e.g. 'Reuters'")
CONFIG = typer.Option(None, "--config", help="A TOML file overlaying the default configuration")
ALLOW_PRIVATE = typer.Option(False, "--allow-private", help="Allow fetching private/loopback addresses")


def analyze(
    sources: list[str] = SOURCES,
    published: str | None = PUBLISHED,
    publisher: str | None = PUBLISHER,
    format: Format = typer.Option(Format.text, "--format", "-f", help="text report, json (one object per article) or plover (JSON Lines)"),
    config_file: Path | None = CONFIG,
    allow_private: bool = ALLOW_PRIVATE,
) -> None:
    """Analyse articles and print events, quotes, actors, places and dates (no database needed)."""
    import json

    from khabar.cli.report import render
    from khabar.export.plover import plover_record
    from khabar.pipeline import Pipeline

    config = _config(config_file, fetch={"allow_private": allow_private or None})
    articles, state = _articles(sources, published, publisher, config, allow_private)
    first = next(articles, None)
    if first is None:
        raise KhabarError("E081", detail="no usable article in the input (see the messages above)")
    pipeline = Pipeline(config)
    console = Console()

    for analysis in pipeline.analyze_many(itertools.chain([first], articles)):
        if format is Format.json:
            sys.stdout.write(analysis.to_json() + "\n")
        elif format is Format.plover:
            article = analysis.article.model_dump(mode="json")
            for event in analysis.model_dump(mode="json")["events"]:
                if event["aux"]["negated"] and not config["events"]["export_negated"]:
                    continue
                sys.stdout.write(json.dumps(plover_record(event, article), ensure_ascii=False) + "\n")
        else:
            render(analysis, console)
    if state["bad"]:
        stderr.print(f"khabar: {state['good']} article(s) analysed, {state['bad']} skipped", highlight=False)


def ingest(
    sources: list[str] = SOURCES,
    db: str | None = typer.Option(None, "--db", help="Database URL or SQLite path (default: the user data dir)"),
    published: str | None = PUBLISHED,
    publisher: str | None = PUBLISHER,
    reanalyze: bool = typer.Option(False, "--reanalyze", help="Replace the stored analysis of known articles"),
    config_file: Path | None = CONFIG,
    allow_private: bool = ALLOW_PRIVATE,
) -> None:
    """Analyse articles and store them; an article already stored is skipped (idempotent)."""
    from khabar.pipeline import Pipeline
    from khabar.store import Store

    config = _config(config_file, fetch={"allow_private": allow_private or None})
    store = Store.open(db or config["store"]["db"] or None)
    articles, state = _articles(sources, published, publisher, config, allow_private)
    present = 0

    def pending():
        nonlocal present
        for article in articles:
            if reanalyze or not store.has(article.id):
                yield article
            else:
                present += 1

    copies_before = store.near_duplicates()
    todo = pending()
    first = next(todo, None)  # build the pipeline (load spaCy) only when there is work
    stored = 0
    if first is not None:
        pipeline = Pipeline(config)
        # Analyses come back in input order: a FIFO pairs each with its article (and its text).
        waiting: deque = deque()

        def remember():
            for article in itertools.chain([first], todo):
                waiting.append(article)
                yield article

        with _progress(None) as progress:
            task = progress.add_task("analysing", total=None)
            for analysis in pipeline.analyze_many(remember()):
                if store.save(waiting.popleft(), analysis, replace=reanalyze):
                    stored += 1
                else:
                    present += 1  # the same article twice in the input, or stored meanwhile
                progress.advance(task)
    counts = store.counts()
    copies = store.near_duplicates() - copies_before
    stderr.print(f"khabar: {state['good']} article(s) read: {stored} stored"
                 + (f" ({copies} near copies of stored articles, flagged)" if copies else "")
                 + f", {present} already present, {state['bad']} skipped. Database {store.location} holds "
                 f"{counts['articles']} articles, {counts['events']} events, {counts['quotes']} quotes.",
                 highlight=False)
    if state["good"] == 0:
        raise KhabarError("E081", detail="no usable article in the input (see the messages above)")


def export(
    format: ExportFormat = typer.Option(..., "--format", "-f", help="plover, csv, parquet or geojson"),
    db: str | None = typer.Option(None, "--db", help="Database URL or SQLite path"),
    output: Path | None = typer.Option(None, "-o", "--output", help="Output file (default: stdout)"),
    include_negated: bool = typer.Option(False, "--include-negated", help="Also export negated events"),
    config_file: Path | None = CONFIG,
) -> None:
    """Export stored events."""
    from khabar import registry
    from khabar.export import BINARY_FORMATS
    from khabar.store import Store

    config = _config(config_file)
    store = Store.open(db or config["store"]["db"] or None)
    registry.ensure_builtins()
    exporter = registry.exporters.get(format.value)
    binary = format.value in BINARY_FORMATS
    if output is None and binary:
        raise KhabarError("E081", detail=f"{format.value} is a binary format: pass -o FILE")
    include = include_negated or config["events"]["export_negated"]
    if output is None:
        count = exporter(store.iter_analyses(), sys.stdout, include_negated=include)
    else:
        tmp = output.with_name(output.name + ".part")
        with open(tmp, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})) as fh:
            count = exporter(store.iter_analyses(), fh, include_negated=include)
        tmp.replace(output)
    stderr.print(f"khabar: exported {count} event(s) from {store.location}", highlight=False)


def serve(
    db: str | None = typer.Option(None, "--db", help="Database URL or SQLite path"),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind (localhost by default)"),
    port: int = typer.Option(8000, "--port"),
) -> None:
    """Web UI and JSON API over a khabar database (binds to localhost unless --host says otherwise)."""
    try:
        import uvicorn

        from khabar.web.app import create_app
    except ImportError:
        raise KhabarError("E081", detail="the web UI needs the [web] extra: pip install 'khabar[web]'") from None
    config = _config(None)
    app = create_app(db or config["store"]["db"] or None)
    if host not in ("127.0.0.1", "localhost", "::1"):
        stderr.print(f"khabar: warning: serving on {host}: anyone who can reach this address can read the database")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def report(
    article_ids: list[str] = typer.Argument(None, help="Article ids (default: every stored article)"),
    db: str | None = typer.Option(None, "--db", help="Database URL or SQLite path"),
    format: Format = typer.Option(Format.text, "--format", "-f", help="text or json"),
    config_file: Path | None = CONFIG,
) -> None:
    """Print the stored analyses of articles, as a report or as JSON."""
    import json

    from khabar.cli.report import render
    from khabar.model import Analysis
    from khabar.store import Store

    config = _config(config_file)
    store = Store.open(db or config["store"]["db"] or None)
    console = Console()
    shown = 0
    for row, result in store.iter_analyses():
        if article_ids and row["id"] not in article_ids and row.get("external_id") not in article_ids:
            continue
        shown += 1
        if format is Format.text:
            render(Analysis.model_validate(result), console)
        else:
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    if not shown:
        raise KhabarError("E061", url=store.location) if not article_ids else KhabarError(
            "E081", detail=f"no stored article with id {', '.join(article_ids)} in {store.location}")
