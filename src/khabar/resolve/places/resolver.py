"""Choosing one gazetteer place per mention: spelling closeness, prominence, feature type,
the article's country context and proximity to the article's other places, above all to
those named in the same sentence ("the Midan neighbourhood of Damascus", "the Shaar gas field
east of Homs"): issue 6, "proximity to other places in the article"."""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from khabar.data.places import PLACE_TYPES, admin1_names, admin1_surroundings, country_lists
from khabar.model import PlaceRef
from khabar.resolve.places.gazetteer import Entry, Gazetteer, distance_km
from khabar.resolve.places.keying import place_forms
from khabar.resolve.places.main import SENTENCE_END
from khabar.resolve.places.mentions import Mention

_CURATED = set(PLACE_TYPES)
# "(Aleppo)" in "Al-Midan (Aleppo)": a curated name's qualifier, not part of its spelling.
_QUALIFIER = re.compile(r"\s*\([^)]*\)\s*$")
# Candidates this close in the same governorate are one place for the margin ("Homs" the
# governorate is placed at Homs the city).
_SAME_SPOT_KM = 25.0
# How a text puts a place in or near the next one it names, from the words between the two
# names (matched whole): "the Midan neighbourhood of Damascus", "X in the northern countryside
# of Homs province" put X inside; "the Shaar gas field east of Homs", "X near Y" put X near.
# "The Damascus suburb of Daraya", "the Idlib town of Saraqeb" name the larger place first, so
# a town, village or suburb "of" is not read as inside.
_OF_THE = r"""\s+(?:the\s+)?(?:(?:north|south|east|west|central)\w*\s+)?
    (?:(?:[\w-]+\s+){0,2}(?:city|town|province|governorate|countryside|capital|suburbs|outskirts)
       \s+of\s+(?:the\s+)?)?"""
_INSIDE = re.compile(r"""\s*(?:(?:neighbou?rhoods?|districts?|quarters?|areas?)\s+(?:of|in)
    |(?:(?:towns?|villages?|city|camps?|suburbs?)\s+)?(?:in|inside)|of)""" + _OF_THE, re.I | re.X)
_NEAR = re.compile(r"""\s*(?:[\w-]+\s+){0,3}?
    (?:(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+of|near|outside|close\s+to)""" + _OF_THE,
                   re.I | re.X)
# the main-place scorer's sentence ends, and line breaks (a place is framed within its line)
_SENTENCE_END = re.compile(SENTENCE_END.pattern + r"|\n")
# Context bonuses: the place the text puts a mention in (or near) outweighs prominence and
# spelling ties; the sentence's other places count less (a sentence may list governorates).
_FRAME_BONUS, _SENTENCE_BONUS = 4.0, 2.0
_FRAME_KM, _INSIDE_KM = 150.0, 40.0
_FRAME_REACH = 60  # characters between a place and the one it is put in or near
# How close (in score, and in spelling) a candidate must be to the best one for the sentence
# to decide.
_TIE, _SAME_SPELLING = 1.5, 0.15
# A place this big stays itself even when the text seems to put it elsewhere.
_BIG = 100000


@dataclass(frozen=True)
class Local:
    """What a mention's sentence says about where it is."""

    frame: Entry | None = None  # the place the text puts it in or near (the next name)
    inside: bool = False  # "X of/in Y" (True) or "X east of / near Y" (False)
    around: tuple[Entry, ...] = ()  # the other settled places of its sentence

    def holds(self, e: Entry) -> bool:
        """Whether ``e`` lies in the frame: its governorate (or the one around a city that is a
        governorate of its own, Damascus) or within 40 km of its point."""
        f = self.frame
        if f is None:
            return False
        governorates = (f.admin1, admin1_surroundings().get(f.admin1 or ""))
        return (e.admin1 is not None and e.admin1 in governorates
                or distance_km(e.lat, e.lon, f.lat, f.lon) <= _INSIDE_KM)

    def strays(self, e: Entry) -> bool:
        """Whether ``e`` is not where the text puts the mention: outside the place it is said to
        be in, or more than 150 km from the place it is said to be near."""
        f = self.frame
        if f is None:
            return False
        return not self.holds(e) if self.inside else distance_km(e.lat, e.lon, f.lat, f.lon) > _FRAME_KM

    def bonus(self, e: Entry, tie: bool) -> float:
        """Score added to ``e`` for agreeing with the sentence; the sentence's other places
        count only for a near tie (a name read as its own place: "Daraa" is not Daraya, whose
        key it shares, for Damascus named beside it)."""
        s = 0.0
        f = self.frame
        if f is not None:
            if self.inside:
                s += _FRAME_BONUS * self.holds(e)
            else:
                s += _FRAME_BONUS * max(0.0, 1.0 - distance_km(e.lat, e.lon, f.lat, f.lon) / _FRAME_KM)
        # Only the divisions written out in admin1.yaml (the region's governorates): a town
        # sharing a state of the United States with another place of the sentence is no
        # evidence ("Amsterdam" beside "New York" is not Amsterdam, New York).
        if self.around and tie and e.admin1 in _curated_admin1():
            named = {a.admin1 for a in self.around}
            named |= {admin1_surroundings().get(a) for a in named}
            s += _SENTENCE_BONUS * (e.admin1 in named)
        return s


@lru_cache(maxsize=1)
def _curated_admin1() -> frozenset[str]:
    return frozenset(a["name"] for a in admin1_names().values() if a.get("curated"))


def contexts(mentions: list[Mention], settled: list[Entry | None], text: str,
             skip: set[int] = frozenset()) -> list[Local | None]:
    """Per mention, the sentence context its candidates are scored against.

    Args:
        mentions: the article's mentions, in text order.
        settled: per mention, the place a first pass settled on without context (or None).
        text: the article text.
        skip: indexes of mentions that give no context (datelines).

    Returns:
        A ``Local`` per mention, None where its sentence holds no other settled place.
    """
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    sentence = [bisect.bisect_right(ends, m.start) for m in mentions]
    useful = [e is not None and k not in skip and e.kind != "country" and e.lat is not None
              and (e.admin1 is not None or e.kind == "admin1") for k, e in enumerate(settled)]
    by_sentence: dict[int, list[int]] = {}
    for k, s in enumerate(sentence):
        if useful[k]:
            by_sentence.setdefault(s, []).append(k)
    out: list[Local | None] = []
    for i, m in enumerate(mentions):
        around = tuple(dict.fromkeys(settled[k] for k in by_sentence.get(sentence[i], ()) if k != i))
        frame, inside = None, False
        j = i + 1
        if j < len(mentions) and useful[j] and sentence[j] == sentence[i] \
                and 0 <= mentions[j].start - m.end <= _FRAME_REACH:
            # a direction the next mention took in ("east of Homs") belongs to the relation
            nxt = mentions[j]
            between = text[m.end:max(nxt.end - len(nxt.name), nxt.start) if nxt.direction else nxt.start]
            if _INSIDE.fullmatch(between):
                frame, inside = settled[j], True
            elif _NEAR.fullmatch(between):
                frame = settled[j]
        out.append(Local(frame, inside, around) if frame is not None or around else None)
    return out


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
        # "neighbourhood" (district) fits a curated quarter as well as a district
        if head == e.kind or (head == "district" and e.precision == "district"):
            s += 5.0
        elif head == "city" and e.precision == "city":  # a town, curated or not
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
        return "".join(ch for ch in anyascii(_QUALIFIER.sub("", x)).lower() if ch.isalnum())
    return fuzz.ratio(plain(a), plain(b)) / 100


def best(entries: tuple[Entry, ...], head: str | None, countries: Counter,
         anchors: list[tuple[float, float]], acronym: bool = False,
         name: str = "", local: Local | None = None) -> tuple[Entry | None, float]:
    """The best-scoring entry and its margin over the best one elsewhere (inf when none): a
    runner-up at the same spot ("Homs" the governorate, placed at Homs the city) is no rival."""
    if acronym:  # "FSA", "US": short capitals name countries, or nothing
        entries = tuple(e for e in entries if e.kind == "country")
    if countries:
        # A town known by that name only as one of its alternates ("Luxor" as "al-Qusour",
        # "Surrey" as "Suri") is not believed in a country the article never names.
        entries = [e for e in entries if e.primary or e.kind != "city" or e.iso3 in countries
                   or e.population >= 1000000]
    if not entries:
        return None, 0.0
    ranked = [(score(e, head, countries, anchors, name), e) for e in entries]
    if local is not None:
        ranked = _in_context(ranked, local, name)
    ranked.sort(key=lambda x: -x[0])
    first = ranked[0][1]
    rival = next((sc for sc, e in ranked[1:] if not _same_spot(first, e)), None)
    return first, (ranked[0][0] - rival if rival is not None else math.inf)


def _in_context(ranked: list[tuple[float, Entry]], local: Local, name: str) -> list[tuple[float, Entry]]:
    """Scores with the sentence's evidence added. The place the text puts a mention in or near
    counts for every candidate; the sentence's other places decide only a near tie between
    places spelt about as well as the leader. A governorate's name as written is the
    governorate or its seat whatever the sentence says ("Daraa" beside "Rif Dimashq" is not
    Daraya, whose key it shares)."""
    if any(e.kind == "admin1" and _spelling(name, e.name) >= 0.9 for _, e in ranked):
        return ranked
    top, leader = max(ranked, key=lambda x: x[0])
    floor = _spelling(name, leader.name) - _SAME_SPELLING if name else 0.0
    return [(sc + local.bonus(e, sc >= top - _TIE and (not name or _spelling(name, e.name) >= floor)), e)
            if e.kind != "country" and e.lat is not None else (sc, e) for sc, e in ranked]


def _same_spot(a: Entry, b: Entry) -> bool:
    return (a.iso3 == b.iso3 and a.admin1 == b.admin1 and a.lat is not None and b.lat is not None
            and distance_km(a.lat, a.lon, b.lat, b.lon) <= _SAME_SPOT_KM)


def to_ref(m: Mention, text: str, e: Entry | None, gaz: Gazetteer, local: Local | None = None,
           reason: str | None = None) -> PlaceRef:
    """The typed result for a mention and its chosen place (or none).

    Args:
        m: the mention.
        text: the article text.
        e: the chosen place, or None.
        gaz: the gazetteer.
        local: the mention's sentence context; a small place the text puts in another
            governorate than every candidate's ("X in the countryside of Homs province") is
            placed at that governorate or city instead, keeping its own name.
        reason: why the mention is special ("dateline"), or None.
    """
    span = {"text": text[m.start:m.end], "start": m.start, "end": m.end, "reason": reason}
    if e is None and m.admin1:
        e = _in_governorate(m, None, gaz)  # a looser spelling, believed in the named governorate
    if e is None:
        return PlaceRef(**span, name=m.name)
    if m.admin1 and e.admin1 != m.admin1:
        e = _in_governorate(m, e, gaz)
    if (local is not None and local.strays(e) and not m.direction
            and e.precision not in ("country", "admin1", "region") and e.population < _BIG):
        # No place of that name where the text puts it: the place it is in (or near) says
        # more than a namesake elsewhere.
        f = local.frame
        precision = ("district" if f.kind == "city" else f.precision) if local.inside else "region"
        return PlaceRef(**span, name=m.name, lat=f.lat, lon=f.lon, country=f.iso3, admin1=f.admin1,
                        precision=precision)
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
