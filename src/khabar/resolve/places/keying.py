"""The place key: the shared name key (``khabar.resolve.keys.name_key``) after folding the
spelling variation that is peculiar to Arabic place names in English reports.

"Dayr az Zawr", "Deir ez-Zor", "Deir Ezzor" and "Deir el-Zour" share one key, as do
"Ma‘arrat an Nu‘mān" and "Maarat al-Numan", "Ra's al ‘Ayn" and "Ras al-Ain".
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

from khabar.data.places import word_variants
from khabar.resolve.keys import name_key

# An article glued to a capitalised name: "alRamouseh" -> "al Ramouseh".
_GLUED = re.compile(r"\b([Aa]l|[Ee]l)(?=[A-Z])")
_APOSTROPHES = re.compile(r"['`ʿʾ‘’´]")
_SEPARATORS = re.compile(r"[-_/.,()]+")
# Arabic article forms written apart ("an Nu'man", "ash Shughur", "el Zour").
_ARTICLES = frozenset({"al", "el", "il", "ul", "as", "ash", "ad", "adh", "an", "ar", "at", "ath",
                       "az", "es", "esh", "ed", "er", "et", "ez", "ech"})
# A sun-letter article assimilated and glued to a later word: "Ezzor" -> "zor".
_ASSIMILATED = re.compile(r"^[ae]([dnrstz])\1(?=[aeiou])")
# Spelling variation of English transliterations: q/k, ou/u, a 'w' or 'y' glide after a vowel.
_FOLDS = ((re.compile(r"q"), "k"), (re.compile(r"ou"), "u"), (re.compile(r"ee"), "i"),
          (re.compile(r"(?<=[aeiou])[wy]"), ""), (re.compile(r"dh"), "d"), (re.compile(r"ph"), "f"),
          (re.compile(r"ck"), "k"), (re.compile(r"c(?=[aou])"), "k"))


def place_key(name: str) -> str:
    """A spelling-insensitive key for a place name (empty when nothing is left).

    Args:
        name: a place name in any script; Arabic script is transliterated by ``anyascii``.

    Returns:
        The key, a string of space-separated folded words.
    """
    return place_forms(name)[0]


@lru_cache(maxsize=262144)
def place_forms(name: str) -> tuple[str, str]:
    """The place key of ``name`` and its loose form (ASCII words, articles dropped, vowels kept).

    The key is for recall (it unifies many spellings, and some unrelated short names); the
    loose form is for ranking the places a key finds by how close their spelling is.
    """
    text = _GLUED.sub(r"\1 ", name)
    text = _APOSTROPHES.sub("", anyascii(_APOSTROPHES.sub("", text))).lower()
    words = _SEPARATORS.sub(" ", text).split()
    if words and words[0] == "the":
        words = words[1:]
    out: list[str] = []
    for i, word in enumerate(words):
        if word in _ARTICLES and i < len(words) - 1:
            continue
        if out:
            word = _ASSIMILATED.sub(r"\1", word)
        word = word_variants().get(word, word)
        for pattern, repl in _FOLDS:
            word = pattern.sub(repl, word)
        out.append(word)
    loose = " ".join(out)
    return (name_key(loose), loose) if out else ("", "")


def without_final_h(loose: str) -> str:
    """A loose form with each word's final -ah/-eh h dropped (a ta marbuta is spelt or not:
    "atmeh" -> "atme"), as the shared name key drops it."""
    return " ".join(w[:-1] if len(w) > 3 and w[-1] == "h" and w[-2] in "aeiou" else w
                    for w in loose.split())
