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

from spacy.tokens import Span, Token

# lowercase words a Title Case headline keeps ("Shelling of X", "Attack on Y")
HEADLINE_FUNCTION = {"of", "in", "on", "to", "the", "a", "an", "and", "as", "for", "with", "at",
                     "by", "from", "over", "after", "near", "into", "against", "amid", "vs"}
# a run at least this long, with no verb-led lowercase clause, reads as a list of headlines
MIN_HEADLINE_RUN = 10
LOW_CONFIDENCE = 0.3


def _headline_word(tok: Token) -> bool:
    """A token that fits in a Title Case headline."""
    text = tok.text
    return (text[:1].isupper() or tok.like_num or tok.is_punct or tok.is_space
            or tok.lower_ in HEADLINE_FUNCTION or not any(ch.isalpha() for ch in text))


def _run_end(sent: Span, start: int) -> int:
    """Index (in the doc) just after the Title Case run that begins at ``start``."""
    i = start
    while i < sent.end and _headline_word(sent.doc[i]):
        i += 1
    return i


def furniture_zones(sent: Span, cues: set[str]) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` of furniture cues and the Title Case runs after them."""
    zones: list[tuple[int, int]] = []
    toks = list(sent)
    for k, tok in enumerate(toks):
        two = f"{tok.lower_} {toks[k + 1].lower_}" if k + 1 < len(toks) else ""
        if two in cues:
            width = 2
        elif tok.lower_ in cues and tok.text[:1].isupper():
            width = 1
        else:
            continue
        after = tok.i + width
        zones.append((tok.i, max(after, _run_end(sent, after))))
    return zones


def headline_runs(sent: Span) -> list[tuple[int, int]]:
    """Token ranges of long Title Case runs (lists of headlines) in a sentence."""
    runs: list[tuple[int, int]] = []
    i = sent.start
    while i < sent.end:
        if sent.doc[i].text[:1].isupper():
            end = _run_end(sent, i)
            words = [t for t in sent.doc[i:end] if t.is_alpha]
            if len(words) >= MIN_HEADLINE_RUN:
                runs.append((i, end))
            i = max(end, i + 1)
        else:
            i += 1
    return runs


def inside(tok: Token, ranges: list[tuple[int, int]]) -> bool:
    """Whether a token falls in one of the ranges."""
    return any(a <= tok.i < b for a, b in ranges)
