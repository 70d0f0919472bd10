"""Place resolution: mentions found by spaCy and a gazetteer scan, resolved offline against
GeoNames plus khabar's curated conflict gazetteer (issue 6).

Public API: ``PlaceStage(config)(ctx) -> list[PlaceRef]``, ``resolve_names(names)``,
``main_place(places)``, ``gazetteer_stats()``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from khabar.annotate.tokens import doc_ents, token_table
from khabar.context import Annotated
from khabar.data.places import PLACE_TYPES, place_cues, preload
from khabar.model import PlaceRef
from khabar.resolve.places.gazetteer import Gazetteer, gazetteer_stats, get_gazetteer
from khabar.resolve.places.lists import blocking_span
from khabar.resolve.places.main import main_place
from khabar.resolve.places.mentions import Mention, find_mentions, split_head
from khabar.resolve.places.resolver import best, contexts, salient, to_ref

__all__ = ["PlaceStage", "gazetteer_stats", "is_dateline", "main_place", "resolve_names"]

# Entity labels and actor types whose spans hide place names inside them ("Ahrar al-Sham").
_BLOCKING_LABELS = {"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"}
# Labels whose names are persons' or peoples': a place they start with is part of the name.
_WHOLE_NAME_LABELS = {"PERSON", "NORP"}
_PLACE_ACTOR_TYPES = {None, "state", "country", "city", "place", "location"}
# How close a spelling must be, by how the mention was found: a bare capitalised word needs
# a near-exact name; a spaCy place entity or a user's query may be spelled more loosely.
_MIN_SIMILARITY = {"gazetteer": 90.0, "initial": 90.0, "ner": 80.0, "query": 70.0}
# Datelines, where a report was filed: a place in capitals followed by an agency in brackets,
# a dash or a date ("MOSCOW (Sputnik) -", "BEIRUT, Oct 5", "DAMASCUS Syria (AP)"), or run into
# the story's first words right after a date, a time, a photo credit or the start of a line
# ("Last updated at Oct 082017 MOSCOW Some 120 fighters..."): not a place of the events.
_DATELINE_AFTER = re.compile(r"(?:\s*,?\s*\(?[A-Z][a-z]+\)?)?"  # ", Syria", " (Syria)"
                             r"\s*(?:\(|[-\u2013\u2014]|,?\s*[A-Z][a-z]+\.?\s+\d{1,2}\b)")
_RUN_IN_AFTER = re.compile(r"\s+(?:[A-Z][a-z]|A\s|\d)")
_RUN_IN_BEFORE = re.compile(r"(?:^|\n|[.!?:]|\d|\)|\bGMT|\bUTC)\s*$")


class PlaceStage:
    """The places stage of the pipeline, built once per pipeline (opens the gazetteer)."""

    name = "khabar.places.v1"

    def __init__(self, config: dict) -> None:
        self.config = config
        extra = (config.get("places") or {}).get("extra_gazetteer") or []
        self.gaz: Gazetteer = get_gazetteer(tuple(str(p) for p in extra))
        preload()

    def _salient(self, name: str) -> bool:
        return any(salient(e) for e in self.gaz.find(name, _MIN_SIMILARITY["gazetteer"]))

    def __call__(self, ctx: Annotated) -> list[PlaceRef]:
        doc = ctx.doc
        # An organisation named after its place ("Aleppo Police Command", and spaCy's
        # run-ons in unpunctuated text, "Aleppo NGO AFP") still names the place it starts
        # with; a place name later in an entity ("Ahrar al-Sham") or in a person's does not.
        # A name that lists places ("Tartous Homs" tagged PERSON, see lists.py) hides none.
        # Only names the actors stage did not resolve are read as lists (saves lookups: a
        # resolved actor, "Boris Johnson", is what it is).
        t = token_table(doc)
        known = {(a.start, a.end) for a in ctx.actors if a.resolved}
        blockers = [blocking_span(t, e.start, e.end, self.gaz, e.label_ in _WHOLE_NAME_LABELS,
                                  e.label_ not in _WHOLE_NAME_LABELS)
                    if (e.start_char, e.end_char) not in known
                    else (e.start_char + (e.label_ not in _WHOLE_NAME_LABELS), e.end_char)
                    for e in doc_ents(doc) if e.label_ in _BLOCKING_LABELS]
        for a in ctx.actors:
            if a.type not in _PLACE_ACTOR_TYPES:
                i, j = bisect.bisect_left(t.idx, a.start), bisect.bisect_left(t.idx, a.end)
                blockers.append(blocking_span(t, i, j, self.gaz, a.type == "person")
                                if not a.resolved and j > i and t.idx[i] == a.start
                                else (a.start, a.end))
        blockers = [b for b in blockers if b is not None]
        mentions = find_mentions(doc, self.gaz, blockers, self._salient)
        refs = resolve_mentions(mentions, ctx.article.text, self.gaz,
                                [a.code for a in ctx.actors if a.code and len(a.code) == 3])
        # spaCy's GPE guess on an actor's name ("Ahrar") is the actor, when no place has it.
        actor_spans = {(a.start, a.end) for a in ctx.actors if a.type not in _PLACE_ACTOR_TYPES}
        return [r for r in refs if r.lat is not None or (r.start, r.end) not in actor_spans]


def resolve_mentions(mentions: list[Mention], text: str, gaz: Gazetteer,
                     actor_countries: list[str] = ()) -> list[PlaceRef]:
    """Resolve mentions together: a first pass fixes the confident ones, whose countries and
    coordinates then inform the ambiguous ones."""
    candidates = [_candidates(m, gaz, text) for m in mentions]
    countries: Counter = Counter(actor_countries)
    first = [best(tuple(e for e in c if (e.similarity == 100 and m.source != "initial")
                        or m.source == "query"), m.head, countries, [], _acronym(m.name), m.name)
             for m, c in zip(mentions, candidates)]
    datelines = {k for k, m in enumerate(mentions)
                 if m.source != "query" and is_dateline(text, m.start, m.end)}
    # The places each mention's sentence settles on without context ("Damascus" in "the Midan
    # neighbourhood of Damascus") decide between same-name candidates in the second pass.
    local = contexts(mentions, [e if margin >= 2.0 else None for e, margin in first], text, datelines)
    anchors = []
    for e, margin in first:
        if e is not None and e.iso3 and margin >= 2.0:
            countries[e.iso3] += 1
            if e.kind != "country":
                anchors.append((e.lat, e.lon))
    anchors = list(dict.fromkeys(anchors))  # a place named fifty times anchors once
    refs = []
    # Within the second pass the context is fixed, so one name reads the same each time.
    chosen: dict[tuple, object] = {}
    for k, (m, c, ctx) in enumerate(zip(mentions, candidates, local)):
        key = (m.name, m.head, m.source, ctx)
        reason = "dateline" if k in datelines else None
        if key in chosen:
            e = chosen[key]
            if e is not None or not (m.source in ("gazetteer", "initial") or _acronym(m.name)):
                refs.append(to_ref(m, text, e, gaz, ctx, reason))
            continue
        if m.source != "query":
            # A looser spelling (or a capitalised sentence opener) is believed only in a
            # country the article is about, not one an agency name brought in.
            floor = max(2, 0.25 * max(countries.values())) if countries else 1
            c = tuple(e for e in c if (e.similarity == 100 and (m.source != "initial" or _prominent(e)))
                      or countries.get(e.iso3, 0) >= floor)
        e, _ = best(c, m.head, countries, anchors, _acronym(m.name), m.name, ctx)
        chosen[key] = e
        if e is None and (m.source in ("gazetteer", "initial") or _acronym(m.name)):
            continue  # a scan hit that did not hold up, or "FSA" tagged GPE: not a place
        refs.append(to_ref(m, text, e, gaz, ctx, reason))
    return refs


def is_dateline(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a dateline's place (where the report was filed).

    Args:
        text: the article text.
        start: where the place name starts.
        end: where it ends.

    Returns:
        True for a name in capitals followed by an agency in brackets, a dash or a date, or
        run into the story's first words after a date, a time, a bracket or a line start.
    """
    name = text[start:end]
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 4 or not name.isupper() or "." in name:
        return False
    after = text[end:end + 30]
    if _DATELINE_AFTER.match(after):
        return True
    return bool(_RUN_IN_AFTER.match(after) and _RUN_IN_BEFORE.search(text[max(0, start - 30):start]))


def _named_feature(m: Mention, text: str, gaz: Gazetteer) -> tuple:
    """The curated features named by a mention and the feature words after it ("the Shaar gas
    field", "Shaer oilfield"): they outrank a namesake quarter or town."""
    after = text[m.end:m.end + 24].lower()
    for phrase in sorted(place_cues()["features"], key=len, reverse=True):
        if after.startswith(" " + phrase) and not after[len(phrase) + 1:len(phrase) + 2].isalpha():
            found = tuple(e for e in gaz.find(f"{m.name} {phrase}", 95.0) if e.kind in PLACE_TYPES)
            if found:
                return found
    return ()


def _candidates(m: Mention, gaz: Gazetteer, text: str = ""):
    if m.source != "query" and text:
        feature = _named_feature(m, text, gaz)
        if feature:
            return feature
    found = gaz.find(m.name, _MIN_SIMILARITY.get(m.source, 80.0))
    if not found and m.name.endswith("s") and m.source != "query":
        # "Aleppos", "Syrias": a possessive whose apostrophe the source dropped.
        found = gaz.find(m.name[:-1], 100.0)
    return found


def _prominent(e) -> bool:
    return e.kind in ("country", "admin1") or e.population >= 250000


def _acronym(name: str) -> bool:
    letters = name.replace(".", "")
    return letters.isupper() and len(letters) <= 4


def resolve_names(names: list[str], context: tuple[str, ...] = (),
                  extra: tuple[str, ...] = ()) -> list[PlaceRef]:
    """Resolve bare names (``khabar places resolve``), each also read as context for the others.

    Args:
        names: place names as a user types them.
        context: names of countries (or places) the names lie in or near, as an article's
            other places would be ("Syria"); read as context only, not returned.
        extra: extra curated gazetteer files.

    Returns:
        One ``PlaceRef`` per name (unresolved ones with null coordinates); offsets index the
        names joined by newlines.
    """
    gaz = get_gazetteer(tuple(extra))
    text, mentions, pos = "\n".join(names), [], 0
    for name in names:
        bare, head = split_head(name, gaz)
        mentions.append(Mention(pos, pos + len(name), bare, "query", head))
        pos += len(name) + 1
    countries = []
    for ref in resolve_mentions([Mention(0, len(c), c, "query") for c in context], "\n".join(context), gaz):
        countries += [ref.country] * 3 if ref.country else []
    return resolve_mentions(mentions, text, gaz, countries)
