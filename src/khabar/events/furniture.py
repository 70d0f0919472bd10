"""Scraped page furniture: lists of related stories, topic and tag lines.

Scraped news pages keep widget text in the article body ("Get short URL", "Related ...",
"Topic ...", "Tags ..."), usually followed by the Title Case headlines of other stories.
An act named there is not reported by the article. Two signals, both from the text's
shape rather than from any site's markup:

- a **furniture zone**: a furniture cue word (``furniture_cues`` in cues.yaml, written
  capitalised or after "Get") and the Title Case run that follows it; triggers inside it
  are dropped;
- a **headline run**: a long run of Title Case words with no lowercase content word,
  outside the article's first sentence (where the article's own headline sits); triggers
  inside it are kept with low confidence.
"""

from __future__ import annotations

import weakref

from spacy.attrs import IS_ALPHA, IS_SPACE, LIKE_NUM
from spacy.tokens import Doc, Span, Token

from khabar.annotate.tokens import TokenTable, token_table

# lowercase words a Title Case headline keeps ("Shelling of X", "Attack on Y")
HEADLINE_FUNCTION = {"of", "in", "on", "to", "the", "a", "an", "and", "as", "for", "with", "at",
                     "by", "from", "over", "after", "near", "into", "against", "amid", "vs"}
# a run at least this long, with no verb-led lowercase clause, reads as a list of headlines
MIN_HEADLINE_RUN = 10
LOW_CONFIDENCE = 0.3


_FLAGS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _flags(doc: Doc) -> tuple[list[bool], list[bool], list[bool]]:
    """``like_num``, ``is_space`` and ``is_alpha`` of every token, read once per doc."""
    found = _FLAGS.get(doc)
    if found is None:
        arr = doc.to_array([LIKE_NUM, IS_SPACE, IS_ALPHA]) if len(doc) else None
        cols = [[bool(x) for x in arr[:, k].tolist()] if arr is not None else [] for k in range(3)]
        found = _FLAGS[doc] = (cols[0], cols[1], cols[2])
    return found


def _headline_word(t: TokenTable, flags: tuple, i: int) -> bool:
    """A token that fits in a Title Case headline (``flags`` as ``_flags`` gives them)."""
    text = t.orth[i]
    like_num, is_space, _ = flags
    return (text[:1].isupper() or like_num[i] or t.is_punct[i] or is_space[i]
            or t.lower[i] in HEADLINE_FUNCTION or not any(ch.isalpha() for ch in text))


def _run_end(sent: Span, start: int) -> int:
    """Index (in the doc) just after the Title Case run that begins at ``start``."""
    i = start
    t, flags = token_table(sent.doc), _flags(sent.doc)
    while i < sent.end and _headline_word(t, flags, i):
        i += 1
    return i


def furniture_zones(sent: Span, cues: set[str]) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` of furniture cues and the Title Case runs after them."""
    zones: list[tuple[int, int]] = []
    t = token_table(sent.doc)
    lower = t.lower
    for i in range(sent.start, sent.end):
        two = f"{lower[i]} {lower[i + 1]}" if i + 1 < sent.end else ""
        if two in cues:
            width = 2
        elif lower[i] in cues and t.orth[i][:1].isupper():
            width = 1
        else:
            continue
        after = i + width
        zones.append((i, max(after, _run_end(sent, after))))
    return zones


def headline_runs(sent: Span) -> list[tuple[int, int]]:
    """Token ranges of long Title Case runs (lists of headlines) in a sentence."""
    runs: list[tuple[int, int]] = []
    orth = token_table(sent.doc).orth
    is_alpha = _flags(sent.doc)[2]
    i = sent.start
    while i < sent.end:
        if orth[i][:1].isupper():
            end = _run_end(sent, i)
            if sum(is_alpha[i:end]) >= MIN_HEADLINE_RUN:
                runs.append((i, end))
            i = max(end, i + 1)
        else:
            i += 1
    return runs


def inside(tok: Token, ranges: list[tuple[int, int]]) -> bool:
    """Whether a token falls in one of the ranges."""
    return any(a <= tok.i < b for a, b in ranges)
