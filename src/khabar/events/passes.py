"""Whole-sentence and whole-article passes over the rule coder's events.

Split from ``khabar.events.rules``: conditional agreements ("X agreed, but said Y should
..."), demonstrative event nouns pointing back ("this agreement"), and deduplicating
argument lists.
"""

from __future__ import annotations

from khabar.context import Annotated
from khabar.model import ActorRef, Event, Span


def _same(a: ActorRef, b: ActorRef) -> bool:
    return (a.start, a.end) == (b.start, b.end) or (a.id is not None and a.id == b.id)


def _conditions(events: list[Event]) -> list[Event]:
    """"X agreed, but said that Y should agree": the agreement is conditional on the
    request that follows it in the sentence."""
    out = list(events)
    for i, ev in enumerate(out):
        if ev.event_type != "AGREE" or ev.status not in {"agreed", "accepted"}:
            continue
        later = [e for e in out[i + 1:] if e.event_type == "REQUEST" and e.trigger.start > ev.trigger.end
                 and any(_same(a, b) for a in e.actors for b in ev.actors)]
        if later:
            req = later[0]
            cond = Span(text=req.evidence.text[req.trigger.start - req.evidence.start:]
                        .split(".")[0], start=req.trigger.start, end=0)
            cond = Span(text=cond.text, start=cond.start, end=cond.start + len(cond.text))
            terms = dict(ev.terms)
            terms["condition"] = [cond]
            out[i] = ev.model_copy(update={"status": "conditional", "terms": terms})
    return out


ANAPHORIC_DETS = {"this", "that", "these", "those", "such"}
# "the meeting", "the talks": a definite event noun with no arguments of its own also
# points back (only for its participants: "the" is too weak to carry a place over)
DEFINITE_DETS = {"the"}
# meetings and other reciprocal acts have several parties: the event referred to is the
# nearest one that names more than one when there is such
RECIPROCAL = {"CONSULT", "COOPERATE"}


def _anaphora(ctx: Annotated, events: list[Event]) -> list[Event]:
    """An event noun with a demonstrative ("this agreement", "that meeting") points back to
    the latest earlier event of its type: it takes that event's actors when it names none,
    and its place and date when it has only a fallback place. A definite one ("the
    meeting") with no arguments at all takes only the participants; for reciprocal types
    the nearest earlier event naming several parties is preferred."""
    out = list(events)
    for i, ev in enumerate(out):
        span = ctx.doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
        if span is None or span.root.pos_ != "NOUN":
            continue
        dets = {c.lower_ for c in span.root.children if c.dep_ == "det"}
        demonstrative = bool(dets & ANAPHORIC_DETS)
        if not demonstrative and not (dets & DEFINITE_DETS and not ev.actors and not ev.recipients):
            continue
        earlier = [e for e in out[:i] if e.event_type == ev.event_type]
        if not earlier:
            continue
        update: dict = {}
        with_actors = [e for e in earlier if e.actors]
        if ev.event_type in RECIPROCAL:
            with_actors = [e for e in with_actors if len(e.actors) > 1] or with_actors
        if not ev.actors and with_actors:
            update["actors"] = list(with_actors[-1].actors)
        prev = earlier[-1]
        if not demonstrative:
            if update:
                out[i] = ev.model_copy(update=update)
            continue
        fallback = ev.location is None or (ev.location.reason or "").startswith(("sentence", "article"))
        if fallback and prev.location is not None and (prev.location.reason or "").startswith("governed"):
            update["location"] = prev.location.model_copy(update={"reason": "as the event it refers to"})
            if ev.date is None and prev.date is not None:
                update["date"] = prev.date
        if update:
            out[i] = ev.model_copy(update=update)
    return out


def _dedupe(refs: list[ActorRef]) -> list[ActorRef]:
    out: list[ActorRef] = []
    for r in refs:
        if not any(_same(r, o) for o in out):
            out.append(r)
    return out
