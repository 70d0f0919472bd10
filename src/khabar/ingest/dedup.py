"""Near-duplicate detection: 64-bit SimHash over word shingles, searched by bands.

Wire copies of one report differ by a headline, a dateline or a credit line; their
SimHashes then differ in a few bits (2 to 6 on FA-KES reports given a dateline and a
credit; unrelated reports differ in 17 or more), and ``MAX_DISTANCE`` is 7. Split
into six bands of 10 or 11 bits, two hashes within 5 bits share at least one band
exactly (pigeonhole) and those within 6-7 bits nearly always do, so the store finds
candidates with an indexed equality query instead of a scan.
"""

from __future__ import annotations

import hashlib
import re

MAX_DISTANCE = 7
BANDS = 6
_EDGES = [0, 11, 22, 33, 44, 54, 64]
_WORD = re.compile(r"\w+")


def simhash(text: str, shingle: int = 3) -> int:
    """A 64-bit SimHash of ``text`` (lower-cased word 3-shingles), as a signed integer for SQL."""
    words = _WORD.findall(text.lower())
    grams = [" ".join(words[i:i + shingle]) for i in range(max(1, len(words) - shingle + 1))]
    weights = [0] * 64
    for gram in grams:
        h = int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += 1 if h >> bit & 1 else -1
    value = sum(1 << bit for bit in range(64) if weights[bit] > 0)
    return value - (1 << 64) if value >= 1 << 63 else value


def bands(value: int) -> list[int]:
    """The six bands (10 or 11 bits each) of a SimHash."""
    unsigned = value & (1 << 64) - 1
    return [(unsigned >> lo) & ((1 << (hi - lo)) - 1) for lo, hi in zip(_EDGES, _EDGES[1:])]


def distance(a: int, b: int) -> int:
    """Hamming distance between two SimHashes."""
    return bin((a ^ b) & (1 << 64) - 1).count("1")
