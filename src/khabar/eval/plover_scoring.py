"""Scoring coded events against gold records (PLOVER gold standard and PLV): pure functions.

See docs/events.md, "Scoring", for the definitions these functions implement.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from khabar.model import ActorRef, Event

# PLOVER 0.5 names -> the current 16 types (data README); PLV's older name for RETREAT.
TYPE_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
            "FIGHT": "ASSAULT", "YIELD": "RETREAT"}
# non-ISO country codes found in the gold records
CODE_MAP = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
# PLOVER 0.5 gold records code every intergovernmental body as IGO, where the actors
# knowledge base (like CAMEO and later PLOVER) distinguishes the UN (UNO), the EU (EUR)
# and a few others: on records whose gold uses the 0.5 vocabulary these count as IGO.
IGO_LIKE = {"UNO", "EUR", "NAT", "AFR", "ARL", "ASN", "OPC", "CIS"}


def norm_type(name: str) -> str:
    name = (name or "").strip().upper()
    return TYPE_MAP.get(name, name)


def norm_code(code: str | None) -> str | None:
    if not code:
        return None
    code = code.strip().upper()[:3]
    return CODE_MAP.get(code, code)


def norm_code_igo(code: str | None) -> str | None:
    """:func:`norm_code`, then the IGO-like codes (UN, EU, ...) as PLOVER 0.5's IGO."""
    code = norm_code(code)
    return "IGO" if code in IGO_LIKE else code


def norm_sector(sector: str | None) -> str | None:
    return sector.strip().upper()[:3] if sector else None


@dataclass
class GoldArg:
    """One gold actor or recipient: text span (when known), code and sector (when given)."""

    text: str
    start: int | None
    end: int | None
    code: str | None = None
    sector: str | None = None


@dataclass
class GoldRecord:
    id: str
    text: str
    event_type: str
    actors: list[GoldArg]
    recipients: list[GoldArg]
    fmt: str  # "plover" or "plv"
    trigger: str | None = None
    # the gold codes use PLOVER 0.5's single IGO code for all intergovernmental bodies
    igo_vocabulary: bool = False


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def prf(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass
class Scores:
    """Running totals over records."""

    n: int = 0
    type_hits: int = 0
    extra: int = 0
    actor_codes: Tally = field(default_factory=Tally)
    recipient_codes: Tally = field(default_factory=Tally)
    actor_spans: Tally = field(default_factory=Tally)
    recipient_spans: Tally = field(default_factory=Tally)
    sector_pairs: int = 0
    sector_agree: int = 0
    confusion: Counter = field(default_factory=Counter)


# PLV's YIELD (scored as RETREAT) predates the manual's split of YIELD into the verbal
# CONCEDE and the material RETREAT, so on PLV records either current type matches it.
PLV_EQUIVALENT = {"RETREAT": {"RETREAT", "CONCEDE"}}


def accepted(gold_type: str, fmt: str) -> set[str]:
    """Predicted types that count as the gold type for a record format."""
    if fmt == "plv":
        return PLV_EQUIVALENT.get(gold_type, {gold_type})
    return {gold_type}


def pick(events: list[Event], gold_type: str, ok: set[str] | None = None) -> Event | None:
    """The prediction scored against the gold event: the first of an accepted type, else
    the most confident one."""
    ok = ok or {gold_type}
    same = [e for e in events if e.event_type in ok]
    if same:
        return same[0]
    return max(events, key=lambda e: e.confidence) if events else None


def _code_counts(gold: list[GoldArg], pred: list[ActorRef], igo: bool = False) -> tuple[int, int, int]:
    norm = norm_code_igo if igo else norm_code
    g = {c for c in (norm(a.code) for a in gold) if c}
    p = {c for c in (norm(a.code) for a in pred) if c}
    return len(g & p), len(p - g), len(g - p)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _span_counts(gold: list[GoldArg], pred: list[ActorRef]) -> tuple[int, int, int]:
    gold = [g for g in gold if g.start is not None]
    hit_g = sum(any(_overlaps(g.start, g.end, p.start, p.end) for p in pred) for g in gold)
    hit_p = sum(any(_overlaps(g.start, g.end, p.start, p.end) for g in gold) for p in pred)
    return hit_g, len(pred) - hit_p, len(gold) - hit_g


def _sectors(gold: list[GoldArg], pred: list[ActorRef], igo: bool = False) -> tuple[int, int]:
    norm = norm_code_igo if igo else norm_code
    pairs = agree = 0
    for g in gold:
        if not g.sector:
            continue
        match = next((p for p in pred if norm(p.code) and norm(p.code) == norm(g.code)), None)
        if match is None and g.start is not None:
            match = next((p for p in pred if _overlaps(g.start, g.end, p.start, p.end)), None)
        if match is None:
            continue
        pairs += 1
        agree += norm_sector(match.sector) == norm_sector(g.sector)
    return pairs, agree


def score_record(s: Scores, gold: GoldRecord, events: list[Event]) -> dict:
    """Add one record's result to the totals; returns its detail (for the misses list)."""
    s.n += 1
    types = [e.event_type for e in events]
    ok = accepted(gold.event_type, gold.fmt)
    hit = bool(ok & set(types))
    s.type_hits += hit
    s.extra += max(0, len(events) - 1)
    best = pick(events, gold.event_type, ok)
    got = best.event_type if best else "NONE"
    s.confusion[(gold.event_type, gold.event_type if got in ok else got)] += 1
    actors = best.actors if best else []
    recips = best.recipients if best else []
    if gold.fmt == "plover":
        s.actor_codes.add(*_code_counts(gold.actors, actors, gold.igo_vocabulary))
        s.recipient_codes.add(*_code_counts(gold.recipients, recips, gold.igo_vocabulary))
    s.actor_spans.add(*_span_counts(gold.actors, actors))
    s.recipient_spans.add(*_span_counts(gold.recipients, recips))
    for g, p in ((gold.actors, actors), (gold.recipients, recips)):
        pairs, agree = _sectors(g, p, gold.igo_vocabulary)
        s.sector_pairs += pairs
        s.sector_agree += agree
    return {
        "id": gold.id, "gold": gold.event_type, "predicted": types, "type_hit": hit,
        "gold_actors": [f"{a.text} ({a.code or '-'})" for a in gold.actors],
        "gold_recipients": [f"{a.text} ({a.code or '-'})" for a in gold.recipients],
        "actors": [f"{a.text} ({a.code or '-'})" for a in actors],
        "recipients": [f"{a.text} ({a.code or '-'})" for a in recips],
        "trigger": best.trigger.text if best else None,
        "evidence": gold.text,
    }


def summary(s: Scores) -> dict:
    """The metrics of a set of records (keys as in PRODUCT.md plus details)."""
    n = max(s.n, 1)
    return {
        "records": s.n,
        "event_type_accuracy": round(s.type_hits / n, 4),
        "actor_f1": s.actor_codes.prf()["f1"],
        "recipient_f1": s.recipient_codes.prf()["f1"],
        "actor_codes": s.actor_codes.prf(),
        "recipient_codes": s.recipient_codes.prf(),
        "actor_span_f1": s.actor_spans.prf()["f1"],
        "recipient_span_f1": s.recipient_spans.prf()["f1"],
        "extra_events_per_record": round(s.extra / n, 4),
        "sector_agreement": round(s.sector_agree / s.sector_pairs, 4) if s.sector_pairs else None,
        "sector_pairs": s.sector_pairs,
        "confusion": {f"{g}->{p}": c for (g, p), c in sorted(s.confusion.items())},
    }
