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


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _evidence(e: Event, context: int = 110) -> Text:
    """The trigger in its sentence, clipped around it, the trigger underlined."""
    sentence, offset = e.evidence.text, e.trigger.start - e.evidence.start
    lo, hi = max(0, offset - context), min(len(sentence), offset + len(e.trigger.text) + context)
    before = ("…" if lo else "") + " ".join(sentence[lo:offset].split())
    after = " ".join(sentence[offset + len(e.trigger.text):hi].split()) + ("…" if hi < len(sentence) else "")
    out = Text("    “" + before + (" " if sentence[lo:offset][-1:].isspace() else ""), style="dim")
    out.append(e.trigger.text, style="bold underline")
    out.append((" " if sentence[offset + len(e.trigger.text):][:1].isspace() else "") + after + "”", style="dim")
    return out


def render(analysis: Analysis, console: Console, text: str | None = None) -> None:
    """Print the report: article header, events, quotes, actors, places, dates, contradictions."""
    art = analysis.article
    header = Text(art.title or "(untitled)", style="bold")
    main = analysis.main_place
    meta = " · ".join(x for x in (art.publisher, str(art.published) if art.published else "date unknown",
                                   f"main place: {main.name}" + (f" ({main.admin1})" if main.admin1 and
                                                                 main.admin1 != main.name else "")
                                   if main else None, art.external_id, art.id) if x)
    console.print(Panel(Group(header, Text(meta, style="dim")), expand=True))

    console.print(Text(f"Events ({len(analysis.events)})", style="bold underline"))
    quote_no = {q.id: i + 1 for i, q in enumerate(analysis.quotes)}
    for n, e in enumerate(analysis.events, 1):
        line = Text(f"{n:>2}. ")
        line.append_text(_event_line(e))
        line.append("  " + _actors(e.actors), style="bold")
        if e.recipients:
            line.append(" → " + _actors(e.recipients))
        if e.mediators:
            line.append("  (via " + _actors(e.mediators) + ")", style="italic")
        console.print(line)
        where = [f"where: {e.location.name or e.location.text}" if e.location else None,
                 f"when: {e.date.value or e.date.text}" if e.date else None,
                 ("reported in quote " + ", ".join(f"#{quote_no.get(q, '?')}" for q in e.attribution))
                 if e.attribution else None]
        if any(where):
            console.print(Text("    " + " · ".join(w for w in where if w), style="dim"))
        for key, spans in e.terms.items():
            console.print(Text(f"    {key}: " + "; ".join(_clip(s.text, 200) for s in spans), style="green"))
        console.print(_evidence(e), soft_wrap=False)
    if analysis.quotes:
        console.print(Text(f"\nWho said what ({len(analysis.quotes)})", style="bold underline"))
        for n, q in enumerate(analysis.quotes, 1):
            line = Text(f"#{n:<2} ")
            line.append(_actor(q.speaker) if q.speaker else "(unknown speaker)", style="bold")
            if q.speaker_role:
                line.append(f", {q.speaker_role}")
            line.append(f"  {q.kind}", style="magenta")
            if q.cue:
                line.append(f" \"{q.cue.text}\"", style="magenta")
            if q.via:
                line.append("  according to " + " → ".join(_actor(v) for v in q.via), style="italic")
            console.print(line)
            console.print(Text("    " + _clip(q.content.text, 300), style="dim"))
    console.print()

    seen: dict[str, ActorRef] = {}
    for a in analysis.actors:
        seen.setdefault(a.id or (a.name or a.text).lower(), a)
    if seen:
        at = Table(title=f"Actors ({len(seen)} distinct, {len(analysis.actors)} mentions)", expand=True)
        for col in ("actor", "code", "sector", "type", "wikidata", "as written"):
            at.add_column(col)
        for key, a in seen.items():
            forms = sorted({m.text for m in analysis.actors if (m.id or (m.name or m.text).lower()) == key})
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
        # An expression with no value is relative for want of a publication date, or one that
        # names no day ("morning", "recent years") even when the date is known.
        unread = "not resolved (too vague)" if analysis.article.published else "relative (no publication date)"
        for d in analysis.dates:
            pt.add_row(d.text, d.value or unread, d.granularity)
        console.print(pt)

    for c in analysis.contradictions:
        console.print(Panel(c.why, title="Say-do gap", style="red"))
