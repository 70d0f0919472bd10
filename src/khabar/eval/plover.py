"""``khabar eval plover FILE.jsonl``: score event coding against gold records.

Reads PLOVER gold-standard records (``source``/``target`` actor lists with codes) and PLV
records (``source_spans``/``target_spans``), detecting the format per record, runs the
pipeline on each record's text and scores the coded events (docs/events.md, "Scoring").
"""

from __future__ import annotations

import json
from pathlib import Path

from khabar.errors import KhabarError
from khabar.eval.plover_scoring import (IGO_LIKE, GoldArg, GoldRecord, Scores, norm_code, norm_type,
                                        score_record, summary)
from khabar.model import EVENT_TYPES, Article, article_id

MAX_MISSES = 60


def _plover_args(value, text: str) -> list[GoldArg]:
    out = []
    for a in value if isinstance(value, list) else []:
        name = (a.get("actorText") or "").strip()
        pos = text.find(name) if name else -1
        if pos < 0 and name:
            pos = text.lower().find(name.lower())
        out.append(GoldArg(text=name, start=pos if pos >= 0 else None,
                           end=pos + len(name) if pos >= 0 else None,
                           code=a.get("code") or None, sector=a.get("sector") or None))
    return out


def _igo_vocabulary(rec: dict, args: list[GoldArg]) -> bool:
    """Whether a PLOVER record codes intergovernmental bodies as plain IGO: a 0.x record
    (``version``) or one whose codes include IGO and none of UNO/EUR."""
    codes = {norm_code(a.code) for a in args}
    if codes & (IGO_LIKE - {"IGO"}):
        return False
    return str(rec.get("version", "")).startswith("0.") or "IGO" in codes


def _plv_args(name: str, spans) -> list[GoldArg]:
    return [GoldArg(text=name, start=int(s), end=int(e)) for s, e in spans or []]


def parse_record(rec: dict, where: str) -> GoldRecord:
    """One JSON record as a :class:`GoldRecord` (PLOVER or PLV format).

    Raises:
        KhabarError: E070 when the record is neither format.
    """
    text = rec.get("text")
    etype = norm_type(str(rec.get("event", "")))
    if not isinstance(text, str) or not text.strip() or etype not in EVENT_TYPES:
        raise KhabarError("E070", path=where, kind="PLOVER or PLV",
                          detail="each record needs 'text' and a PLOVER 'event'")
    rid = str(rec.get("id", ""))
    if "source_spans" in rec or "target_spans" in rec:
        return GoldRecord(rid, text, etype, _plv_args(rec.get("source", ""), rec.get("source_spans")),
                          _plv_args(rec.get("target", ""), rec.get("target_spans")), "plv")
    actors = _plover_args(rec.get("source"), text)
    recipients = _plover_args(rec.get("target"), text)
    return GoldRecord(rid, text, etype, actors, recipients, "plover", trigger=rec.get("eventText"),
                      igo_vocabulary=_igo_vocabulary(rec, actors + recipients))


def read_records(path: str | Path, limit: int | None = None, sample: int | None = None) -> list[GoldRecord]:
    """Gold records of a JSON Lines file; ``sample`` takes N evenly spaced records."""
    path = Path(path)
    if not path.is_file():
        raise KhabarError("E020", source=str(path))
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise KhabarError("E025", source=str(path), line=n, detail=exc.msg) from None
            out.append(parse_record(rec, f"{path}:{n}"))
    if sample and sample < len(out):
        out = [out[i * len(out) // sample] for i in range(sample)]
    return out[:limit] if limit else out


def wire(pipeline) -> None:
    """Give the coder the actors stage's span resolver when the stage has one."""
    resolver = getattr(pipeline.actors, "resolve_span", None)
    if resolver is not None and hasattr(pipeline.coder, "resolve_span"):
        pipeline.coder.resolve_span = resolver
    many = getattr(pipeline.actors, "resolve_spans", None)
    if many is not None and hasattr(pipeline.coder, "resolve_spans"):
        pipeline.coder.resolve_spans = many


def evaluate(path: str | Path, pipeline=None, limit: int | None = None,
             sample: int | None = None) -> dict:
    """Run khabar on every record of ``path`` and score the events.

    Args:
        path: JSON Lines of PLOVER gold records or PLV records (mixed is fine).
        pipeline: a :class:`khabar.pipeline.Pipeline` (built with defaults if None).
        limit: score only the first N records.
        sample: score N evenly spaced records (applied before ``limit``).

    Returns:
        The report: overall metrics (``event_type_accuracy``, ``actor_f1``,
        ``recipient_f1``, ``extra_events_per_record``, ``sector_agreement``, span F1s,
        ``confusion``), the same ``by_format``, and ``misses``.
    """
    if pipeline is None:
        from khabar.pipeline import Pipeline
        pipeline = Pipeline()
    wire(pipeline)
    records = read_records(path, limit=limit, sample=sample)
    total, by_fmt = Scores(), {}
    misses = []
    articles = (Article(id=article_id(r.text), text=r.text, external_id=r.id) for r in records)
    for gold, result in zip(records, pipeline.analyze_many(articles)):
        detail = score_record(total, gold, result.events)
        score_record(by_fmt.setdefault(gold.fmt, Scores()), gold, result.events)
        if not detail["type_hit"] and len(misses) < MAX_MISSES:
            misses.append(detail)
    report = summary(total)
    report["path"] = str(path)
    report["by_format"] = {k: summary(v) for k, v in by_fmt.items()}
    for k in report["by_format"].values():
        k.pop("confusion", None)
    report["misses"] = misses
    report["pipeline"] = pipeline.components
    return report


def render(report: dict, console) -> None:
    """Print a report with rich: headline metrics, per-format lines, confusion, misses."""
    from rich.table import Table

    head = Table(title=f"PLOVER event coding: {report.get('path', '')} ({report['records']} records)")
    for col in ("set", "records", "type acc", "actor F1", "recip F1", "actor span F1",
                "recip span F1", "extra/rec", "sector agr"):
        head.add_column(col, justify="right")

    def row(name, r):
        sec = r.get("sector_agreement")
        head.add_row(name, str(r["records"]), f"{r['event_type_accuracy']:.3f}", f"{r['actor_f1']:.3f}",
                     f"{r['recipient_f1']:.3f}", f"{r['actor_span_f1']:.3f}",
                     f"{r['recipient_span_f1']:.3f}", f"{r['extra_events_per_record']:.2f}",
                     "-" if sec is None else f"{sec:.3f}")
    row("all", report)
    for name, r in report.get("by_format", {}).items():
        row(name, r)
    console.print(head)
    conf = Table(title="Confusion (gold -> scored prediction), errors only")
    conf.add_column("gold -> predicted")
    conf.add_column("count", justify="right")
    for k, v in sorted(report["confusion"].items(), key=lambda kv: -kv[1]):
        g, p = k.split("->")
        if g != p:
            conf.add_row(k, str(v))
    console.print(conf)
    for m in report.get("misses", [])[:20]:
        console.print(f"[bold]{m['id']}[/] gold {m['gold']} got {m['predicted'] or 'nothing'}: "
                      f"{m['evidence'][:160]}", highlight=False)
