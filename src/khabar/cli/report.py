"""The human-readable report of one analysis, rendered with rich."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from khabar.model import ActorRef, Analysis, Event


def _actor(a: ActorRef) -> str:
    label = a.name or a.text
    codes = " ".join(c for c in (a.code, a.sector) if c)
    return f"{label} [{codes}]" if codes else label


def _actors(actors: list[ActorRef]) -> str:
    return ", ".join(_actor(a) for a in actors) or "-"


def _event_line(e: Event) -> Text:
    flags = [k for k, v in e.aux.model_dump().items() if v]
    head = Text(f"{e.event_type}", style="bold cyan")
    if e.mode:
        head.append(f"/{e.mode}", style="cyan")
    head.append(f"  {e.status}", style="magenta")
    if flags:
        head.append(f" ({', '.join(flags)})", style="yellow")
    return head


def render(analysis: Analysis, console: Console, text: str | None = None) -> None:
    """Print the report: article header, events, quotes, actors, places, dates, contradictions."""
    art = analysis.article
    header = Text(art.title or "(untitled)", style="bold")
    meta = " · ".join(x for x in (art.publisher, str(art.published) if art.published else "date unknown",
                                   art.external_id, art.id) if x)
    console.print(Panel(Group(header, Text(meta, style="dim")), expand=True))

    table = Table(title=f"Events ({len(analysis.events)})", show_lines=True, expand=True)
    for col, kw in (("event", {"ratio": 2}), ("who", {"ratio": 3}), ("to whom", {"ratio": 2}),
                    ("where / when", {"ratio": 2}), ("evidence", {"ratio": 5})):
        table.add_column(col, **kw)
    quote_ids = {q.id: i + 1 for i, q in enumerate(analysis.quotes)}
    for e in analysis.events:
        who = _actors(e.actors)
        if e.mediators:
            who += f"\nvia {_actors(e.mediators)}"
        where = ", ".join(x for x in (e.location.name if e.location else None,
                                       e.date.value or e.date.text if e.date else None) if x) or "-"
        evidence = Text(e.evidence.text)
        ts = e.trigger.start - e.evidence.start
        if 0 <= ts < len(e.evidence.text):
            evidence.stylize("bold underline", ts, ts + (e.trigger.end - e.trigger.start))
        extras = []
        for key, spans in e.terms.items():
            extras.append(f"{key}: " + "; ".join(s.text for s in spans))
        if e.attribution:
            extras.append("reported in quote " + ", ".join(f"#{quote_ids.get(q, '?')}" for q in e.attribution))
        if extras:
            evidence.append("\n" + "\n".join(extras), style="green")
        table.add_row(_event_line(e), who, _actors(e.recipients), where, evidence)
    console.print(table)

    if analysis.quotes:
        qt = Table(title=f"Who said what ({len(analysis.quotes)})", show_lines=True, expand=True)
        qt.add_column("#", width=3)
        qt.add_column("speaker", ratio=2)
        qt.add_column("kind / cue", ratio=1)
        qt.add_column("content", ratio=5)
        qt.add_column("according to", ratio=2)
        for i, q in enumerate(analysis.quotes, 1):
            speaker = _actor(q.speaker) if q.speaker else "(unknown)"
            if q.speaker_role:
                speaker += f"\n{q.speaker_role}"
            qt.add_row(str(i), speaker, f"{q.kind}\n{q.cue.text if q.cue else ''}", q.content.text,
                       " → ".join(_actor(v) for v in q.via) or "-")
        console.print(qt)

    seen: dict[str, ActorRef] = {}
    for a in analysis.actors:
        seen.setdefault(a.id or a.text.lower(), a)
    if seen:
        at = Table(title=f"Actors ({len(seen)} distinct, {len(analysis.actors)} mentions)", expand=True)
        for col in ("actor", "code", "sector", "type", "wikidata", "as written"):
            at.add_column(col)
        for key, a in seen.items():
            forms = sorted({m.text for m in analysis.actors if (m.id or m.text.lower()) == key})
            at.add_row(a.name or a.text, a.code or "?", a.sector or "?", a.type or "",
                       a.wikidata or "", "; ".join(forms)[:80], style=None if a.resolved else "dim")
        console.print(at)

    if analysis.places or analysis.dates:
        pt = Table(title="Places and dates", expand=True)
        for col in ("as written", "resolved", "detail"):
            pt.add_column(col)
        done = set()
        for p in analysis.places:
            if p.text in done:
                continue
            done.add(p.text)
            coords = f"{p.lat:.3f}, {p.lon:.3f}" if p.lat is not None and p.lon is not None else "not located"
            pt.add_row(p.text, ", ".join(x for x in (p.name, p.admin1, p.country) if x), f"{coords} ({p.precision or '?'})")
        for d in analysis.dates:
            pt.add_row(d.text, d.value or "relative (no publication date)", d.granularity)
        console.print(pt)

    for c in analysis.contradictions:
        console.print(Panel(f"{_actor(c.actor)}: {c.why}", title="Say-do gap", style="red"))
