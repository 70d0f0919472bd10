"""Resolve an arbitrary noun phrase of an article to one actor (``ActorStage.resolve_span``).

Used for event arguments and quote speakers: "The SDF spokesman Talal Silo",
"12 representatives of the rebel factions", "Iranian officials", "police",
"the newspaper". In order: a person inside the phrase (with its organisation); the
phrase as a whole name; the head noun as a role with the organisation or country named
in the phrase ("X of Y", "Iranian X"); a mention inside the phrase; the role noun alone
with the article's main country; an unknown named entity with best guesses.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from khabar.annotate.tokens import doc_ents, token_table
from khabar.intervals import Intervals
from khabar.model import ActorRef
from khabar.resolve.actors.context import REGIONAL_WORDS, ArticleContext, guess_unknown, place_country
from khabar.resolve.actors.matcher import find_mentions
from khabar.resolve.actors.persons import role_at
from khabar.resolve.actors.stage import based_at

_DETERMINERS = ("the ", "a ", "an ", "his ", "her ", "its ", "their ", "our ", "some ", "several ",
                "many ", "two ", "three ")


def resolve_span(stage, ctx, start: int, end: int) -> ActorRef | None:
    """See ``ActorStage.resolve_span``: the best single actor for ``text[start:end]``.

    Events and attribution often ask about the same phrase; the answer (an immutable
    ActorRef) is kept per document while its mentions and places stay the same.
    """
    memo = _article(stage, ctx)[4]
    key = (start, end)
    if key not in memo:
        memo[key] = _resolve_span(stage, ctx, start, end)
    return memo[key]


def _resolve_span(stage, ctx, start: int, end: int) -> ActorRef | None:
    kb, text, doc = stage.kb, ctx.article.text, ctx.doc
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum() and text[end - 1] not in ".)":
        end -= 1
    if start >= end:
        return None
    phrase = text[start:end]
    refs, art, index, ents, _ = _article(stage, ctx)
    near = index.overlapping(start, end)
    inside = [r for r in near if r.start >= start and r.end <= end]
    covering = [r for r in near if r.start <= start and end <= r.end]
    here = {"text": phrase, "start": start, "end": end}

    own = _own_country(kb, phrase, refs, start, here)
    if own is not None:
        return own
    persons = [r for r in inside if r.type == "person"]
    if persons:
        person = persons[-1]
        if not person.code:
            # Only evidence inside the phrase codes an unknown person ("Greek ... X").
            states = [r for r in inside if r.type == "state" and r.end <= person.start]
            if states:
                person = person.model_copy(update={"code": states[-1].code, "organisation":
                                                   person.organisation or states[-1].id})
        return person.model_copy(update=here)
    if covering:
        return _recode(covering[0], art).model_copy(update=here)
    straddling = [r for r in near if start <= r.start < end < r.end and r.id]
    if straddling and not inside:
        # A parse that cut a name in two ("the Jaish | alFath leaving"): the known name wins,
        # and the evidence runs to its end.
        r = straddling[0]
        return r.model_copy(update={"text": text[start:r.end], "start": start, "end": r.end})
    whole = _whole_name(kb, phrase, ctx.article.published)
    if whole is not None:
        return whole.model_copy(update=here)

    span = doc.char_span(start, end, alignment_mode="expand")
    head = span.root if span is not None else None
    role = _head_role(kb, doc, span, head)
    orgs = [r for r in inside if r.type != "state" and r.code and (r.id or r.type != "group")]
    states = [r for r in inside if r.type == "state"]
    if not states and (role is not None or inside):
        states = _states_in(stage, phrase, start, ctx)  # places named as states ("in the Ivory Coast")
    if role is not None:
        spec, role_text = role
        if spec.inanimate and not orgs and not states:
            return None  # "artillery", "airstrikes": means, not actors, unless an owner is named
        if orgs:
            org = orgs[-1]
            if not spec.person and org.id:  # "JFS fighters": the group itself
                return org.model_copy(update=here)
            return ActorRef(**here, name=phrase, code=org.code, sector=org.sector, type="person",
                            role=role_text, organisation=org.id, resolved=False)
        if states:
            st = states[0]
            held = kb.holder(role_text, st.code, ctx.article.published) if spec.person else None
            if held is not None and _definite(phrase):
                # "the Russian foreign minister" in a dated report: the person in that office.
                office = kb.office(held.id, ctx.article.published)
                return ActorRef(**here, name=held.name, id=held.id, code=held.code,
                                sector=office.sector or held.sector, wikidata=held.wikidata,
                                type="person", role=role_text, organisation=office.organisation,
                                resolved=True)
            return ActorRef(**here, name=phrase, code=st.code, sector=spec.sector,
                            type="person" if spec.person else "group", role=role_text if spec.person else None,
                            organisation=st.id, resolved=False)
        # "Idlib administration", "Aleppo governor": the country of a place named in the phrase
        placed = [p.country for p in ctx.places_in(start, end) if p.country and not based_at(text, p.end)]
        # "a foreign government", "foreign fighters": of another country than the article's,
        # unnamed ("foreign minister" is a role of its own and keeps its country)
        before_role = phrase[:max(0, phrase.lower().find(role_text))]  # the words before the role noun
        # ... and "Western states", "Gulf countries", "world leaders": regional or global
        # constructs, which PLOVER gives no country
        regional = any(w.strip(".,").lower() in REGIONAL_WORDS for w in before_role.split())
        home = None if _FOREIGN.search(before_role) or regional else art.people_home(spec.sector)
        return ActorRef(**here, name=phrase, code=placed[0] if placed else home,
                        sector=spec.sector,
                        type="person" if spec.person else "group",
                        role=role_text if spec.person else None, resolved=False)
    if inside:
        root = _root_mention(inside, head)
        best = root or inside[0]
        if root is None and head is not None and best.type == "state" and best.end <= head.idx \
                and (head.ent_type_ == "NORP" or head.tag_ == "NNPS") \
                and not any(r.start <= head.idx < r.end for r in refs):
            # "Iraqi Kurds": a named community of the country its adjective names
            return ActorRef(**here, name=phrase, code=best.code, type="population", resolved=False)
        if best.type in ("population", "religious") and states and states[0].start < best.start:
            # "Iraqi Kurds": the community of the country named before it
            return ActorRef(**here, name=phrase, code=states[0].code, sector=best.sector,
                            type="population", resolved=False)
        return _recode(best, art).model_copy(update=here)
    inner = [e for e in ents.within(start, end) if e.label_ not in _NOT_ACTORS
             and not based_at(text, e.end_char)]
    if inner:
        e = inner[0]
        code, sector = guess_unknown(kb, e.text, e.label_, art)
        # The places stage (run before the callers of resolve_span) knows its gazetteer best:
        # an entity it resolved as a place ("Nyrabiya", even when tagged ORG) is a place.
        place = next((p for p in ctx.places_over(e.start_char, e.end_char) if p.country), None)
        if place is not None:
            return ActorRef(**here, name=e.text, code=place.country, type="place", resolved=False)
        return ActorRef(**here, name=e.text, code=code, sector=sector, resolved=False,
                        type="place" if e.label_ in ("GPE", "LOC") else None)
    code = place_country(phrase) if phrase[:1].isupper() and len(phrase) >= 4 else None
    if code:
        return ActorRef(**here, name=phrase, code=code, type="place", resolved=False)
    return None


# Entity labels that never name an actor ("Friday", "dozens", "70 percent").
_NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY",
                         "LAW", "WORK_OF_ART", "EVENT", "LANGUAGE", "PRODUCT"})
def _recode(ref: ActorRef, art: ArticleContext) -> ActorRef:
    """A generic group mention coded from context gets the evidence-based country."""
    if ref.id or ref.type not in ("group", "person") or ref.name != ref.text or ref.organisation:
        return ref
    return ref.model_copy(update={"code": art.people_home(ref.sector)})


def _article(stage, ctx):
    """(mentions, ArticleContext, mention index, entity index, resolve_span memo) of ``ctx``,
    built once per document (and per places/mentions)."""
    refs = ctx.actors if ctx.actors else stage.mentions_cached(ctx)
    key = (id(ctx.doc), id(refs), len(refs), len(getattr(ctx, "places", None) or ()))
    cache = stage.__dict__.setdefault("_span_cache", {})
    hit = cache.get("value")
    if hit is None or hit[0] != key or hit[1] is not ctx.doc:
        # Places below the country level say where the events happen ("in Idlib"); a country
        # name ("U.S. officials") is no such evidence.
        places = Counter(p.country for p in (getattr(ctx, "places", None) or ())
                         if p.country and p.precision not in (None, "country"))
        located = places or (stage._located[1] if stage._located[0] is ctx.doc else Counter())
        ents = Intervals(doc_ents(ctx.doc), lambda e: (e.start_char, e.end_char))
        cache["value"] = hit = (key, ctx.doc, (refs, ArticleContext(refs, located), Intervals(refs), ents, {}))
    return hit[2]


_FOREIGN = re.compile(r"\b(?:foreign|overseas)\b", re.I)
_OWN = re.compile(r"^(?:his|her|their|its) (?:own )?(country|government|nation|state|regime)$", re.I)


def _own_country(kb, phrase: str, refs: list[ActorRef], start: int, here: dict) -> ActorRef | None:
    """ "his country" / "their government": the state of the last actor named before it."""
    m = _OWN.match(phrase)
    if not m:
        return None
    before = [r for r in refs if r.end <= start and r.code and f"country.{r.code}" in kb.actors]
    if not before:
        return None
    persons = [r for r in before if r.type == "person"]
    anchor = (persons or before)[-1]
    state = kb.actors[f"country.{anchor.code}"]
    return ActorRef(**here, name=state.name, id=state.id, code=state.code, sector="GOV",
                    wikidata=state.wikidata, type="state", resolved=True)


def _states_in(stage, phrase: str, offset: int, ctx) -> list[ActorRef]:
    """States named in the phrase, places included ("rebels in the Ivory Coast")."""
    out = []
    for m in _phrase_mentions(stage.kb, phrase):
        alias = stage.kb.rank(m.aliases, phrase[m.start:m.end], ctx.article.published, None)[0]
        if stage.kb.actors[alias.actor].type == "state" and not based_at(phrase, m.end):
            out.append(stage.kb.ref(alias, phrase[m.start:m.end], offset + m.start, offset + m.end))
    return out


@lru_cache(maxsize=16384)
def _phrase_mentions(kb, phrase: str) -> tuple:
    """The knowledge base's names in a phrase: the same phrases ("the Syrian army") come back
    in article after article, and matching depends on nothing else."""
    return tuple(find_mentions(kb, phrase, generics=False))


def _definite(phrase: str) -> bool:
    """One office holder, not "a minister" or "officials": a definite, singular phrase."""
    low = phrase.lower()
    return not low.startswith(("a ", "an ", "some ", "several ", "two ", "three ", "former "))\
        and not low.rstrip().endswith("s")


def _whole_name(kb, phrase: str, when) -> ActorRef | None:
    low = phrase
    for det in _DETERMINERS:
        if low.lower().startswith(det):
            low = low[len(det):]
            break
    # Fuzzy lookup only for a short name: a long phrase is not one misspelt name.
    fuzzy = len(low.split()) <= 3 and all(w[:1].isupper() for w in low.split())
    found = kb.candidates(low, when, fuzzy=fuzzy)
    if not found:
        return None
    return kb.ref(found[0], phrase, 0, len(phrase), when)


def _head_role(kb, doc, span, head):
    """The role noun heading the phrase, with its modifiers ("foreign minister")."""
    if head is None:
        return None
    # the (at most) four words of the phrase ending at its head, as Tokens only for them
    toks = [doc[i] for i in range(max(span.start, head.i - 3), head.i + 1)]
    hit = role_at(kb, toks)
    if hit is None:
        return None
    first, _, spec = hit
    return spec, " ".join(token_table(doc).orth[first:head.i + 1]).lower()


def _root_mention(inside: list[ActorRef], head) -> ActorRef | None:
    if head is None:
        return None
    for r in inside:
        if r.start <= head.idx < r.end:
            return r
    return None
