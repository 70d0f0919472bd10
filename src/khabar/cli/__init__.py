"""The `khabar` command line. Every user-facing error prints one line and exits non-zero."""

from __future__ import annotations

import os
import sys

import typer

from khabar import __version__
from khabar.cli.articles import analyze, export, ingest, report, serve
from khabar.errors import KhabarError

app = typer.Typer(
    name="khabar",
    help="Evidence-linked PLOVER events, quotes and sources from conflict and political news, offline.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.command()(analyze)
app.command()(ingest)
app.command()(export)
app.command()(report)
app.command()(serve)


def _not_implemented(name: str):
    def command() -> None:
        raise KhabarError("E080", command=f"khabar {name}")
    command.__doc__ = f"(not implemented yet) khabar {name}"
    return command


def _mount() -> None:
    from khabar.cli import eval as eval_cli

    app.add_typer(eval_cli.app, name="eval")
    for name, module in (("actors", "khabar.cli.actors"), ("places", "khabar.cli.places")):
        try:
            sub = __import__(module, fromlist=["app"]).app
            app.add_typer(sub, name=name)
        except (ImportError, AttributeError):
            app.command(name, context_settings={"allow_extra_args": True,
                                                "ignore_unknown_options": True})(_not_implemented(name))
    for name, module in (("batch", "khabar.cli.batch"), ("bench", "khabar.cli.bench")):
        try:
            app.command(name)(getattr(__import__(module, fromlist=[name]), name))
        except (ImportError, AttributeError):
            app.command(name, context_settings={"allow_extra_args": True,
                                                "ignore_unknown_options": True})(_not_implemented(name))


@app.callback(invoke_without_command=True)
def _root(version: bool = typer.Option(False, "--version", help="Print khabar's version and exit")) -> None:
    if version:
        typer.echo(f"khabar {__version__}")
        raise typer.Exit()


_mount()


def main() -> None:
    """Console entry point: run the app, turning errors into one-line messages."""
    try:
        app(standalone_mode=False)
    except KhabarError as exc:
        typer.echo(f"khabar: error: {exc.message}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("khabar: interrupted", err=True)
        sys.exit(130)
    except (typer.Abort, typer.Exit) as exc:
        sys.exit(getattr(exc, "exit_code", 1))
    except SystemExit:
        raise
    except Exception as exc:  # a bug: say so in one line; KHABAR_DEBUG=1 shows the traceback
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        if os.environ.get("KHABAR_DEBUG"):
            raise
        typer.echo(f"khabar: internal error: {type(exc).__name__}: {exc} (rerun with KHABAR_DEBUG=1 "
                   "for details and report it)", err=True)
        sys.exit(1)
