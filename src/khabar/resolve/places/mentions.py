"""Where place names are in a parsed article: spaCy's place entities plus a gazetteer scan of
capitalised token runs (the small model tags "Aleppo" LANGUAGE or NORP), with the directional
and generic-head forms reporters use ("the East of Aleppo", "eastern Aleppo", "X road",
"Idlib province")."""

from __future__ import annotations

import bisect
from functools import lru_cache

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from khabar.annotate.tokens import doc_ents, token_table
from khabar.data.places import country_lists, place_cues, trap_words
from khabar.resolve.actors.vocab import is_common
from khabar.resolve.places.gazetteer import Gazetteer
from khabar.resolve.places.lists import list_segments

NER_LABELS = {"GPE", "LOC", "FAC"}
# Labels the small model wrongly gives to place names; a gazetteer match may override them.
_OVERRIDABLE = {"NORP", "LANGUAGE", "PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT"}
_CONNECTORS = {"al", "el", "ash", "an", "as", "ad", "az", "ez", "ar", "at", "es", "esh", "ed", "er",
               "et", "ech", "adh", "ath", "ul", "-", "'", "’", "‘", "de"}
HEADS = {"road": "road", "highway": "road", "crossing": "crossing", "camp": "camp",
         "airbase": "base", "airport": "base", "dam": "dam", "province": "admin1",
         "governorate": "admin1", "countryside": "region", "district": "district",
         "neighbourhood": "district", "neighborhood": "district", "suburbs": "district",
         "outskirts": "district", "city": "city", "town": "city", "village": "city"}
_DIRECTIONS = re.compile(r"^(north|south|east|west|north-east|north-west|south-east|south-west|"
                         r"northeast|northwest|southeast|southwest|central)(ern)?$", re.I)
_LOCATIVE = {"in", "to", "from", "near", "at", "toward", "towards", "into", "outside", "around",
             "across", "through", "of", "visit", "visited", "entered"}
_NAME_TOKEN = re.compile(r"^(?:[A-Z]|(?:al|el)[A-Z‘’'ʿ])")
_AFTER_ARTICLE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ‘’'ʿ")  # what _NAME_TOKEN allows after al/el


@dataclass
class Mention:
    """A stretch of text that names a place, before resolution."""

    start: int  # character offsets
    end: int
    name: str  # what to look up
    source: str  # "ner" or "gazetteer"
    head: str | None = None  # a generic head that constrains the feature type
    direction: str | None = None  # "eastern", "northern"... for part-of-place mentions
    admin1: str | None = None  # the governorate the text puts it in ("X ... in Hama province")


def split_head(name: str, gaz: Gazetteer) -> tuple[str, str | None]:
    """("Idlib", "admin1") for "Idlib province", unless the whole is itself a known name."""
    words = name.split()
    if len(words) > 1 and words[-1].lower() in HEADS and not gaz.find(name, 95.0):
        return " ".join(words[:-1]), HEADS[words[-1].lower()]
    return name, None


def _is_name(tok) -> bool:
    return bool(_NAME_TOKEN.match(tok.text)) and not tok.is_punct


_LEADING_CONNECTORS = _CONNECTORS - {"-", "'", "’", "‘", "de"}
# An article whose hyphen spaCy kept and whose name the source spaced off: "al- Mayadin".
_HYPHENED = frozenset(c + "-" for c in _LEADING_CONNECTORS)


def _runs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of capitalised names, with Arabic articles and hyphens inside them."""
    t = token_table(doc)
    lower, orth = t.lower, t.orth
    # _is_name over the token table: a capitalised (or al-/el-) word that is not punctuation
    # (string comparisons, not the regular expression: this runs on every token).
    name = [not p and ("A" <= o[:1] <= "Z" or (o[:2] in ("al", "el") and o[2:3] in _AFTER_ARTICLE))
            for o, p in zip(orth, t.is_punct)]
    runs, i, n = [], 0, len(doc)
    while i < n:
        if name[i] or (lower[i] in _LEADING_CONNECTORS
                       and i + 2 < n and orth[i + 1] == "-" and name[i + 2]) or (
                lower[i] in _HYPHENED and i + 1 < n and name[i + 1]):
            j = i + 1
            while j < n and (name[j] or ((lower[j] in _CONNECTORS or lower[j] in _HYPHENED)
                                         and j + 1 < n and (name[j + 1] or orth[j + 1] == "-"))):
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


class _Blockers:
    """Sorted spans of non-place entities and actors, searched by bisection (long articles stay linear)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.longest = max((e - s for s, e in self.spans), default=0)

    def covers(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        while i >= 0 and self.spans[i][0] >= start - self.longest:
            s, e = self.spans[i]
            if end <= e and (e - s) > (end - start):
                return True
            i -= 1
        return False


def _blocked(doc: Doc, start: int, end: int, spans: _Blockers) -> bool:
    """A candidate inside a longer non-place entity or actor ("Ahrar al-Sham") is not a place."""
    return spans.covers(start, end)


def find_mentions(doc: Doc, gaz: Gazetteer, blockers: list[tuple[int, int]],
                  salient) -> list[Mention]:
    """Place mentions of a parsed article, without overlaps, in text order.

    Args:
        doc: the spaCy parse (character offsets equal article offsets).
        gaz: the gazetteer.
        blockers: character spans of non-place entities and actors (persons, groups).
        salient: predicate on a name: whether a gazetteer-only match may stand (see stage).

    Returns:
        Mentions; the spans of spaCy GPE/LOC/FAC entities come first where they overlap.
    """
    found: list[Mention] = []
    taken = [False] * len(doc)
    traps = trap_words()
    prefixes = place_cues()["prefixes"]
    # 1. Gazetteer scan of capitalised runs, longest match first.
    blockers = _Blockers(blockers)
    lower_words = set(filter(str.islower, token_table(doc).orth))  # Token.is_lower is str.islower
    ents = doc_ents(doc)
    place_ents = {(e.start, e.end) for e in ents if e.label_ in NER_LABELS}
    t = token_table(doc)
    tlower, torth, tent, tstop, tidx = t.lower, t.orth, t.ent_type, t.is_stop, t.idx
    n = len(doc)
    detail = country_lists()["detail_countries"]

    # Each run is read whole (or by the parts spaCy marks as places); a headline run with no
    # place ("Syrias Daraa Monitor AFP", "Aleppo Residential Neighborhood") is read again by
    # its parts between ordinary words, acronyms and possessive countries, each only whole and
    # only when it names a place of the region (spaCy's place entities are read in step 2).
    work: list[tuple[int, int, bool]] = []
    for rs, re_ in _runs(doc):
        if tlower[rs] == "the" and re_ - rs > 1:
            rs += 1  # "The Syrian ...": the article is not part of a name
        if re_ - rs > 1 and tlower[re_ - 1] in HEADS:
            re_ -= 1  # "Idlib Province": the head is read as a head, not as part of the name
            if re_ - rs > 1 and _DIRECTIONS.match(torth[re_ - 1]):
                re_ -= 1  # "Aleppo Northern Countryside"
        elif re_ - rs > 1 and re_ < n and tlower[re_] == "of" and _DIRECTIONS.match(torth[re_ - 1]):
            re_ -= 1  # "al-Malaah Northwest of Aleppo": the direction belongs to what follows
        # A run that lists places ("Deir ez-Zor Syria", where spaCy tags "Deir" alone) is
        # read by its places from the start.
        listed = list_segments(tuple(torth[rs:re_]), gaz) if re_ - rs > 1 else ()
        work += [(rs + s, rs + e, True) for s, e in listed] or [(rs, re_, False)]
    w = 0
    while w < len(work):
        rs, re_, part = work[w]
        w += 1
        if part and True in taken[rs:re_]:
            continue  # "Ghouta" after "Eastern Ghouta" was taken
        i = rs
        while i < re_:
            # Candidate spans doc[i:j] are read from the token table (no Span objects); a part
            # of a headline run is only ever taken whole.
            for j in ((re_,) if part else range(min(re_, i + 6), i, -1)):
                if not ((i == rs and (j == re_ or (j < n and tlower[j] in HEADS)))
                        or (i, j) in place_ents or (i, j + 1) in place_ents):
                    continue  # never whole (see below): skip the lookups
                if j < re_ and tlower[j - 1] in prefixes:
                    continue  # "Deir" of "Deir Hafer" is no place of its own
                end = j
                text = t.span_text(i, end)
                if text in traps or (end - i == 1 and tstop[i]):
                    if tent[i] not in NER_LABELS:
                        continue
                head_kind = HEADS.get(tlower[j]) if j < n else None
                if head_kind and gaz.find(f"{text} {torth[j]}", 95.0):
                    end, head_kind = j + 1, None  # "Ramouseh road" is itself a name
                    text = t.span_text(i, end)
                ent_label = tent[i]
                # Inside a run, a part is taken only when spaCy marks exactly it as a place
                # ("Grand Mosque" holds no "Grand"; "Syrias Damascus" holds "Damascus").
                exact_ent = (i, end) in place_ents
                whole = (i == rs and j == re_) or (head_kind is not None and i == rs) or exact_ent
                trap = text in traps or (end - i == 1 and tstop[i])
                ner_backed = ent_label in NER_LABELS
                prev = tlower[i - 1] if i > 0 else ""
                if trap and not (ner_backed and prev in _LOCATIVE):
                    continue
                if end - i == 1 and not ner_backed and tlower[i] in lower_words:
                    continue  # the article also writes it in lower case: a common word
                if ent_label in ("NORP", "LANGUAGE") and not any(
                        e.primary for e in gaz.find(text, 100.0)):
                    continue  # a demonym or religion ("Syrian", "Shia"), unless a place's own name
                if not whole or not gaz.has(text):
                    continue
                if part and not _regional(text, gaz, detail):
                    continue
                start_char, end_char = tidx[i], t.end(end - 1)
                if not ner_backed and (ent_label and ent_label not in _OVERRIDABLE
                                       or _blocked(doc, start_char, end_char, blockers)
                                       or not salient(text)):
                    continue
                source = "ner" if ner_backed else "gazetteer"
                if source == "gazetteer" and end - i == 1 and doc[i].is_sent_start:
                    source = "initial"  # "Date of publication...": believed only in context
                found.append(Mention(start_char, end_char, text, source, head_kind))
                for k in range(i, end):
                    taken[k] = True
                i = end - 1
                break
            if part:
                break
            i += 1
        if not part and re_ - rs > 1 and not all(taken[rs:re_]):
            # Parts of a headline run, also beside what spaCy marked ("Syria" taken alone in
            # "Tags Syria Aleppo"); a part that lists places ("Tartous Homs") is read by them.
            for ps, pe in _parts(t, rs, re_, gaz):
                listed = list_segments(tuple(torth[ps:pe]), gaz)
                if listed:
                    work += [(ps + s, ps + e, True) for s, e in listed]
                elif (ps, pe) != (rs, re_):
                    work.append((ps, pe, True))
    # 2. spaCy place entities the scan did not cover (kept even when unresolvable).
    for ent in ents:
        if ent.label_ in NER_LABELS and not any(taken[ent.start:ent.end]):
            text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            if not text[:1].isupper():
                continue  # "the town": a reference, not a name
            if text in traps and not (ent.start > 0 and tlower[ent.start - 1] in _LOCATIVE) \
                    and not any(e.kind == "country" for e in gaz.find(text, 100.0)):
                continue  # "Highway", "Sham": the trap list holds for spaCy's entities too
            name, head = split_head(text, gaz)
            start = ent.end_char - len(text)
            if not gaz.find(name, 80.0):
                part = _known_part(doc, ent, gaz, salient, lower_words)
                if part is not None:
                    found.append(part)
                    continue
            found.append(Mention(start, ent.end_char, name, "ner", head))
            for k in range(ent.start, ent.end):
                taken[k] = True
    found.sort(key=lambda m: m.start)
    found = [_with_direction(doc, m) for m in found]
    _governorates(found, t.text, gaz)
    return found


# How far after a place its governorate may be named ("Al-Shaara, a town held by IS in
# Deir Ezzor province"), in characters of the same sentence.
_GOVERNORATE_REACH = 90


def _governorates(found: list[Mention], text: str, gaz: Gazetteer) -> None:
    """Set ``admin1`` of each mention followed closely by "<governorate> province"."""
    provinces = [(k, m) for k, m in enumerate(found) if m.head == "admin1"]
    if not provinces:
        return
    names = {}
    for k, p in provinces:
        a1 = next((e.admin1 for e in gaz.find(p.name, 90.0) if e.kind == "admin1"), None)
        if a1:
            names[k] = a1
    for k, p in provinces:
        if k not in names:
            continue
        j = k - 1
        # The places just before it, back to a sentence end or the reach.
        while j >= 0 and p.start - found[j].end <= _GOVERNORATE_REACH \
                and "." not in text[found[j].end:p.start]:
            if found[j].head != "admin1" and found[j].admin1 is None:
                found[j].admin1 = names[k]
            j -= 1


def _parts(t, rs: int, re_: int, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Sub-runs of a capitalised run between words that are no part of a place name here:
    trap words, ordinary English words ("Residential"), acronyms ("NGO", "AFP") and countries
    whose possessive lost its apostrophe ("Syrias")."""
    return [(rs + s, rs + e) for s, e in _part_offsets(tuple(t.orth[rs:re_]), gaz)]


@lru_cache(maxsize=16384)
def _part_offsets(words: tuple[str, ...], gaz: Gazetteer) -> tuple[tuple[int, int], ...]:
    """``_parts`` of a run of words, as offsets into it (runs recur: cached)."""
    out, start, n = [], 0, len(words)
    for k in range(n + 1):
        if k < n and not _boundary(words[k], gaz):
            continue
        end = k
        while end > start and (words[end - 1].lower() in _CONNECTORS or _DIRECTIONS.match(words[end - 1])):
            end -= 1  # "Raqqa -", "Damascus Central": a trailing hyphen or direction is no name
        if end > start and (words[start].lower() not in _CONNECTORS or (
                words[start].lower() in _LEADING_CONNECTORS and end - start > 1)):  # "Al Tabqa"
            out.append((start, end))
            if end - start > 1 and _DIRECTIONS.match(words[start]):
                out.append((start + 1, end))  # "Southern Aleppo": Aleppo, widened later
        start = k + 1
    return tuple(out)


def _regional(text: str, gaz: Gazetteer, detail) -> bool:
    """Whether a part of a headline run surely names a place of the region (a detail country's
    town, a curated place, a governorate, a country); when it is also an English word, only a
    place's own name and a city of 50,000 ("Palmyra", not "Marks" or "Main")."""
    if len(text) < 4 or text.split()[-1].lower() in place_cues()["prefixes"]:
        return False
    common = all(is_common(w) for w in text.split())
    return any((e.cc in detail or e.kind != "city")
               and (not common or e.kind != "city" or e.primary and e.population >= 50000)
               for e in gaz.find(text, 100.0))


def _boundary(word: str, gaz: Gazetteer) -> bool:
    if word.lower() in _CONNECTORS or _DIRECTIONS.match(word):
        return False  # "Eastern Ghouta", "Deir al-Adas" hold together
    if word in trap_words() or (word.isupper() and len(word) <= 5):
        return True
    english = is_common(word) or word.endswith("ed") and (is_common(word[:-2]) or is_common(word[:-1]))
    if english and not gaz.find(word, 100.0):
        return True  # English vocabulary holds "Aleppo" too: a place spelt so is no boundary
    return word.endswith("s") and len(word) > 4 and any(
        e.kind == "country" for e in gaz.find(word[:-1], 100.0))


def _known_part(doc: Doc, ent, gaz: Gazetteer, salient, lower_words: set[str]) -> Mention | None:
    """The longest known place name inside an unknown place entity: "Homs" in "Homs Suicide
    Blasts", "Damascus" in "Syrias Damascus", "Aleppo" in "Northeastern Aleppo"."""
    traps = trap_words()
    tokens = list(ent)
    direction = None
    if len(tokens) > 1 and _DIRECTIONS.match(tokens[0].text):
        direction, tokens = _direction(tokens[0].text), tokens[1:]
    for size in range(len(tokens), 0, -1):
        for i in range(len(tokens) - size + 1):
            part = doc[tokens[i].i:tokens[i].i + size]
            if (not _is_name(part[0]) or part.text in traps or part[0].is_stop
                    or (size == 1 and part.text.lower() in lower_words)
                    or (part[-1].lower_ in place_cues()["prefixes"] and part.end < ent.end)):
                continue  # "Tal" of "Tal Samin" is no place of its own
            if gaz.find(part.text, 100.0) and salient(part.text):
                start = ent.start_char if direction else part.start_char
                return Mention(start, part.end_char, part.text, "ner", None, direction)
    return None


def _with_direction(doc: Doc, m: Mention) -> Mention:
    """Widen "Aleppo" to "the East of Aleppo" / "eastern Aleppo" when the text says so."""
    t = token_table(doc)  # read from the token table: no Span or Token objects per mention
    i = bisect.bisect_right(t.idx, m.start) - 1  # the token holding the mention's start
    if i <= 0:
        return m
    prev = t.orth[i - 1]
    if _DIRECTIONS.match(prev):
        return Mention(t.idx[i - 1], m.end, m.name, m.source, m.head, _direction(prev), m.admin1)
    if t.lower[i - 1] == "of" and i >= 2 and _DIRECTIONS.match(t.orth[i - 2]):
        start = t.idx[i - 3] if i >= 3 and t.lower[i - 3] == "the" else t.idx[i - 2]
        return Mention(start, m.end, m.name, m.source, m.head, _direction(t.orth[i - 2]), m.admin1)
    return m


def _direction(word: str) -> str:
    word = word.lower().replace("-", "")
    return word if word.endswith("ern") or word == "central" else word + "ern"
