"""Persons: role and organisation from appositions, pre-modifiers and "X of Y"; role nouns.

"Abu Ahmad al-Halabi, commander in Jaysh al-Islam" -> role "commander", organisation
Jaysh al-Islam; "The SDF spokesman Talal Silo" -> role "spokesman", organisation
the SDF; "Russian Foreign Minister Sergei Lavrov" -> role "foreign minister", Russia.
A knowledge-base person without such clues takes the office valid at the publication date.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from khabar.annotate.tokens import token_table
from khabar.model import ActorRef
from khabar.resolve.actors.schema import RoleSpec
from khabar.resolve.keys import name_key

_NAME_PART = re.compile(r"^(?:[A-Z][\w'’.-]*|(?:al|el)[A-Z-][\w'’-]*)$")
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "abd", "de", "van", "von", "ben", "bint"})
_STOP = frozenset({",", ".", ";", ":", "(", ")", "“", "”", '"', "!", "?"})
_LINKS = frozenset({"in", "of", "at", "with", "from", "for", "to"})



def token_at(doc, pos: int) -> int:
    """Index of the first token starting at or after character ``pos`` (cached per doc)."""
    return bisect_left(token_table(doc).idx, pos)


def extend_person(doc, ent) -> int:
    """End offset of a PERSON entity extended over the name parts the model cut off."""
    i = ent.end
    while i < len(doc) and i < ent.end + 3:
        tok = doc[i]
        if tok.is_sent_start or not tok.text:
            break
        if _NAME_PART.match(tok.text) and tok.pos_ in ("PROPN", "NOUN", "X", "ADJ"):
            i += 1
        elif tok.lower_ in _PARTICLES and i + 1 < len(doc) and doc[i + 1].text[:1].isupper():
            i += 2
        else:
            break
    return doc[i - 1].idx + len(doc[i - 1].text) if i > ent.end else ent.end_char


def role_at(kb, tokens) -> tuple[int, int, RoleSpec] | None:
    """The longest role noun phrase ending at the last of ``tokens``: (first index, end char, spec)."""
    for n in (4, 3, 2, 1):
        if len(tokens) < n:
            continue
        part = tokens[-n:]
        spec = kb.role(" ".join(t.text for t in part))
        if spec is not None:
            return part[0].i, part[-1].idx + len(part[-1].text), spec
    return None


def role_after(kb, doc, pos: int) -> tuple[int, RoleSpec, bool] | None:
    """A role noun right after ``pos`` ("Iranian officials") or heading the word at ``pos``."""
    i = token_at(doc, pos)
    toks = [doc[k] for k in range(i, min(i + 4, len(doc)))]
    if toks and token_table(doc).text[pos:toks[0].idx].strip() == "":
        for n in (3, 2, 1):
            spec = kb.role(" ".join(t.text for t in toks[:n])) if len(toks) >= n else None
            if spec is not None and toks[n - 1].pos_ in ("NOUN", "PROPN"):
                return toks[n - 1].idx + len(toks[n - 1].text), spec, True
    if i == 0:
        return None
    tok = doc[i - 1]
    head = tok.head.head if tok.dep_ == "conj" else tok.head
    if head.pos_ == "NOUN" and head.i > tok.i:
        spec = kb.role(head.text)
        if spec is not None:
            return head.idx + len(head.text), spec, False
    return None


def _refs_between(refs: list[ActorRef], start: int, end: int, exclude: ActorRef) -> list[ActorRef]:
    return [r for r in refs if start <= r.start and r.end <= end and r is not exclude
            and r.type != "person"]


def premodifier(kb, doc, start: int):
    """(role text, first token start) of a title in front of a name: "FSA legal adviser"."""
    j = token_at(doc, start)
    table = token_table(doc)
    toks = [doc[k] for k in range(max(0, j - 8), j) if table.end(k) <= start]
    window = []
    for tok in reversed(toks):
        if tok.text in _STOP or tok.pos_ in ("VERB", "AUX", "ADP", "PRON", "CCONJ", "SCONJ"):
            break
        window.insert(0, tok)
    if not window:
        return None
    hit = role_at(kb, window)
    if hit is None:
        return None
    first, _, spec = hit
    role = " ".join(t.text for t in doc[first:window[-1].i + 1]).lower()
    return role, spec, window[0].idx


def apposition(kb, doc, end: int):
    """(role text, spec, window end) after a name: ", commander in Jaysh al-Islam" or "of X"."""
    i = token_at(doc, end)
    toks = [doc[k] for k in range(i, min(i + 10, len(doc)))]
    if not toks:
        return None
    if toks[0].text == ",":
        window = []
        for tok in toks[1:]:
            if tok.text in _STOP or tok.pos_ in ("VERB", "AUX"):
                break
            window.append(tok)
        role_toks = []
        for tok in window:
            if tok.lower_ in _LINKS:
                break
            role_toks.append(tok)
        hit = role_at(kb, role_toks) if role_toks else None
        if hit is None:
            return None
        first, _, spec = hit
        role = " ".join(t.text for t in doc[first:role_toks[-1].i + 1]).lower()
        wend = window[-1].idx + len(window[-1].text)
        return role, spec, wend
    if toks[0].lower_ in ("of", "from") and len(toks) > 1:
        return None, None, toks[min(len(toks) - 1, 5)].idx + len(toks[min(len(toks) - 1, 5)].text)
    return None


def enrich_person(kb, ctx, ref: ActorRef, art) -> ActorRef:
    """Role, organisation, code and sector of a person mention."""
    doc, when = ctx.doc, ctx.article.published
    role = spec = org = state = None
    pre = premodifier(kb, doc, ref.start)
    if pre:
        role, spec, wstart = pre
        near = _refs_between(art.refs, wstart, ref.start, ref)
        org = next((r for r in near if r.type != "state" and r.id), None)
        state = next((r for r in near if r.type == "state"), None)
    post = apposition(kb, doc, ref.end)
    if post:
        prole, pspec, wend = post
        near = _refs_between(art.refs, ref.end, wend, ref)
        role, spec = role or prole, spec or pspec
        org = org or next((r for r in near if r.type != "state" and r.id), None)
        state = state or next((r for r in near if r.type == "state"), None)
    office = kb.office(ref.id, when) if ref.id else None
    update: dict = {}
    if office is not None:
        update["role"] = office.role
        if office.organisation:
            update["organisation"] = office.organisation
            oa = kb.actors[office.organisation]
            update["sector"] = office.sector or (oa.sector if oa.type != "state" else ref.sector)
        elif office.sector:
            update["sector"] = office.sector
    if role:
        update["role"] = role
    if org is not None:
        update.update(organisation=org.id, code=org.code, sector=org.sector)
    elif state is not None:
        update.setdefault("organisation", state.id)
        update["code"] = state.code
        if spec is not None and not ref.id:
            update["sector"] = spec.sector
    elif spec is not None and not ref.id:
        update["sector"] = spec.sector
    if not ref.code and "code" not in update and spec is not None:
        # A title without a country ("President X", "Judge Y") holds an office of the
        # country the article is clearly about; no title, no guess.
        home = art.clear_home
        if home:
            update["code"] = home
    return ref.model_copy(update=update) if update else ref


# A person's full name as the parse gives it: words of letters, no quote marks or digits
# ("Tal Halaf\" Havidar" is a place run into a name).
_A_NAME = re.compile(r"[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*)+")
_LINKED = ("name", "id", "code", "sector", "wikidata", "type", "resolved", "role", "organisation")


def link_short_names(refs: list[ActorRef]) -> list[ActorRef]:
    """A person named in full once and by surname elsewhere is one person.

    "Flynn says ..." in a headline and "Retired Lt. Gen. Michael Flynn said" in the text:
    an unresolved person (or organisation: the small model's frequent reading of a lone
    surname) whose words are the last words of exactly one person's full
    name in the same article (before or after it, "Abu Rajab" for "Mohamad Abu Rajab" too)
    takes that person's name, codes, role and organisation. Two people who share the
    surname ("Donald Trump", "Ivanka Trump") leave it as it is.
    """
    full: dict[tuple[str, ...], dict[str, ActorRef]] = {}
    for r in refs:
        name = r.name or r.text
        if r.type != "person" or not _A_NAME.fullmatch(name):  # two words or more
            continue
        words = tuple(name_key(w) for w in name.split())
        for k in range(1, len(words)):
            full.setdefault(words[-k:], {}).setdefault(r.id or " ".join(words), r)
    if not full:
        return refs
    out = []
    for r in refs:
        # the small model often takes a lone surname for an organisation ("Okonkwo says")
        if r.type in ("person", "organisation") and not r.id:
            people = full.get(tuple(name_key(w) for w in r.text.split()), {})
            if len(people) == 1:
                whole = next(iter(people.values()))
                # the full mention's reading, and the short one's guesses where it has none
                r = r.model_copy(update={k: getattr(whole, k) if getattr(whole, k) is not None
                                         else getattr(r, k) for k in _LINKED})
        out.append(r)
    return out
