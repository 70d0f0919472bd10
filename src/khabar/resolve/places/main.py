"""The article's main place: where most of what it reports happened."""

from __future__ import annotations

import re
from collections import Counter

from khabar.data.places import admin1_surroundings
from khabar.model import ActorRef, PlaceRef

# Specific places say more about where events happened than countries and regions do.
_WEIGHT = {"point": 1.2, "district": 1.2, "city": 1.0, "admin1": 0.8, "region": 0.8, "country": 0.2}
# The title and lead name the main place first: they count three times. The lead is the first
# two sentences (a title and its first sentence), within these bounds in characters.
_LEAD_CHARS, _LEAD_MAX = 300, 600
_LEAD_FACTOR = 3.0
_SENTENCE_END = re.compile(r"[.!?][\"\u201d']?\s+(?=[A-Z\"\u201c])")
# News leads name the main event's place first (the inverted pyramid): the first place named
# as a place (not a reference point, an origin or a speaking capital) gets this extra vote.
_FIRST_BONUS = 1.0
_REFERENCE, _ORIGIN, _METONYM = 0.5, 0.5, 0.3
# "near X", "north of X", "X's suburbs": X is a reference point, not where things happened.
_BEFORE = re.compile(r"\b(?:near|outside|around|toward|towards|(?:north|south|east|west)(?:east|west)?"
                     r"\s+of|(?:outskirts|suburbs?|countryside)\s+of)"
                     r"(?:\s+(?:the|\w+s|\w+n|capital|city|town))*\s*$", re.I)
_AFTER = re.compile(r"^\W{0,2}s?\s*(?:suburbs?|outskirts|countryside|environs)\b", re.I)
# "evacuees from the towns of X", "fled from X", "residents of the besieged villages of X":
# where people (or fire) came from.
_FROM = re.compile(r"\b(?:from|(?:residents|natives|evacuees)\s+of)\s+(?:the\s+)?(?:(?:\w+\s+){0,3}of\s+)?$",
                   re.I)
# "X and Y", "X, Y": a list shares the role of its first member ("near Damascus and Homs").
_LIST = re.compile(r"^\s*(?:,|and|or|,\s*and)\s*$")
# "Damascus said", "Moscow has repeatedly denied": a capital speaking for its government. Not
# after a preposition: "residents in Aleppo said" places the speakers.
_AGENT = re.compile(r"^\s+(?:(?:has|have|had)\s+)?(?:\w+ly\s+)?(?:said|says|denied|denies|accused|accuses|"
                    r"announced|announces|warned|warns|rejected|rejects|claimed|claims|insisted|stated|"
                    r"condemned|condemns|urged|urges|called)\b", re.I)
_PREPOSITION = re.compile(r"\b(?:in|at|from|of|near|to|into|on|across|around|inside|outside)\s+(?:the\s+)?"
                          r"(?:\w+\s+){0,2}$", re.I)


def _is_reference(p: PlaceRef, text: str | None) -> bool:
    return text is not None and bool(_BEFORE.search(text[max(0, p.start - 40):p.start])
                                     or _AFTER.match(text[p.end:p.end + 16]))


def _metonym(p: PlaceRef, text: str | None, actors: dict[tuple[int, int], ActorRef]) -> bool:
    """A place standing for a government or an outlet: a capital the actors stage resolved as
    its own country's state ("Damascus" as Syria; a town misread as another country's state is
    no metonym), a name resolved as a media outlet, or a place that speaks ("Damascus said");
    never after a locative preposition ("in the Syrian capital Damascus")."""
    if text is not None and _PREPOSITION.search(text[max(0, p.start - 40):p.start]):
        return False
    a = actors.get((p.start, p.end))
    if a is not None and (a.type == "media" or (a.type == "state" and a.code == p.country)):
        return True
    return text is not None and bool(_AGENT.match(text[p.end:p.end + 40]))


def _roles(places: list[PlaceRef], text: str | None,
           actors: dict[tuple[int, int], ActorRef]) -> list[str]:
    """Per mention: "reference", "origin", "metonym" or "place" (mentions in text order)."""
    roles: list[str] = []
    for i, p in enumerate(places):
        if _is_reference(p, text):
            role = "reference"
        elif _metonym(p, text, actors):
            role = "metonym"
        elif text is not None and _FROM.search(text[max(0, p.start - 60):p.start]):
            role = "origin"
        elif (text is not None and i and roles[-1] in ("reference", "origin")
              and _LIST.match(text[places[i - 1].end:p.start])):
            role = roles[-1]
        else:
            role = "place"
        roles.append(role)
    return roles


def _lead_end(text: str | None) -> int:
    if text is None:
        return _LEAD_CHARS
    ends = [m.end() for _, m in zip(range(2), _SENTENCE_END.finditer(text, 0, _LEAD_MAX))]
    return max(_LEAD_CHARS, ends[-1] if len(ends) == 2 else _LEAD_MAX)


def _weight(p: PlaceRef, role: str, lead: int = _LEAD_CHARS) -> float:
    # "northern Syria" is a part of a country: as vague as the country itself.
    precision = "country" if p.precision == "region" and not p.admin1 else p.precision
    weight = _WEIGHT.get(precision, 0.5) * (_LEAD_FACTOR if p.start < lead else 1.0)
    return weight * {"reference": _REFERENCE, "origin": _ORIGIN, "metonym": _METONYM}.get(role, 1.0)


def main_place(places: list[PlaceRef], text: str | None = None,
               actors: list[ActorRef] | None = None) -> PlaceRef | None:
    """The article's main place, or None when nothing was resolved.

    Each resolved mention votes for its place, weighted by precision (towns and districts
    over countries), by position (the title and lead count three times; the first place
    named as such gets an extra vote), and down when it is a reference point ("near
    Damascus"), an origin ("evacuees from Foua") or a capital standing for a government
    ("Damascus denied"; a mention the actors stage resolved as that country's state).
    Mentions also vote for their governorate, so an article about several villages of one
    governorate lands there. A city-governorate named mostly as a reference point gives way
    to the governorate around it: the result keeps the city's name and point, with
    ``admin1`` the surrounding governorate, precision ``region`` and a ``reason``.

    Args:
        places: the article's place mentions (``Analysis.places``).
        text: the article text, to see what surrounds each mention (optional).
        actors: the article's actor mentions, to spot metonyms (optional).
    """
    resolved = sorted((p for p in places if p.lat is not None and p.precision), key=lambda p: p.start)
    if not resolved:
        return None
    # Only resolved actors: the actors stage also keeps place names spaCy mistook for people or
    # organisations ("Jassem", "Daraa") as unresolved actors.
    by_span = {(a.start, a.end): a for a in actors or [] if a.resolved}
    roles = _roles(resolved, text, by_span)
    lead = _lead_end(text)
    weights = [_weight(p, r, lead) for p, r in zip(resolved, roles)]
    home = _home_country(resolved, weights)
    surroundings = admin1_surroundings()
    votes: Counter = Counter()
    admin_votes: Counter = Counter()
    reference: Counter = Counter()
    first: dict[tuple, PlaceRef] = {}
    bonus_given = False
    for p, role, weight in zip(resolved, roles, weights):
        key = (p.name, p.country)
        if home is not None and p.country != home:
            weight *= 0.3
        elif not bonus_given and role == "place" and p.admin1 and p.precision not in ("country", "region"):
            weight += _FIRST_BONUS
            bonus_given = True
        votes[key] += weight
        first.setdefault(key, p)
        if p.admin1 and p.precision != "country":
            admin1 = p.admin1
            if p.precision == "city" and role == "reference":
                admin1 = surroundings.get(admin1, admin1)  # "near Damascus": Rif Dimashq
                reference[key] += weight
            admin_votes[(admin1, p.country)] += weight

    def total(k: tuple) -> tuple[float, int]:
        p = first[k]
        governorate = admin_votes.get((p.admin1, p.country), 0.0) if p.precision != "country" else 0.0
        return votes[k] + 0.5 * governorate, -p.start
    key = max(votes, key=total)
    best = first[key]
    around = surroundings.get(best.admin1 or "")
    if around and best.precision == "city" and reference[key] >= 0.5 * votes[key]:
        return best.model_copy(update={"admin1": around, "precision": "region",
                                       "reason": f"around {best.name}"})
    return best


def _home_country(resolved: list[PlaceRef], weights: list[float]) -> str | None:
    """The country where the article's weighty towns and districts are (a country named often
    as an actor, "US-led", or a capital that speaks, "Moscow said", does not count), helped by
    the countries named as places: a misread town abroad (a quarter of Aleppo read as the
    Iraqi city of the same name) ties with the real ones less often."""
    local: Counter = Counter()
    for p, w in zip(resolved, weights):
        if p.country:
            local[p.country] += w if p.precision != "country" else 0.25 * (w >= _WEIGHT["country"])
    return local.most_common(1)[0][0] if local else None
