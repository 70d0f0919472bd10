"""Is a name a place? The actors stage asks before it makes an actor of a name.

Two questions: whether a named entity spaCy tagged PERSON or ORG ("Atmeh", "al-Asharah",
"Hama Countryside") is a town the places gazetteer knows, and whether a capital named as a
country's metonym ("Damascus") is the government acting or only the city ("in Damascus",
"the suburbs of Damascus", a dateline "DAMASCUS (Sputnik)").

The gazetteer is the places stage's (``khabar.resolve.places.gazetteer``); the context
words are ``place_cues`` of ``khabar/data/places/words.yaml``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from khabar.data.places import country_lists, place_cues
from khabar.resolve.places.gazetteer import Entry, get_gazetteer

# Dependencies under which a capital acts for its state: "Damascus said", "accused Damascus",
# "Damascus's allies", "attacked by Damascus".
_AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "dobj", "dative", "poss", "iobj"})
# Prepositions whose object is a party, not a location ("talks with Damascus").
_PARTY_PREPS = frozenset({"by", "with", "between", "against", "on", "for", "than", "over", "and"})
# Heads of a compound that make the capital a place ("Damascus countryside", "Damascus airport").
_PLACE_HEADS = frozenset({"countryside", "suburbs", "suburb", "outskirts", "airport", "province",
                          "governorate", "city", "road", "highway", "university", "neighbourhood",
                          "neighborhood", "district", "area", "region", "countryside", "streets",
                          "street", "residents", "hospital", "citadel", "international", "based"})
_ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|ad|an|at|az)[-‐ ]", re.I)
_TRAILING = re.compile(r"(?:[ -](?:countryside|camps?|city|town|village|province|governorate|"
                       r"neighbou?rhood|district|region|(?:north|south)?-?(?:east|west)?(?:ern)?))+$",
                       re.I)
_PARTS = re.compile(r"\s+and\s+|(?<![Aa]l)(?<![Ee]l)-(?=[A-Z])")  # not "al-Foua"


def metonym_acts(doc, i: int) -> bool:
    """Whether the capital at token ``i`` names its government acting, not the city.

    "Damascus said", "accused Damascus", "talks with Damascus", "the Damascus government"
    act; "in Damascus", "the suburbs of Damascus", "Damascus countryside" and datelines
    ("DAMASCUS (Sputnik) -") are the city.
    """
    tok = doc[i]
    for _ in range(4):  # "Moscow and Damascus said": a conjunct takes its head's role
        if tok.dep_ != "conj" or tok.head.i == tok.i:
            break
        tok = tok.head
    if tok.dep_ in _AGENT_DEPS:
        return True
    if tok.dep_ == "pobj":
        return tok.head.lower_ in _PARTY_PREPS
    if tok.dep_ in ("compound", "nmod", "amod"):
        return tok.head.lower_ not in _PLACE_HEADS and tok.head.pos_ in ("NOUN", "PROPN")
    return False


@lru_cache(maxsize=1)
def _gazetteer():
    return get_gazetteer()


@lru_cache(maxsize=8192)
def gazetteer_place(name: str, strict: bool) -> Entry | None:
    """The place a name spells exactly, where the article's region makes it likely.

    Args:
        name: the name as written (a leading "the", a lost possessive "s" and trailing
            heads such as "Countryside" or "Camp" are dropped; "X and Y", "X-Y" must all be places).
        strict: only a place's own name, a curated place or a governorate (for PERSON entities).

    Returns:
        The gazetteer entry, or None.
    """
    name = name.strip()
    if name.lower().startswith("the "):
        name = name[4:]
    name = _TRAILING.sub("", name).strip()
    whole = _one(name, strict) or (_one(name[:-1], strict) if name.endswith("s") else None)
    parts = [p for p in _PARTS.split(name) if p]
    if whole is not None or len(parts) < 2:
        return whole
    found = None
    for part in parts:
        found = _one(part, strict) or (_one(part[:-1], strict) if part.endswith("s") else None)
        if found is None:
            return None
    return found


def _one(name: str, strict: bool) -> Entry | None:
    if len(name) < 4 or not name[:1].isupper() and not _ARTICLE.match(name):
        return None
    detail = country_lists()["detail_countries"]
    found = []
    for e in _gazetteer().find(name, 100.0):
        curated = e.kind not in ("city", "country")
        if e.kind == "country" or strict and not (e.primary or curated):
            continue
        if curated or e.cc in detail or e.population >= 100000:
            found.append((curated, e.population, e))
    # The most telling namesake: a curated place or governorate, else the most populous town.
    return max(found, key=lambda f: f[:2])[2] if found else None


def person_is_place(doc, ent, name: str) -> bool:
    """Whether a PERSON entity is a place: a gazetteer place's own name, in a place context
    ("in Atmeh", "Tal Samin village") or shaped like one ("al-Asharah", "Tel Brak")."""
    place = gazetteer_place(name, True)
    if place is None:
        return False
    if place.kind != "city" or place.population >= 50000:
        return True  # a governorate, a curated place or a city of its own
    cues = place_cues()
    first = name.split()[0].lower().split("-")[0]
    if _ARTICLE.match(name) or first in cues["prefixes"]:
        return True
    i = ent.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i >= 0 and doc[i].lower_ in cues["before"]:
        return True
    return ent.end < len(doc) and doc[ent.end].lower_ in cues["after"]


def named_as_place(doc, ent) -> bool:
    """Whether the text says an entity is a settlement, known to the gazetteer or not: "the
    village of Urum al-Joz", "Tal Samin village", and the first of two so named ("al-Furqan
    and al-Fayed neighborhoods")."""
    kinds = place_cues()["kinds"]
    before = ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and doc[ent.start - 2].lower_ in kinds
    if before:
        return True
    i = ent.end
    if i < len(doc) and doc[i].lower_ in ("and", ","):
        # past a coordinated name: capitalised words and the hyphens and articles inside it
        j = i + 1
        while j < len(doc) and j - i <= 5 and (doc[j].text[:1].isupper() or doc[j].text in ("-", "al", "el")):
            j += 1
        if j > i + 1:
            i = j
    return i < len(doc) and doc[i].lower_ in kinds


def is_place_list(text: str) -> bool:
    """Whether a name is wholly a run-on list of places ("Tartous Homs", scraped text without
    commas that spaCy tags as one person): the places stage reads it, no actor is made of it."""
    from khabar.resolve.places.lists import is_place_list as places_list  # it imports actors.vocab

    return places_list(text)
