"""Coordinated phrases: several actors in one noun phrase (``ActorStage.resolve_spans``).

"Russia and Turkey", "Russian and Turkish representatives", "the army and allied
militias": the dependency parse joins the parts with ``conj``. Coordinated nouns are
split into their own phrases; coordinated adjectives of one head ("Russian and Turkish
representatives") give one actor per adjective, each with the head's role and sector.
"""

from __future__ import annotations

from khabar.model import ActorRef


def resolve_spans(stage, ctx, start: int, end: int) -> list[ActorRef]:
    """Every actor of ``text[start:end]``: one per coordinated part, else ``[resolve_span]``."""
    doc = ctx.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    single = stage.resolve_span(ctx, start, end)
    if span is None or len(span) < 3:
        return [single] if single is not None else []
    head = span.root
    inside = range(span.start, span.end)
    nouns = [t for t in head.conjuncts if t.i in inside and t.pos_ in ("NOUN", "PROPN")]
    if nouns and head.pos_ in ("NOUN", "PROPN"):
        out = [stage.resolve_span(ctx, s, e) for s, e in _noun_parts(span, [head, *nouns])]
        out = [r for r in out if r is not None]
        if out:
            return _unique(out)
    adjs = [c for c in head.lefts if c.dep_ in ("amod", "compound", "nmod") and c.i in inside
            and any(k.i in inside for k in c.conjuncts)]
    if adjs and single is not None:
        out = []
        for adj in sorted([adjs[0], *[k for k in adjs[0].conjuncts if k.i in inside]], key=lambda t: t.i):
            ref = _adjective_actor(stage, ctx, adj, head, single)
            if ref is not None:
                out.append(ref)
        if len(out) > 1:
            return _unique(out)
    return [single] if single is not None else []


def _noun_parts(span, heads) -> list[tuple[int, int]]:
    """Character ranges of each coordinated noun with its own modifiers."""
    heads = sorted(heads, key=lambda t: t.i)
    others = {h.i for h in heads}
    parts = []
    for h in heads:
        toks = [h]
        stack = [c for c in h.children if c.i not in others and c.dep_ not in ("cc", "punct", "conj")]
        while stack:
            t = stack.pop()
            if span.start <= t.i < span.end:
                toks.append(t)
                stack.extend(c for c in t.children if c.i not in others)
        lo = min(t.i for t in toks)
        hi = max(t.i for t in toks)
        parts.append((span.doc[lo].idx, span.doc[hi].idx + len(span.doc[hi].text)))
    return parts


def _adjective_actor(stage, ctx, adj, head, whole: ActorRef) -> ActorRef | None:
    """One adjective of a coordination as an actor: its country with the head's role."""
    kb, when = stage.kb, ctx.article.published
    found = kb.candidates(adj.text, when, fuzzy=False)
    if found and kb.actors[found[0].actor].type == "state":
        state = kb.actors[found[0].actor]
        code, org = state.code, state.id
    else:
        ref = stage.resolve_span(ctx, adj.idx, adj.idx + len(adj.text))
        if ref is None or not ref.code:
            return None
        code, org = ref.code, ref.id
    if adj.i + 1 == head.i or adj.i == max(k.i for k in (adj, *adj.conjuncts)):
        start, end = adj.idx, head.idx + len(head.text)  # the last one is contiguous with its head
    else:
        start, end = adj.idx, adj.idx + len(adj.text)
    name = f"{adj.text} {head.text}"
    return whole.model_copy(update={"text": ctx.article.text[start:end], "start": start, "end": end,
                                    "name": name, "code": code, "organisation": org,
                                    "id": None, "resolved": False})


def _unique(refs: list[ActorRef]) -> list[ActorRef]:
    out, seen = [], set()
    for r in refs:
        key = (r.start, r.end, r.id, r.code)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
