"""The article's main place: where most of what it reports happened."""

from __future__ import annotations

from collections import Counter

from khabar.model import PlaceRef

# Specific places say more about where events happened than countries and regions do.
_WEIGHT = {"point": 1.0, "district": 1.0, "city": 1.0, "admin1": 0.8, "region": 0.6, "country": 0.2}


def main_place(places: list[PlaceRef]) -> PlaceRef | None:
    """The article's main place: the resolved place named most often (weighted by precision,
    with the first mentions counting more), else None.

    Counts a district or city towards its governorate too, so an article about several
    villages of one governorate is placed in that governorate.
    """
    resolved = [p for p in places if p.lat is not None and p.precision]
    if not resolved:
        return None
    # Places outside the article's main country (most often named) count for less.
    by_country = Counter(p.country for p in resolved if p.country)
    home = by_country.most_common(1)[0][0] if by_country else None
    votes: Counter = Counter()
    admin_votes: Counter = Counter()
    first: dict[tuple, PlaceRef] = {}
    for rank, p in enumerate(resolved):
        key = (p.name, p.country)
        weight = (_WEIGHT.get(p.precision, 0.5) * (1.5 if rank < 3 else 1.0)
                  * (1.0 if p.country == home or home is None else 0.3))
        votes[key] += weight
        first.setdefault(key, p)
        if p.admin1 and p.precision != "country":
            admin_votes[(p.admin1, p.country)] += weight
    key = max(votes, key=lambda k: (votes[k] + 0.5 * admin_votes.get((first[k].admin1, k[1]), 0.0)
                                    * (first[k].precision != "country"), -resolved.index(first[k])))
    return first[key]
