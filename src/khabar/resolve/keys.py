"""The transliteration-robust name key shared by actor and place lookup.

"alRashid", "Al-Rashid", "ar-Rasheed" and "el Rashîd" all map to the same key, so
one alias in a knowledge file covers the spellings reporters use.

Keys are built word by word (``word_keys``), so that a matcher can key the words of a
text once and look up any run of them: the key of a phrase is the space-joined keys of
its words, whatever the tokenisation.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

# "alRashid" -> "al Rashid": an article glued to a capitalised name.
_GLUED_ARTICLE = re.compile(r"\b([Aa]l|[Ee]l)(?=[A-Z][a-z])")
# Words with their character offsets; apostrophes inside a word ("Jaysh'ul") are kept.
WORD = re.compile(r"[^\W_]+(?:['’`][^\W_]+)*")
# Arabic article forms: dropped when attached by a hyphen ("ash-Sham", "ad-Dawla").
_HYPHEN_ARTICLES = frozenset({"al", "el", "il", "ul", "as", "ash", "ad", "adh", "an", "ar",
                              "at", "ath", "az", "es", "esh", "ed", "er", "et", "ez"})
# ... and these also when separated by a space ("al Sham", "el Bab").
_SPACE_ARTICLES = frozenset({"al", "el"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLES = re.compile(r"(.)\1+")
# Transliteration equivalents: French "ch" (Bachar, Daech), Persian "gh" for Arabic "q"
# (Ghasem = Qasem), "kh"/"dh"/"th"/"ph" written with or without the h.
_DIGRAPHS = (("ch", "sh"), ("gh", "q"), ("kh", "k"), ("dh", "d"), ("th", "t"), ("ph", "f"))


@lru_cache(maxsize=131072)
def fold_word(word: str) -> str:
    """Key of one word: ASCII, lower case, vowels after the first letter and doubles folded.

    The first letter keeps its vowel, so "Idlib" and "Dlb" stay apart; common
    transliteration digraphs are unified ("ch" = "sh", "gh" = "q", "kh" = "k").
    """
    text = _NON_ALNUM.sub("", anyascii(word).lower())
    if not text:
        return ""
    if len(text) > 3 and text[-1] == "h" and text[-2] in "aeiou":
        text = text[:-1]  # "Nusrah" = "Nusra", "Hezbollah" = "Hezbolla"
    for a, b in _DIGRAPHS:
        text = text.replace(a, b)
    folded = text[0] + _VOWELS.sub("", text[1:])
    return _DOUBLES.sub(r"\1", folded)


@lru_cache(maxsize=131072)
def loose_word(word: str) -> str:
    """A lighter key of one word: ASCII and lower case only (no vowel folding)."""
    return _NON_ALNUM.sub("", anyascii(word).lower())


def split_words(text: str) -> list[tuple[int, int, str]]:
    """Words of ``text`` as (start, end, word), with glued articles split off.

    Arabic articles ("al-", "ash-", "el ") come back as words whose key is empty, so a
    phrase key skips them but offsets stay exact.
    """
    out: list[tuple[int, int, str]] = []
    for m in WORD.finditer(text):
        word, start = m.group(), m.start()
        if word[-2:] in ("'s", "’s", "`s") and len(word) > 3:
            word = word[:-2]  # possessive: "Assad's militias"
        glued = _GLUED_ARTICLE.match(word)
        if glued and len(word) > 3:
            out.append((start, start + 2, word[:2]))
            start, word = start + 2, word[2:]
        out.append((start, start + len(word), word))
    return out


def is_article(words: list[tuple[int, int, str]], i: int, text: str) -> bool:
    """Whether word ``i`` is an Arabic article in front of the next word."""
    start, end, word = words[i]
    low = word.lower()
    if low not in _HYPHEN_ARTICLES or i + 1 >= len(words):
        return False
    gap = text[end:words[i + 1][0]]
    if gap == "":
        return True  # split from a glued form: "alRashid"
    if gap in ("-", "‐", "'", "’"):
        return True
    return low in _SPACE_ARTICLES and gap == " "


def word_keys(text: str, loose: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, key) for each word of ``text``; articles get the empty key."""
    words = split_words(text)
    fold = loose_word if loose else fold_word
    return [(s, e, "" if is_article(words, i, text) else fold(w))
            for i, (s, e, w) in enumerate(words)]


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A spelling-insensitive key: ASCII, lower case, articles dropped, vowels and doubles folded.

    Args:
        name: a name as written ("Jaysh alIslam", "Jaish al-Islam").

    Returns:
        The space-joined word keys ("jsh islm" for both spellings of "Jaysh al-Islam").
    """
    return " ".join(k for _, _, k in word_keys(name) if k)


@lru_cache(maxsize=65536)
def loose_key(name: str) -> str:
    """Lower-case ASCII words with articles dropped, vowels kept ("Al-Qaeda" -> "qaeda")."""
    return " ".join(k for _, _, k in word_keys(name, loose=True) if k)
