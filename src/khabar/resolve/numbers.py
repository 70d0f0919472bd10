"""Number words (``data/numbers.yaml``): one table for the stages that read counts in text.

The dates stage reads "two days ago" and "a three-day truce"; the main-place scorer reads
death tolls ("dozens were killed"). Both take their words and values from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from khabar.data import load_yaml
from khabar.errors import KhabarError

PATH = Path(__file__).resolve().parents[1] / "data" / "numbers.yaml"


@dataclass(frozen=True)
class NumberWords:
    """Number words by kind, each mapped to its value (quantifiers have none)."""

    cardinals: dict[str, int]
    articles: dict[str, int]
    vague: dict[str, int]
    quantifiers: tuple[str, ...]

    def values(self, *kinds: str) -> dict[str, int]:
        """Word -> value over the given kinds ("cardinals", "articles", "vague")."""
        out: dict[str, int] = {}
        for kind in kinds:
            out.update(getattr(self, kind))
        return out


def alternation(words) -> str:
    """A regex alternation of words, longest first (so "an" is tried before "a")."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def number_words(path: Path = PATH) -> NumberWords:
    """The number-word table, loaded and checked once.

    Raises:
        KhabarError: E051 when the file is missing or malformed.
    """
    data = load_yaml(path)
    tables = {}
    for kind in ("cardinals", "articles", "vague"):
        table = data.get(kind)
        if not isinstance(table, dict) or not all(
                isinstance(k, str) and k.isalpha() and k.islower() and isinstance(v, int) and v > 0
                for k, v in table.items()):
            raise KhabarError("E051", path=str(path),
                              detail=f"'{kind}' must map lower-case words to positive integers")
        tables[kind] = dict(table)
    quantifiers = data.get("quantifiers")
    if not isinstance(quantifiers, list) or not all(isinstance(w, str) and w.isalpha() for w in quantifiers):
        raise KhabarError("E051", path=str(path), detail="'quantifiers' must be a list of words")
    return NumberWords(quantifiers=tuple(quantifiers), **tables)
