"""Where an event happened: the place governing its clause, else its sentence's, else the
article's main place (issue 6). Fallbacks say so in ``PlaceRef.reason``."""

from __future__ import annotations

from khabar.context import Annotated
from khabar.model import PlaceRef
from khabar.resolve.places.main import main_place

# A country says little about where something happened when a town is named beside it.
# Dependents that open another clause (with its own event and its own place).
_EMBEDDED = {"ccomp", "advcl", "relcl", "acl", "conj", "parataxis", "appos"}
_RANK = {"point": 0, "district": 0, "city": 0, "admin1": 1, "region": 1, "country": 2}


def _nearest(places: list[PlaceRef], pos: int) -> PlaceRef:
    return min(places, key=lambda p: (_RANK.get(p.precision or "", 3), abs(p.start - pos)))


def event_location(ctx: Annotated, trigger_start: int, trigger_end: int,
                   sentence_start: int, sentence_end: int) -> PlaceRef | None:
    """The location of an event whose trigger and sentence are given by character offsets.

    Args:
        ctx: the annotated article, with ``ctx.places`` filled by the places stage.
        trigger_start, trigger_end: the event trigger's span.
        sentence_start, sentence_end: the evidence sentence's span.

    Returns:
        A resolved place; ``reason`` is None when the trigger's clause names it, else
        "sentence" or "article main place". None when the article places nothing.
    """
    resolved = [p for p in ctx.places if p.lat is not None]
    span = ctx.doc.char_span(trigger_start, trigger_end, alignment_mode="expand")
    if span is not None:
        # The clause: the subtree of the trigger's verb, without embedded clauses of other verbs.
        root = span.root
        while root.pos_ not in ("VERB", "AUX") and root.head is not root:
            root = root.head
        tokens = [t for t in root.subtree
                  if not any(a.dep_ in _EMBEDDED and a is not root
                             for a in t.ancestors if a in root.subtree and a.i != root.i)]
        clause = [p for p in resolved if any(t.idx <= p.start < t.idx + len(t.text) for t in tokens)]
        if clause:
            return _nearest(clause, trigger_start)
    sentence = [p for p in resolved if sentence_start <= p.start and p.end <= sentence_end]
    if sentence:
        return _nearest(sentence, trigger_start).model_copy(update={"reason": "sentence"})
    main = main_place(resolved, ctx.article.text, ctx.actors)
    return main.model_copy(update={"reason": "article main place"}) if main else None
