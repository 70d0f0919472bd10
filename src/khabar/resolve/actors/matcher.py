"""Find knowledge-base mentions in a text: hashed n-gram lookup over word keys.

Every word of the text is keyed once (``khabar.resolve.keys``); each run of up to
``kb.max_words`` keyed words is looked up in the alias dictionary, longest match first.
That is a phrase matcher over normalised keys: its cost grows with the length of the
text, not with the size of the knowledge base.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from khabar.resolve.actors.kb import Alias, KnowledgeBase, _acronym_form, _looks_acronym
from khabar.resolve.actors.vocab import variant_ok
from khabar.resolve.keys import is_article, split_words, fold_word, loose_word

# Characters allowed between the words of one name ("al-Sham", "U.S.", "Hay'at").
_JOINERS = frozenset(" -‐'’.\u00a0")


@dataclass
class Match:
    """A mention: character offsets, candidate aliases (best first) or a generic phrase."""

    start: int
    end: int
    aliases: list[Alias] = field(default_factory=list)
    exact: bool = True
    generic: object | None = None  # a GenericSpec when the mention is a context phrase

    @property
    def text_range(self) -> tuple[int, int]:
        return self.start, self.end


def _keyed(text: str):
    words = split_words(text)
    out = []
    for i, (s, e, w) in enumerate(words):
        art = is_article(words, i, text)
        out.append((s, e, w, "" if art else fold_word(w), "" if art else loose_word(w)))
    return out


def find_mentions(kb: KnowledgeBase, text: str, propn: Callable[[int], bool] | None = None,
                  generics: bool = True) -> list[Match]:
    """KB mentions in ``text``, leftmost-longest and non-overlapping.

    Args:
        kb: the knowledge base.
        text: the text to scan.
        propn: optional test "is the word starting at this offset a proper noun"
            (from the spaCy parse); spelling variants of one word at a sentence start
            must pass it, so "Both" is not read as the Ba'ath Party.
        generics: also return context phrases ("the regime", "the rebels").

    Returns:
        Matches sorted by start.
    """
    words = _keyed(text)
    n = len(words)
    out: list[Match] = []
    i = 0
    max_words = max(kb.max_words, 6)
    first_keys = kb.first_keys
    while i < n:
        key, word = words[i][3], words[i][2]
        # Most words start no name: skip them before any phrase is built.
        if not key or (key not in first_keys and not (
                word.endswith("s") and fold_word(word[:-1]) in first_keys)):
            i += 1
            continue
        best = _longest(kb, text, words, i, max_words, propn, generics)
        if best is None:
            i += 1
            continue
        match, j = best
        # Take a directly attached article in front ("al-Nusra", "el-Assad") into the span.
        if i > 0 and not words[i - 1][3] and text[words[i - 1][1]:words[i][0]] in ("", "-", " ") \
                and words[i - 1][2].lower() in ("al", "el", "ash", "ad", "as", "an", "ar", "at", "az"):
            match.start = words[i - 1][0]
        out.append(match)
        i = j + 1
    return out


def _longest(kb, text, words, i, max_words, propn, generics):
    s0 = words[i][0]
    keys: list[str] = []
    looses: list[str] = []
    found = None
    last = i
    for j in range(i, min(len(words), i + max_words * 2)):
        if j > i:
            gap = text[words[j - 1][1]:words[j][0]]
            if gap[:2] in ("'s", "’s"):
                gap = gap[2:]  # "Assad's militias"
            if any(ch not in _JOINERS for ch in gap) or gap.count(".") > 1:
                break
        s, e, w, key, loose = words[j]
        if key:
            keys.append(key)
            looses.append(loose)
        if len(keys) > max_words:
            break
        if not key:
            continue
        joined = " ".join(keys)
        if joined not in kb.prefixes and not _stem(words[j][2], keys, kb):
            break
        last = j
        surface = text[s0:e]
        hit = _lookup(kb, surface, joined, " ".join(looses), words[i:j + 1], propn, generics)
        if hit is not None:
            hit.start, hit.end = s0, e
            found = (hit, last)
    return found


def _stem(word: str, keys: list[str], kb) -> bool:
    """Whether the phrase minus a trailing "s" ("Assads") is a known prefix."""
    return word.endswith("s") and " ".join(keys[:-1] + [fold_word(word[:-1])]) in kb.prefixes


def _close_variant(loose: str, alias_loose: str) -> bool:
    """A spelling variant must be long enough and close on its letters, not only its consonants.

    "Nasrallah" ~ "Nasrullah" passes; "Hutu" ~ "Hayat" and "La" ~ "Lao" do not.
    """
    if min(len(loose), len(alias_loose)) < 5:
        return False
    return fuzz.ratio(loose, alias_loose) >= 70


def _lookup(kb: KnowledgeBase, surface: str, key: str, loose: str, span_words, propn, generics):
    aliases: list[Alias] = []
    if len(surface) <= 12 and _looks_acronym(surface):
        aliases += [a for a in kb.acronyms.get(_acronym_form(surface), ())]
    elif key not in kb.by_key and not (generics and loose in kb.generic_keys) and not (
            loose.endswith("s") and len(loose) > 4):
        return None  # most prefixes of a longer name are no name themselves
    capitalised = [w[2][:1].isupper() for w in span_words if w[3]]
    for a in kb.by_key.get(key, ()):
        exact = a.loose == loose
        if exact:
            if any(capitalised) or not any(ch.isupper() for ch in a.text):
                aliases.append(a)
            elif a.kind in ("demonym", "plural") and loose not in STOP_WORDS:
                aliases.append(a)  # "iranian militias": demonyms are often left in lower case
        elif all(capitalised) and not (len(span_words) == 1 and kb.actors[a.actor].type == "person"):
            aliases.append(a)  # a one-word surname must be spelt as in the KB
    if aliases:
        exact_ones = [a for a in aliases if a.loose == loose or a.kind == "acronym"]
        if exact_ones:
            return Match(0, 0, exact_ones, True)
    elif generics and loose in kb.generic_keys:
        return Match(0, 0, [], True, kb.generic_keys[loose])
    if loose.endswith("s") and len(loose) > 4 and span_words[-1][2][:1].isupper():
        # A possessive that lost its apostrophe ("Assads forces", "Israels"): the exact stem,
        # before any spelling variant ("Israelis").
        stem_loose, stem_key = loose[:-1], " ".join(key.split()[:-1] + [fold_word(span_words[-1][2][:-1])])
        stem = [a for a in kb.by_key.get(stem_key, ()) if a.loose == stem_loose and a.kind != "acronym"]
        if stem:
            return Match(0, 0, stem, True)
    if not aliases:
        return None
    # A spelling variant: never a function word ("The" is not "Thai") nor an ordinary English
    # word ("town" is not "Taiwan"), and a single word must be a proper noun when the parse is known.
    if any(w[4] in STOP_WORDS for w in span_words if w[3]):
        return None
    aliases = [a for a in aliases if variant_ok(surface, a.loose) and _close_variant(loose, a.loose)]
    if not aliases:
        return None
    if len(span_words) == 1 and propn is not None and not propn(span_words[0][0]):
        return None
    return Match(0, 0, aliases, False)
