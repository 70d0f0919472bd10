"""Resolve an arbitrary noun phrase of an article to one actor (``ActorStage.resolve_span``).

Used for event arguments and quote speakers: "The FSA Legal adviser Osama Abu Zaid",
"13 representatives of the revolutionary factions", "Iranian officials", "police",
"the newspaper". In order: a person inside the phrase (with its organisation); the
phrase as a whole name; the head noun as a role with the organisation or country named
in the phrase ("X of Y", "Iranian X"); a mention inside the phrase; the role noun alone
with the article's main country; an unknown named entity with best guesses.
"""

from __future__ import annotations

from khabar.model import ActorRef
from khabar.resolve.actors.context import ArticleContext, guess_unknown, place_country
from khabar.resolve.actors.persons import role_at

_DETERMINERS = ("the ", "a ", "an ", "his ", "her ", "its ", "their ", "our ", "some ", "several ",
                "many ", "two ", "three ")


def resolve_span(stage, ctx, start: int, end: int) -> ActorRef | None:
    """See ``ActorStage.resolve_span``: the best single actor for ``text[start:end]``."""
    kb, text, doc = stage.kb, ctx.article.text, ctx.doc
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum() and text[end - 1] not in ".)":
        end -= 1
    if start >= end:
        return None
    phrase = text[start:end]
    refs = ctx.actors if ctx.actors else stage(ctx)
    art = ArticleContext(refs)
    inside = [r for r in refs if r.start >= start and r.end <= end]
    covering = [r for r in refs if r.start <= start and end <= r.end]
    here = {"text": phrase, "start": start, "end": end}

    persons = [r for r in inside if r.type == "person"]
    if persons:
        return persons[-1].model_copy(update=here)
    if covering:
        return covering[0].model_copy(update=here)
    whole = _whole_name(kb, phrase, ctx.article.published)
    if whole is not None:
        return whole.model_copy(update=here)

    span = doc.char_span(start, end, alignment_mode="expand")
    head = span.root if span is not None else None
    role = _head_role(kb, doc, span, head)
    orgs = [r for r in inside if r.type != "state" and r.code]
    states = [r for r in inside if r.type == "state"]
    if role is not None:
        spec, role_text = role
        if orgs:
            org = orgs[-1]
            if not spec.person and org.id:  # "JFS fighters": the group itself
                return org.model_copy(update=here)
            return ActorRef(**here, name=phrase, code=org.code, sector=org.sector, type="person",
                            role=role_text, organisation=org.id, resolved=False)
        if states:
            st = states[0]
            return ActorRef(**here, name=phrase, code=st.code, sector=spec.sector,
                            type="person" if spec.person else "group", role=role_text if spec.person else None,
                            organisation=st.id, resolved=False)
        return ActorRef(**here, name=phrase, code=art.focus, sector=spec.sector,
                        type="person" if spec.person else "group",
                        role=role_text if spec.person else None, resolved=False)
    if inside:
        best = _root_mention(inside, head) or inside[0]
        return best.model_copy(update=here)
    ents = [e for e in doc.ents if e.start_char >= start and e.end_char <= end]
    if ents:
        e = ents[0]
        code, sector = guess_unknown(kb, e.text, e.label_, art)
        return ActorRef(**here, name=e.text, code=code, sector=sector, resolved=False,
                        type="place" if e.label_ in ("GPE", "LOC") else None)
    code = place_country(phrase) if phrase[:1].isupper() else None
    if code:
        return ActorRef(**here, name=phrase, code=code, type="place", resolved=False)
    return None


def _whole_name(kb, phrase: str, when) -> ActorRef | None:
    low = phrase
    for det in _DETERMINERS:
        if low.lower().startswith(det):
            low = low[len(det):]
            break
    found = kb.candidates(low, when, fuzzy=True)
    if not found:
        return None
    return kb.ref(found[0], phrase, 0, len(phrase), when)


def _head_role(kb, doc, span, head):
    """The role noun heading the phrase, with its modifiers ("foreign minister")."""
    if head is None:
        return None
    toks = [t for t in span if t.i <= head.i][-4:]
    hit = role_at(kb, toks)
    if hit is None:
        return None
    first, _, spec = hit
    return spec, " ".join(t.text for t in doc[first:head.i + 1]).lower()


def _root_mention(inside: list[ActorRef], head) -> ActorRef | None:
    if head is None:
        return None
    for r in inside:
        if r.start <= head.idx < r.end:
            return r
    return None
