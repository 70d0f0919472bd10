"""Quotes attributed by layout rather than by a verb.

- Speaker labels: a paragraph opening with a short name and a colon, as in headlines
  ("Pence: Flowers won't be at debate") and transcripts ("WALLACE: Let's start ...").
- Dash credits: a quotation followed by a dash and a name (`"..." ― Jane Doe`).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from khabar.attribution.clauses import Candidate, doc_text, trim
from khabar.attribution.lexicon import CueLexicon
from khabar.attribution.quotemarks import Quotation

_LABEL = re.compile(r"^[ \t\"“]*(?P<label>[^\n:]{2,60}?)[ \t]*(?P<cue>:)[ \t]+(?P<content>\S[^\n]*)$", re.M)
_DASH_CREDIT = re.compile(r"[ \t]*(?P<cue>[―—–]|--?)[ \t]*(?P<name>[A-Z][^\n,;(]{1,60})")
_MAX_LABEL_WORDS = 6


def _looks_like_name(label: str, lex: CueLexicon) -> bool:
    words = label.split()
    if not words or len(words) > _MAX_LABEL_WORDS or label.lower() in lex.label_stopwords:
        return False
    # Every word capitalised (names, titles, ALL-CAPS transcript labels), small words aside.
    return all(w[0].isupper() or w.lower() in ("of", "the", "and", "de", "al", "el", "van", "von")
               or not w[0].isalpha() for w in words) and words[0][0].isupper()


def _name_list(content: str) -> bool:
    """"Iowa: Tim Albrecht, Brad Anderson, Rob Barron, ...": a list (of panel members,
    contributors), not something said: three or more short comma-separated items."""
    items = [x.strip() for x in content.split(",")]
    return len(items) >= 4 and sum(len(x.split()) <= 3 for x in items) >= len(items) - 1


def speaker_labels(doc: Doc, lex: CueLexicon) -> list[Candidate]:
    """`Name: content` paragraphs."""
    out = []
    text = doc_text(doc)
    for m in _LABEL.finditer(text):
        label = m.group("label")
        if not _looks_like_name(label, lex) or len(m.group("content").split()) < 3 or _name_list(m.group("content")):
            continue
        src = (m.start("label"), m.end("label"))
        span = doc.char_span(*src, alignment_mode="expand")
        head = span.root if span is not None else None
        out.append(Candidate("direct", trim(text, m.start("content"), m.end("content")),
                             (m.start("cue"), m.end("cue")), src, head, None))
    return out


def dash_credits(doc: Doc, quotations: list[Quotation]) -> list[Candidate]:
    """`"..." ― Name` credits after a quotation."""
    out = []
    text = doc_text(doc)
    for q in quotations:
        line_end = text.find("\n", q.end)
        m = _DASH_CREDIT.match(text, q.end, len(text) if line_end < 0 else line_end)
        if m is None:
            continue
        src = trim(text, m.start("name"), m.end("name"))
        span = doc.char_span(*src, alignment_mode="expand")
        head = span.root if span is not None else None
        out.append(Candidate("direct", (q.start, q.end), (m.start("cue"), m.end("cue")), src, head, None))
    return out
