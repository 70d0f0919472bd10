"""Run-on lists of places: scraped text that lost its commas ("blasts hit Tartous Homs and
Hasakeh", "attacks in Aleppo Homs Quneitra", "Tags Syria Raqqa Tabqa", "Qamishli Hasaka")
writes several place names as one capitalised run, which spaCy often tags as one PERSON or
ORG entity. A run is read as a list when it splits, wholly, into two or more places of the
region; a list inside an entity's name does not hide its places.
"""

from __future__ import annotations

import re
from functools import lru_cache

from khabar.data.places import PLACE_TYPES, country_lists, place_cues, trap_words
from khabar.resolve.actors.vocab import is_common
from khabar.resolve.places.gazetteer import Gazetteer, get_gazetteer

# Longest place name (in tokens, hyphens and articles counted) tried inside a list.
_MAX_WORDS = 5
# A town this big is a list member on its own; smaller ones only beside prominent places.
_PROMINENT_POPULATION = 20000
_ARTICLES = {"al", "el", "ash", "an", "as", "ad", "az", "ez", "ar", "at", "es", "ed", "er", "et"}
_GLUE = {"-", "'", "’", "‘"}
_DIRECTIONS = re.compile(r"^(north|south|east|west|central)(-?(east|west))?(ern)?$", re.I)
# A list member is spelt (nearly) as the place is: a loose match is too weak to split a name.
_MEMBER_SIMILARITY = 95.0
# Levels of a list member.
_NONE, _TOWN, _PROMINENT, _POSSESSIVE = 0, 1, 2, 3


def _member(words: tuple[str, ...], gaz: Gazetteer) -> int:
    """How surely ``words`` name one place of the region on their own (see the levels)."""
    first, last = words[0], words[-1]
    if not last[:1].isupper() or last.lower() in _ARTICLES or not (
            first[:1].isupper() or first.lower().rstrip("-") in _ARTICLES):
        return _NONE  # a place name ends with a capitalised word (skips most lookups)
    if first.lower() in _ARTICLES and (len(words) < 2 or not (words[1] in _GLUE or words[1][:1].isupper())):
        return _NONE
    text = " ".join(words)
    if text in trap_words() or len(text) < 4 or last.lower() in place_cues()["prefixes"]:
        return _NONE
    detail = country_lists()["detail_countries"]
    found = gaz.find(text, 90.0)
    if not found and len(words) == 1 and text.endswith("s") and len(text) > 4:
        # "Syrias": a country's possessive whose apostrophe the source dropped.
        return _POSSESSIVE if any(e.kind == "country" for e in gaz.find(text[:-1], 100.0)) else _NONE
    common = all(is_common(w) for w in words if w not in _GLUE)
    level = _NONE
    for e in found:
        if e.similarity < _MEMBER_SIMILARITY:
            continue  # a name spelt only roughly like a place ("Sheila" ~ "Shali") makes no list
        if e.kind == "country":
            return _PROMINENT
        if e.cc not in detail:
            continue
        big = e.kind == "admin1" or e.kind in PLACE_TYPES or e.population >= _PROMINENT_POPULATION
        if common and not (e.kind != "city" or e.primary and e.population >= 50000):
            continue  # an English word ("Marks", "Main") is a place only as a big one's own name
        level = max(level, _PROMINENT if big else _TOWN)
    return level


def _stop(word: str) -> bool:
    """Whether no place name of a list runs across ``word`` (lower case, or a trap word other
    than an article or a direction: "Daesh", "Friday")."""
    low = word.lower()
    return not (low.rstrip("-") in _ARTICLES or word in _GLUE or _DIRECTIONS.match(word)) and (
        not word[:1].isupper() or word in trap_words())


def _english(word: str, gaz: Gazetteer) -> bool:
    """An ordinary English word that is no direction, article or place name: it makes no
    multi-word place of a list ("Ghouta Airstrikes", "Tags Aleppo"), which saves most lookups."""
    low = word.lower()
    return (is_common(word) and low not in _ARTICLES and not _DIRECTIONS.match(word)
            and low not in place_cues()["after"]  # "Damascus Countryside" is a governorate
            and not gaz.find(word, 100.0))  # the vocabulary holds "Aleppo" and "Palmyra" too


@lru_cache(maxsize=16384)
def place_prefix(words: tuple[str, ...], gaz: Gazetteer) -> tuple[int, int, tuple[tuple[int, int], ...]]:
    """The longest run of list members at the start of ``words``, each read longest name first.

    Args:
        words: token texts (hyphens as their own tokens, as spaCy splits "al-Bab").
        gaz: the gazetteer.

    Returns:
        (how many words the members cover, how many members, the token offsets of the
        members that are places, possessive countries left out). At most one member is a
        town under 20,000 people (a small town is named beside its governorate, "Saraqeb
        Idlib"); the run ends before a second one.
    """
    k, count, out, small = 0, 0, [], 0
    # No place name runs across a lower-case word or a trap word ("Syrias Tabqa Daesh ...").
    n = next((i for i, w in enumerate(words) if _stop(w)), len(words))
    while k < n:
        for size in range(min(_MAX_WORDS, n - k), 0, -1):
            if size > 1 and any(_english(w, gaz) for w in words[k:k + size]):
                continue
            level = _member(words[k:k + size], gaz)
            if level != _NONE:
                break
        else:
            break
        small += level == _TOWN
        if small > 1:
            break
        if level != _POSSESSIVE:
            out.append((k, k + size))
        k, count = k + size, count + 1
    return k, count, tuple(out)


def list_segments(words: tuple[str, ...], gaz: Gazetteer) -> tuple[tuple[int, int], ...]:
    """Token offsets of the places ``words`` list, when the words are wholly a list of two or
    more places of the region (a possessive country counts: "Syrias Aleppo"); else ()."""
    covered, count, members = place_prefix(words, gaz)
    return members if covered == len(words) and count >= 2 else ()


def blocking_span(t, start: int, end: int, gaz: Gazetteer, lists_only: bool,
                  skip_first: bool = False) -> tuple[int, int] | None:
    """The part of a non-place entity or actor (tokens ``start``..``end``-1 of the token table
    ``t``) that hides place names inside it, or None.

    A name that is wholly a list of places ("Tartous Homs" tagged PERSON) hides nothing; nor
    do the places it starts with when only ordinary English words follow ("Aleppo Monitor",
    a headline's place and source tagged PERSON); with ``lists_only`` false (organisations),
    neither do two or more places it starts with ("Syrias Daraa Aleppo NGO", "Syrias Tabqa
    Daesh": a headline run spaCy tagged ORG).

    Args:
        t: the doc's token table.
        start: the first token.
        end: one past the last token.
        gaz: the gazetteer.
        lists_only: only a whole list frees the span (persons).
        skip_first: the span's first character is left free anyway (an organisation named
            after the place it starts with, "Aleppo Police Command").

    Returns:
        Character offsets of the hiding part.
    """
    first = t.idx[start] + skip_first
    if end - start < 2 or _stop(t.orth[start]):
        return first, t.end(end - 1)  # ("Ahrar al-Sham", "the Pentagon": no list)
    words = tuple(t.orth[start:end])
    covered, count, _ = place_prefix(words, gaz)
    if count >= 2 and covered == end - start:
        return None
    if count >= 2 and not lists_only or count and all(_english(w, gaz) for w in words[covered:]):
        # (a person's name is no place followed by ordinary words: "Aleppo Monitor" is a
        # headline's place and its source)
        first = t.idx[start + covered]
    return first, t.end(end - 1)


_WORDS = re.compile(r"[^\W_]+(?:['’‘][^\W_]+)?|-")


def is_place_list(text: str, gaz: Gazetteer | None = None) -> bool:
    """Whether a name as written is wholly a run-on list of places ("Tartous Homs", "Aleppo
    Homs Quneitra", "Syrias Aleppo"): for the actors stage, which should make no person or
    organisation of it.

    Args:
        text: the name (words split on spaces; hyphens are words, as spaCy splits them).
        gaz: the gazetteer (the default one when None).

    Returns:
        True when ``list_segments`` reads the words as two or more places.
    """
    return bool(list_segments(tuple(_WORDS.findall(text)), gaz or get_gazetteer()))
