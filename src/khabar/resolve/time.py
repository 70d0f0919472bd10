"""Date resolution (issue 6): date expressions found by spaCy (DATE, TIME) and patterns,
resolved with dateparser against the publication date, past or future by the governing
verb's tense, with granularity. Durations ("within 24 hours") are not dates and are left
out; without a publication date, relative expressions stay relative (value null).

Public API: ``DateStage(config)(ctx) -> list[DateRef]``, ``resolve_expression``,
``guess_dateline(text)``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

from khabar.context import Annotated
from khabar.model import DateRef

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?"
# Expressions spaCy's small model misses or cuts short.
_PATTERNS = re.compile(
    rf"\b(?:(?:last|next|this|on|early|late)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    rf"Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?\b"
    rf"|\b(?:yesterday|today|tomorrow|tonight)\b"
    rf"|\b\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?\b|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b")
_DATELINES = (
    re.compile(rf"^\s*(?:{_WEEKDAY},?\s+)?(\d{{1,2}}\s+{_MONTH},?\s+\d{{4}})"),
    re.compile(rf"^\s*(?:{_WEEKDAY},?\s+)?({_MONTH}\s+\d{{1,2}},?\s+\d{{4}})"),
    re.compile(rf"^\s*[A-Z][A-Za-z .'-]{{1,40}},?\s+(?:{_WEEKDAY},?\s+)?"
               rf"({_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}})"),
    re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\b"),
)
# Durations and vague spans: they measure time, they do not date anything.
_DURATION = re.compile(
    r"^(?:(?:within|for|over|during|in|after|about|around|nearly|almost|more than|less than|"
    r"at least|up to|the|a|an|past|last|next|coming|few|several|quite|some|many|\d+|[a-z]+-?)\s+)*"
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|hundred|a|an|few|several|many|some|couple of)?\s*"
    r"(?:hours?|days?|weeks?|months?|years?|decades?|minutes?|nights?)$", re.I)
_ANCHORED = re.compile(r"\b(?:ago|last|next|this|yesterday|today|tomorrow|tonight|since|earlier|"
                       r"later|previous|following|coming)\b", re.I)
_FUTURE_AUX = {"will", "shall", "'ll", "should", "would", "going", "plans", "expected", "to"}
_INTERVAL = re.compile(r"^(?:from|between)\s+(.+?)\s+(?:to|and|until|till|-|–)\s+(.+)$", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@lru_cache(maxsize=8)
def _parser(prefer: str, base: date | None) -> DateDataParser:
    settings = {"PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": True,
                "REQUIRE_PARTS": [], "STRICT_PARSING": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["en"], settings=settings)


def is_duration(text: str) -> bool:
    """Whether an expression measures time ("within 24 hours", "three days") rather than dates it."""
    t = text.strip()
    return bool(_DURATION.match(t)) and not re.search(r"\bago\b|\blast (?:week|month|year)\b|"
                                                      r"\bnext (?:week|month|year)\b", t, re.I)


def _format(d: date, period: str) -> tuple[str, str]:
    if period == "year":
        return f"{d.year:04d}", "year"
    if period == "month":
        return f"{d.year:04d}-{d.month:02d}", "month"
    if period == "week":
        monday = d - timedelta(days=d.weekday())
        return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}", "week"
    return d.isoformat(), "day"


def resolve_expression(text: str, published: date | None, tense: str = "past") -> tuple[str | None, str, bool]:
    """Resolve one date expression.

    Args:
        text: the expression ("yesterday", "on Friday", "5 April 2017", "last week").
        published: the article's publication date, or None.
        tense: "past" or "future", the tense of the clause it belongs to.

    Returns:
        ``(value, granularity, relative)``: value an ISO date, month, year or "start/end"
        interval, or None when it cannot be anchored (then ``relative`` is True).
    """
    t = re.sub(r"^(?:on|in|at|by|since|until|the)\s+", "", text.strip(), flags=re.I)
    interval = _INTERVAL.match(t)
    if interval:
        first, second = interval.group(1), interval.group(2)
        if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", first):  # "from 3 to 5 December 2016"
            first = first + " " + re.sub(r"^\d{1,2}(?:st|nd|rd|th)?\s*", "", second)
        a = resolve_expression(first, published, tense)
        b = resolve_expression(interval.group(2), published, tense)
        if a[0] and b[0]:
            return f"{a[0].split('/')[0]}/{b[0].split('/')[-1]}", "interval", a[2] or b[2]
        return None, "interval", True
    relative = bool(_ANCHORED.search(t)) or not _YEAR.search(t)
    if relative and published is None:
        return None, "unknown", True
    data = _parser("future" if tense == "future" else "past", published).get_date_data(t)
    if data is None or data.date_obj is None:
        return None, "unknown", relative
    value, granularity = _format(data.date_obj.date(), data.period or "day")
    return value, granularity, False


def _tense(token) -> str:
    """Future when the governing verb carries "will"/"should"/"going to", else past."""
    node = token
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX"):
            break
        if node.head is node:
            break
        node = node.head
    words = {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")}
    if words & _FUTURE_AUX or node.tag_ in ("VB",) and any(c.lower_ == "to" for c in node.children):
        return "future"
    return "past"


def guess_dateline(text: str) -> date | None:
    """A publication date read from a dateline at the very start of a text.

    Recognises "Wed 05 Apr 2017 ...", "April 5, 2017 ...", "ANKARA, Dec 1 2016 (Reuters) -"
    and ISO dates; a dateline without a year gives None (never a guessed year).
    """
    head = text[:120]
    for pattern in _DATELINES:
        m = pattern.match(head)
        if m:
            data = _parser("past", None).get_date_data(m.group(1))
            if data is not None and data.date_obj is not None:
                return data.date_obj.date()
    return None


class DateStage:
    """The dates stage: finds and resolves date expressions of an annotated article."""

    name = "khabar.dates.v1"

    def __init__(self, config: dict) -> None:
        self.config = config

    def __call__(self, ctx: Annotated) -> list[DateRef]:
        doc, published = ctx.doc, ctx.article.published
        spans: list[tuple[int, int]] = [(e.start_char, e.end_char) for e in doc.ents
                                        if e.label_ in ("DATE", "TIME")]
        for m in _PATTERNS.finditer(doc.text):
            if not any(s < m.end() and m.start() < e for s, e in spans):
                spans.append((m.start(), m.end()))
        out = []
        for start, end in sorted(spans):
            text = doc.text[start:end]
            if is_duration(text):
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            tense = _tense(span.root) if span is not None else "past"
            value, granularity, relative = resolve_expression(text, published, tense)
            out.append(DateRef(text=text, start=start, end=end, value=value,
                               granularity=granularity, relative=relative))
        return out
