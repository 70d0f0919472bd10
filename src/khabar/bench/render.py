"""Prints a ``khabar bench`` report as tables."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table


def _mark(ok: bool) -> str:
    return "[green]met[/green]" if ok else "[red]not met[/red]"


def render(report: dict, console: Console | None = None) -> None:
    """Show the bench report: headline ratios, stage shares, worker and length scaling."""
    console = console or Console()
    corpus = report["corpus"]
    console.print(f"[bold]khabar bench[/bold] on {corpus['articles']} articles "
                  f"({corpus['words']} words, mean {corpus['mean_words']:.0f}) from {corpus['path']}")
    head = Table("measure", "value", "goal")
    goals = report["goals"]
    head.add_row("throughput_ratio (khabar / bare spaCy)", f"{report['throughput_ratio']:.2f}",
                 f">= 0.8 {_mark(goals['throughput_ratio'])}")
    head.add_row("articles/s (1 process)", f"{report['articles_per_s']:.1f}", "")
    head.add_row("words/s (1 process)", f"{report['words_per_s']:.0f}", "")
    head.add_row("bare spaCy articles/s", f"{report['spacy']['articles_per_s']:.1f}", "")
    if "annotate_vs_parse" in report["khabar"]:
        head.add_row("khabar's annotate stage / bare parse", f"{report['khabar']['annotate_vs_parse']:.2f}", "")
        head.add_row("stages after the parse / bare parse", f"{report['khabar']['after_parse_vs_parse']:.2f}", "")
    head.add_row("parallel_efficiency", f"{report['parallel_efficiency']:.2f}",
                 f">= 0.85 {_mark(goals['parallel_efficiency'])}")
    head.add_row("parallel efficiency per CPU second (busy-machine proof)",
                 f"{report['parallel_efficiency_cpu']:.2f}", "")
    head.add_row("peak RSS, this process (MB)", f"{report['peak_rss_mb']:.0f}", "")
    head.add_row("peak RSS per worker (MB)", f"{report['peak_rss_mb_per_worker']:.0f}",
                 f"<= 1024 {_mark(goals['peak_rss_mb_per_worker'])}")
    memory = report.get("memory", {})
    if "docs_alive_after_run" in memory:
        head.add_row("docs left alive after the timed run", str(memory["docs_alive_after_run"]), "0")
    head.add_row("pipeline load (s)", f"{report['khabar']['load_s']:.2f}", "")
    console.print(head)

    stages = Table("stage", "seconds", "share")
    for name, seconds in sorted(report["khabar"]["stage_seconds"].items(), key=lambda kv: -kv[1]):
        stages.add_row(name, f"{seconds:.2f}", f"{report['khabar']['stage_share'][name]:.1%}")
    console.print(stages)

    workers = Table("workers", "articles/s", "CPU share", "start-up (s)", "peak RSS/worker (MB)")
    for row in report["workers"]:
        workers.add_row(str(row["workers"]), f"{row['articles_per_s']:.1f}", f"{row['cpu_share']:.0%}",
                        f"{row['startup_s']:.1f}", f"{row['peak_rss_mb_per_worker'] or 0:.0f}")
    console.print(workers)

    lengths = Table("article words", "docs", "khabar us/word", "spaCy us/word")
    for row in report["per_word"]:
        lengths.add_row(str(row["words"]), str(row["docs"]), f"{row['khabar_us_per_word']:.0f}",
                        f"{row['spacy_us_per_word']:.0f}")
    console.print(lengths)
    spread = report["per_word_spread"]
    console.print(f"cost per word, longest vs cheapest: x{spread:.2f} "
                  f"({'flat' if report['per_word_flat'] else 'NOT flat'}; flat means <= x1.5)")
    for name, stats in report.get("knowledge", {}).items():
        console.print(f"{name}: {stats}")
