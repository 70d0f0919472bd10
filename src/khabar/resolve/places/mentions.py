"""Where place names are in a parsed article: spaCy's place entities plus a gazetteer scan of
capitalised token runs (the small model tags "Aleppo" LANGUAGE or NORP), with the directional
and generic-head forms reporters use ("the East of Aleppo", "eastern Aleppo", "X road",
"Idlib province")."""

from __future__ import annotations

import bisect

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from khabar.annotate.tokens import doc_ents, token_table
from khabar.data.places import trap_words
from khabar.resolve.places.gazetteer import Gazetteer

NER_LABELS = {"GPE", "LOC", "FAC"}
# Labels the small model wrongly gives to place names; a gazetteer match may override them.
_OVERRIDABLE = {"NORP", "LANGUAGE", "PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT"}
_CONNECTORS = {"al", "el", "ash", "an", "as", "ad", "az", "ez", "ar", "at", "-", "'", "’", "‘", "de"}
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


@dataclass
class Mention:
    """A stretch of text that names a place, before resolution."""

    start: int  # character offsets
    end: int
    name: str  # what to look up
    source: str  # "ner" or "gazetteer"
    head: str | None = None  # a generic head that constrains the feature type
    direction: str | None = None  # "eastern", "northern"... for part-of-place mentions


def split_head(name: str, gaz: Gazetteer) -> tuple[str, str | None]:
    """("Idlib", "admin1") for "Idlib province", unless the whole is itself a known name."""
    words = name.split()
    if len(words) > 1 and words[-1].lower() in HEADS and not gaz.find(name, 95.0):
        return " ".join(words[:-1]), HEADS[words[-1].lower()]
    return name, None


def _is_name(tok) -> bool:
    return bool(_NAME_TOKEN.match(tok.text)) and not tok.is_punct


_LEADING_CONNECTORS = _CONNECTORS - {"-", "'", "’", "‘", "de"}


def _runs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of capitalised names, with Arabic articles and hyphens inside them."""
    t = token_table(doc)
    lower, orth = t.lower, t.orth
    # _is_name over the token table: a capitalised (or al-/el-) word that is not punctuation.
    name = [bool(_NAME_TOKEN.match(o)) and not p for o, p in zip(orth, t.is_punct)]
    runs, i, n = [], 0, len(doc)
    while i < n:
        if name[i] or (lower[i] in _LEADING_CONNECTORS
                       and i + 2 < n and orth[i + 1] == "-" and name[i + 2]):
            j = i + 1
            while j < n and (name[j] or (lower[j] in _CONNECTORS and j + 1 < n
                                         and (name[j + 1] or orth[j + 1] == "-"))):
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
    # 1. Gazetteer scan of capitalised runs, longest match first.
    blockers = _Blockers(blockers)
    lower_words = {w for w in token_table(doc).orth if w.islower()}  # Token.is_lower is str.islower
    ents = doc_ents(doc)
    place_ents = {(e.start, e.end) for e in ents if e.label_ in NER_LABELS}
    t = token_table(doc)
    tlower, torth, tent, tstop, tidx = t.lower, t.orth, t.ent_type, t.is_stop, t.idx
    n = len(doc)
    for rs, re_ in _runs(doc):
        if tlower[rs] == "the" and re_ - rs > 1:
            rs += 1  # "The Syrian ...": the article is not part of a name
        if re_ - rs > 1 and tlower[re_ - 1] in HEADS:
            re_ -= 1  # "Idlib Province": the head is read as a head, not as part of the name
            if re_ - rs > 1 and _DIRECTIONS.match(torth[re_ - 1]):
                re_ -= 1  # "Aleppo Northern Countryside"
        i = rs
        while i < re_:
            # Candidate spans doc[i:j] are read from the token table (no Span objects).
            for j in range(min(re_, i + 6), i, -1):
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
            i += 1
    # 2. spaCy place entities the scan did not cover (kept even when unresolvable).
    for ent in ents:
        if ent.label_ in NER_LABELS and not any(taken[ent.start:ent.end]):
            text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            if not text[:1].isupper():
                continue  # "the town": a reference, not a name
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
    return [_with_direction(doc, m) for m in found]


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
                    or (size == 1 and part.text.lower() in lower_words)):
                continue
            if gaz.find(part.text, 100.0) and salient(part.text):
                start = ent.start_char if direction else part.start_char
                return Mention(start, part.end_char, part.text, "ner", None, direction)
    return None


def _with_direction(doc: Doc, m: Mention) -> Mention:
    """Widen "Aleppo" to "the East of Aleppo" / "eastern Aleppo" when the text says so."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return m
    i = span.start
    prev = doc[i - 1]
    if _DIRECTIONS.match(prev.text):
        return Mention(prev.idx, m.end, m.name, m.source, m.head, _direction(prev.text))
    if prev.lower_ == "of" and i >= 2 and _DIRECTIONS.match(doc[i - 2].text):
        start = doc[i - 3].idx if i >= 3 and doc[i - 3].lower_ == "the" else doc[i - 2].idx
        return Mention(start, m.end, m.name, m.source, m.head, _direction(doc[i - 2].text))
    return m


def _direction(word: str) -> str:
    word = word.lower().replace("-", "")
    return word if word.endswith("ern") or word == "central" else word + "ern"
