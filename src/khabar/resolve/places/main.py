"""The article's main place: where most of what it reports happened."""

from __future__ import annotations

import re
from collections import Counter

from khabar.data.places import admin1_surroundings
from khabar.model import ActorRef, PlaceRef

# Specific places say more about where events happened than countries and regions do.
_WEIGHT = {"point": 1.2, "district": 1.2, "city": 1.0, "admin1": 0.8, "region": 0.8, "country": 0.2}
_LEAD_CHARS = 300  # the title and lead name the main place first
# "near X", "north of X", "X's suburbs": X is a reference point, not where things happened.
_BEFORE = re.compile(r"\b(?:near|outside|around|toward|towards|(?:north|south|east|west)(?:east|west)?"
                     r"\s+of|(?:outskirts|suburbs?|countryside)\s+of)"
                     r"(?:\s+(?:the|\w+s|\w+n|capital|city|town))*\s*$", re.I)
_AFTER = re.compile(r"^\W{0,2}s?\s*(?:suburbs?|outskirts|countryside|environs)\b", re.I)
_AGENT = re.compile(r"^\s+(?:said|says|denied|denies|accused|accuses|announced|warned|has|have|is)\b")


def _is_reference(p: PlaceRef, text: str | None) -> bool:
    return text is not None and bool(_BEFORE.search(text[max(0, p.start - 40):p.start])
                                     or _AFTER.match(text[p.end:p.end + 16]))


def _weight(p: PlaceRef, text: str | None, actor_spans: set[tuple[int, int]]) -> float:
    # "northern Syria" is a part of a country: as vague as the country itself.
    precision = "country" if p.precision == "region" and not p.admin1 else p.precision
    weight = _WEIGHT.get(precision, 0.5) * (3.0 if p.start < _LEAD_CHARS else 1.0)
    if _is_reference(p, text):
        weight *= 0.5
    if (p.start, p.end) in actor_spans or (text is not None and _AGENT.match(text[p.end:p.end + 12])):
        weight *= 0.3
    return weight


def main_place(places: list[PlaceRef], text: str | None = None,
               actors: list[ActorRef] | None = None) -> PlaceRef | None:
    """The article's main place, or None when nothing was resolved.

    Each resolved mention votes for its place, weighted by precision (towns and districts
    over countries), by position (the title and lead count three times), and down when it is a
    reference point ("near Damascus") or a capital standing for a government ("Damascus
    denied"; a mention that is also an actor mention). Mentions also vote for their
    governorate, so an article about several villages of one governorate lands there.

    Args:
        places: the article's place mentions (``Analysis.places``).
        text: the article text, to see what surrounds each mention (optional).
        actors: the article's actor mentions, to spot metonyms (optional).
    """
    resolved = [p for p in places if p.lat is not None and p.precision]
    if not resolved:
        return None
    actor_spans = {(a.start, a.end) for a in actors or []}
    weights = [_weight(p, text, actor_spans) for p in resolved]
    # The home country: where the article's weighty towns and districts are (a country named
    # often as an actor, "US-led", or a capital that speaks, "Moscow said", does not count).
    local: Counter = Counter()
    for p, w in zip(resolved, weights):
        if p.country and p.precision != "country":
            local[p.country] += w
    if not local:
        local = Counter(p.country for p in resolved if p.country)
    home = local.most_common(1)[0][0] if local else None
    surroundings = admin1_surroundings()
    votes: Counter = Counter()
    admin_votes: Counter = Counter()
    first: dict[tuple, PlaceRef] = {}
    for p, weight in zip(resolved, weights):
        key = (p.name, p.country)
        if home is not None and p.country != home:
            weight *= 0.3
        votes[key] += weight
        first.setdefault(key, p)
        if p.admin1 and p.precision != "country":
            admin1 = p.admin1
            if p.precision == "city" and _is_reference(p, text):
                admin1 = surroundings.get(admin1, admin1)  # "near Damascus": Rif Dimashq
            admin_votes[(admin1, p.country)] += weight

    def total(k: tuple) -> tuple[float, int]:
        p = first[k]
        governorate = admin_votes.get((p.admin1, p.country), 0.0) if p.precision != "country" else 0.0
        return votes[k] + 0.5 * governorate, -p.start
    return first[max(votes, key=total)]
