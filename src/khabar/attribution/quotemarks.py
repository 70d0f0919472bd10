"""Direct quotations by quote marks, paired locally so one stray mark never spoils a document.

Unlike tools that give up on a whole document when marks are unbalanced, marks are paired
paragraph by paragraph; each mark is read as opening or closing from its neighbours (a
curly mark in the wrong shape, as in ``end of quote. “``, is read by context), and an
opening mark left open at a paragraph end closes there: news style opens each paragraph
of a multi-paragraph quote and closes only the last one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKS = '"“”„«»‟'
_MARK = re.compile("[" + re.escape(_MARKS) + "]")
_OPENING_SHAPE = "“„«‟"
_CLOSING_SHAPE = "”»"
_PARAGRAPH = re.compile(r"[^\n]+")
_OPEN_BEFORE = set(" \t([{—–-/") | set(_MARKS)


@dataclass(frozen=True)
class Quotation:
    """A stretch in quote marks: ``start``/``end`` include the marks."""

    start: int
    end: int
    closed: bool  # False: ran to the paragraph end without a closing mark
    continued: bool  # True: the previous paragraph's quotation runs on into this one

    def words(self, text: str) -> int:
        return len(re.findall(r"\w+", text[self.start:self.end]))


def _is_opening(text: str, i: int, lo: int, hi: int) -> bool:
    if i + 1 >= hi:
        return False  # nothing follows: a mark at the paragraph end closes
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    before_space, after_space = prev in _OPEN_BEFORE, nxt.isspace()
    if before_space and not after_space:
        return True
    if after_space and not before_space:
        return False
    # Ambiguous context (e.g. glued to both sides): trust the shape of the mark.
    return text[i] in _OPENING_SHAPE or (text[i] not in _CLOSING_SHAPE and before_space)


def find_quotations(text: str) -> list[Quotation]:
    """All quotations in the text, in order, each within one paragraph."""
    raw = text
    # Two apostrophes stand for a double mark in some archives (''like this''): read them as one.
    text = text.replace("''", '"\u200b')
    out: list[Quotation] = []
    carried = False  # the last paragraph ended inside an open quotation
    for para in _PARAGRAPH.finditer(text):
        lo, hi = para.start(), para.end()
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        open_at: int | None = None
        starts_open = False
        first_mark = True
        for mark in _MARK.finditer(text, lo, hi):
            i = mark.start()
            opening = _is_opening(text, i, lo, hi)
            if first_mark and not opening and carried and text[lo:i].strip():
                # A closing mark first: the carried quotation goes on in this paragraph.
                out.append(Quotation(lo, i + 1, True, True))
                first_mark = False
                continue
            if first_mark and opening and i == lo and carried:
                starts_open = True
            first_mark = False
            if open_at is None:
                if opening:
                    open_at = i
            elif opening:
                # Two openings in a row: the first one was never closed; close it locally.
                end = i
                while end > open_at and text[end - 1].isspace():
                    end -= 1
                out.append(Quotation(open_at, end, False, starts_open and open_at == lo))
                open_at = i
            else:
                out.append(Quotation(open_at, i + 1, True, starts_open and open_at == lo))
                open_at = None
        if open_at is not None and hi - open_at > 1:
            out.append(Quotation(open_at, hi, False, starts_open and open_at == lo))
            carried = True
        else:
            carried = False
    return [Quotation(q.start, q.end + 1, q.closed, q.continued) if raw[q.end - 1:q.end + 1] == "''"
            else q for q in out]
