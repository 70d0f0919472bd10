"""Choosing one gazetteer place per mention: spelling closeness, prominence, feature type,
the article's country context and proximity to the article's other places."""

from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache

from rapidfuzz import fuzz

from khabar.data.places import PLACE_TYPES, country_lists
from khabar.model import PlaceRef
from khabar.resolve.places.gazetteer import Entry, Gazetteer, distance_km
from khabar.resolve.places.keying import place_forms
from khabar.resolve.places.mentions import Mention

_CURATED = set(PLACE_TYPES)


def prominence(e: Entry) -> float:
    """Prior weight of a place regardless of the article."""
    if e.kind == "country":
        return 6.0
    if e.kind == "admin1":
        return 3.0
    if e.kind in _CURATED:
        return 3.2  # written down because conflict reports name it
    # GeoNames leaves many towns of conflict zones at population 0: unknown, not empty.
    population = e.population or 5000
    return math.log10(population + 1) / 1.5 + (0.3 if e.primary else 0.0)


def salient(e: Entry) -> bool:
    """Whether a gazetteer match may stand without spaCy calling it a place."""
    return (e.kind != "city" or e.population >= 50000
            or (e.cc in country_lists()["detail_countries"] and e.similarity >= 90))


def score(e: Entry, head: str | None, countries: Counter, anchors: list[tuple[float, float]],
          name: str = "") -> float:
    """How likely ``e`` is the place meant, given the mention's head word and the article."""
    s = e.similarity / 10 + prominence(e)
    if name and e.similarity >= 100:
        # The place key folds "Daraya" and "Daraa" together; between equal keys, the place
        # whose own name is spelt most like the text wins a close call.
        s += 2.0 * _spelling(name, e.name)
    if e.kind == "city" and e.admin1 and name and _namesake(e.admin1, name) and (
            max(_spelling(name, e.admin1), _spelling(name, e.name)) >= 0.95):
        # (spelt as the governorate or the city: "Daraya" folds onto "Daraa" but is not it)
        s += 1.5  # the governorate's namesake city ("Daraa", "Idlib", "Hama"): its seat
    if head:
        if head == e.kind or (head == "admin1" and e.kind == "admin1"):
            s += 5.0
        elif head == "city" and e.kind == "city":
            s += 1.0
    if countries and e.iso3 in countries:
        s += 3.0 * countries[e.iso3] / max(countries.values())
    if anchors and e.kind != "country" and e.lat is not None:
        # Graded, so that a neighbour of the article's other places wins only when it is
        # really near (Syria's towns are all within 300 km of one another).
        # Anchors more than 1.4 degrees of latitude away are beyond 150 km: skip the trigonometry.
        near = [distance_km(e.lat, e.lon, lat, lon) for lat, lon in anchors if abs(lat - e.lat) < 1.4]
        if near:
            s += 1.5 * max(0.0, 1.0 - min(near) / 150.0)
    return s


@lru_cache(maxsize=65536)
def _namesake(admin1: str, name: str) -> bool:
    return fuzz.ratio(place_forms(admin1)[1], place_forms(name)[1]) >= 95


@lru_cache(maxsize=65536)
def _spelling(a: str, b: str) -> float:
    """Closeness (0-1) of two names as plain ASCII letters, vowels kept."""
    from anyascii import anyascii

    def plain(x: str) -> str:
        return "".join(ch for ch in anyascii(x).lower() if ch.isalnum())
    return fuzz.ratio(plain(a), plain(b)) / 100


def best(entries: tuple[Entry, ...], head: str | None, countries: Counter,
         anchors: list[tuple[float, float]], acronym: bool = False,
         name: str = "") -> tuple[Entry | None, float]:
    """The best-scoring entry and its margin over the runner-up (inf when alone)."""
    if acronym:  # "FSA", "US": short capitals name countries, or nothing
        entries = tuple(e for e in entries if e.kind == "country")
    if countries:
        # A town known by that name only as one of its alternates ("Luxor" as "al-Qusour",
        # "Surrey" as "Suri") is not believed in a country the article never names.
        entries = [e for e in entries if e.primary or e.kind != "city" or e.iso3 in countries
                   or e.population >= 1000000]
    if not entries:
        return None, 0.0
    ranked = sorted(((score(e, head, countries, anchors, name), e) for e in entries),
                    key=lambda x: -x[0])
    margin = ranked[0][0] - ranked[1][0] if len(ranked) > 1 else math.inf
    return ranked[0][1], margin


def to_ref(m: Mention, text: str, e: Entry | None, gaz: Gazetteer) -> PlaceRef:
    """The typed result for a mention and its chosen place (or none)."""
    span = {"text": text[m.start:m.end], "start": m.start, "end": m.end}
    if e is None and m.admin1:
        e = _in_governorate(m, None, gaz)  # a looser spelling, believed in the named governorate
    if e is None:
        return PlaceRef(**span, name=m.name)
    if m.admin1 and e.admin1 != m.admin1:
        e = _in_governorate(m, e, gaz)
    name, precision = e.name, e.precision
    if m.direction:
        part = next((c for c in gaz.find(f"{m.direction} {e.name}", 90.0) if c.kind in _CURATED), None)
        if part is not None:
            e, name, precision = part, part.name, part.precision
        else:
            name = f"{m.direction} {e.name}"
            precision = "district" if e.kind == "city" else "region"
    return PlaceRef(**span, name=name, lat=e.lat, lon=e.lon, country=e.iso3, admin1=e.admin1,
                    geonames_id=e.geonames_id, precision=precision)


def _in_governorate(m: Mention, e: Entry | None, gaz: Gazetteer) -> Entry | None:
    """The namesake in the governorate the text names ("Hader ... in Quneitra province"),
    over a small place of that name elsewhere (or none); a city of 100,000 stays itself."""
    if e is not None and (e.kind in ("country", "admin1") or e.population >= 100000):
        return e
    there = [c for c in gaz.find(m.name, 80.0) if c.admin1 == m.admin1
             and (e is None or c.iso3 == e.iso3) and c.kind not in ("country", "admin1")]
    return max(there, key=lambda c: (c.similarity, prominence(c))) if there else e
