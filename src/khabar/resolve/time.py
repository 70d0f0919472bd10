"""Date resolution (issue 6): date expressions found by spaCy (DATE, TIME) and patterns,
resolved with dateparser against the publication date, past or future by the governing
verb's tense, with granularity. Durations ("within 24 hours") are not dates and are left
out; without a publication date, relative expressions stay relative (value null).

Public API: ``DateStage(config)(ctx) -> list[DateRef]``, ``resolve_expression``,
``guess_dateline(text)``.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

from khabar.annotate.tokens import doc_ents
from khabar.context import Annotated
from khabar.model import DateRef
from khabar.resolve.numbers import alternation, number_words

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
    # "5-04-2016", "20.07.2016": day first, as the agencies writing them do.
    re.compile(r"^\s*(\d{1,2}[-./]\d{1,2}[-./]\d{4})(?!\d)"),
)
# An agency credit followed by a date near the top: "... Monitor AFP Friday 23 May 2014 ...".
_CREDIT = re.compile(rf"\b(?:AFP|Reuters|AP|SANA|Sputnik|Xinhua|Anadolu)\)?\s*[-,]?\s*(?:{_WEEKDAY},?\s+)?"
                     rf"(\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})")
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
_NUMBER_WORDS = r"\d+|" + alternation([*number_words().cardinals, *number_words().quantifiers])
_HYPHEN_DURATION = re.compile(rf"\b(?:{_NUMBER_WORDS})-(?:hour|day|week|month|year|minute|decade)s?\b", re.I)
_MODIFIER = re.compile(r"^(?:early|late|mid|the middle of|the end of|the beginning of|the start of)[-\s]+",
                       re.I)
_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_WEEKDAY_EXPR = re.compile(r"(?:(last|this|next|coming|past)\s+)?(monday|tuesday|wednesday|thursday|"
                           r"friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?", re.I)
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTH_EXPR = re.compile(r"(last|next|this)\s+(january|february|march|april|may|june|july|august|"
                         r"september|october|november|december)", re.I)
_NUMERIC = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})")


@lru_cache(maxsize=8)
def _parser(prefer: str, base: date | None) -> DateDataParser:
    settings = {"PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": True,
                "REQUIRE_PARTS": [], "STRICT_PARSING": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["en"], settings=settings)


def is_duration(text: str) -> bool:
    """Whether an expression measures time ("within 24 hours", "three days", "a 48-hour
    truce", "six-year-old") rather than dates something."""
    t = text.strip()
    if _HYPHEN_DURATION.search(t):
        return True
    return bool(_DURATION.match(t)) and not re.search(r"\bago\b|\blast (?:week|month|year)\b|"
                                                      r"\bnext (?:week|month|year)\b", t, re.I)


def is_date_like(text: str) -> bool:
    """False for what spaCy's small model tags DATE but cannot be one ("1407", "142016")."""
    digits = text.strip()
    if digits.isdigit():
        return len(digits) == 4 and 1900 <= int(digits) <= 2100
    return not re.match(r"^\d{5,}", digits)


def _weekday(t: str, published: date, tense: str) -> date | None:
    """"Friday", "last Friday", "next Friday": the nearest such day, backwards for past
    clauses and forwards for future ones; the publication day itself counts ("on Saturday"
    in a Saturday report is that day)."""
    m = _WEEKDAY_EXPR.fullmatch(t)
    if not m:
        return None
    which, day = (m.group(1) or "").lower(), _DAYS.index(m.group(2).lower()[:3])
    # "last Friday" is behind the report whatever the clause's tense; "next Friday" ahead.
    forward = which in ("next", "coming") or tense == "future" and which not in ("last", "past")
    if forward:
        delta = (day - published.weekday()) % 7 or (7 if which == "next" else 0)
        return published + timedelta(days=delta)
    delta = (published.weekday() - day) % 7 or (7 if which in ("last", "past") else 0)
    return published - timedelta(days=delta)


_MONTH_OF_YEAR = re.compile(r"(january|february|march|april|may|june|july|august|september|october|"
                            r"november|december)\s+(?:of\s+)?(last|this|next)\s+year", re.I)


def _month_name(t: str, published: date) -> str | None:
    """"last September" -> the September before the publication month (as YYYY-MM);
    "October last year" -> October of the year before publication (dateparser reads neither)."""
    m = _MONTH_OF_YEAR.fullmatch(t)
    if m:
        month = _MONTHS.index(m.group(1).lower()[:3]) + 1
        return f"{published.year + _STEP[m.group(2).lower()]:04d}-{month:02d}"
    m = _MONTH_EXPR.fullmatch(t)
    if not m:
        return None
    which, month = m.group(1).lower(), _MONTHS.index(m.group(2).lower()[:3]) + 1
    year = published.year
    if which == "last":
        year -= month >= published.month
    elif which == "next":
        year += month <= published.month
    return f"{year:04d}-{month:02d}"


_RELATIVE_DAY = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
                 "yesterday": -1, "tomorrow": 1}
_RELATIVE_UNIT = re.compile(r"(last|this|next|past|coming)\s+(week|month|year)", re.I)
_STEP = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}


# "5 April", "Apr. 5th": the day and month of a written date, either order.
_DAY_MONTH_PART = (r"(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m1>[a-z]{3,9})\.?"
                   r"|(?P<m2>[a-z]{3,9})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?)")
_DAY_MONTH = re.compile(_DAY_MONTH_PART, re.I)


def _day_and_month(m: re.Match) -> tuple[int, int | None]:
    """Day and month number (None for an unknown month word) of a ``_DAY_MONTH_PART`` match."""
    return int(m.group("d1") or m.group("d2")), _MONTH_FORMS.get((m.group("m1") or m.group("m2")).lower())


def _without_year(t: str, published: date, tense: str) -> tuple[str, str] | None:
    """Fast path for "May" and "21 May": the nearest such month or day before the report
    (after it in a future clause), as dateparser would place it."""
    month = _MONTH_FORMS.get(t.lower().rstrip("."))
    day = None
    if month is None:
        m = _DAY_MONTH.fullmatch(t)
        if not m:
            return None
        day, month = _day_and_month(m)
        if month is None:
            return None
    year = published.year
    here = (month, day) if day else (month,)
    now = (published.month, published.day) if day else (published.month,)
    if tense == "future":
        year += here < now
    else:
        year -= here > now
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    try:
        return date(year, month, day).isoformat(), "day"
    except ValueError:
        return None


def _relative(t: str, published: date) -> tuple[str, str] | None:
    """Fast path for the commonest relative dates ("yesterday", "last week", "next month"):
    the same values dateparser gives, without its cost."""
    low = t.lower()
    if low in _RELATIVE_DAY:
        return (published + timedelta(days=_RELATIVE_DAY[low])).isoformat(), "day"
    m = _RELATIVE_UNIT.fullmatch(low)
    if not m:
        return None
    step, unit = _STEP[m.group(1)], m.group(2)
    if unit == "week":
        return _format(published + timedelta(weeks=step), "week")
    if unit == "year":
        return f"{published.year + step:04d}", "year"
    months = published.year * 12 + published.month - 1 + step
    return f"{months // 12:04d}-{months % 12 + 1:02d}", "month"


_COUNT_WORDS = number_words().values("articles", "cardinals")
_AGO = re.compile(r"(?:just\s+)?(\d{1,3}|" + alternation(_COUNT_WORDS) + r")\s+(day|week|month|year)s?\s+ago",
                  re.I)


def _ago(t: str, published: date) -> date | None:
    """Fast path for "two days ago", "a year ago": the date dateparser gives, without its cost."""
    m = _AGO.fullmatch(t)
    if not m:
        return None
    word, unit = m.group(1).lower(), m.group(2).lower()
    n = int(word) if word.isdigit() else _COUNT_WORDS[word]
    if unit == "day":
        return published - timedelta(days=n)
    if unit == "week":
        return published - timedelta(weeks=n)
    months = published.year * 12 + published.month - 1 - (n if unit == "month" else 12 * n)
    year, month = divmod(months, 12)
    return date(year, month + 1, min(published.day, monthrange(year, month + 1)[1]))


@lru_cache(maxsize=1)
def _dateparser_words() -> frozenset[str]:
    """Every word of dateparser's English data (months, weekdays, units, "ago", number words),
    less the words it skips ("the", "on", "at")."""
    from dateparser.languages import default_loader

    info = default_loader.get_locale("en").info
    words: set[str] = set()

    def walk(v) -> None:
        if isinstance(v, str):
            words.update(re.findall(r"[a-z]+", v.lower()))
        elif isinstance(v, dict):
            for k, x in v.items():
                walk(k)
                walk(x)
        elif isinstance(v, (list, tuple)):
            for x in v:
                walk(x)

    for key, value in info.items():
        if key not in ("name", "date_order", "skip", "pertain"):
            walk(value)
    return frozenset(words - {w.lower() for w in info.get("skip", ())})


def _unreadable(t: str) -> bool:
    """Whether dateparser can read nothing in ``t``: no digit and none of its words
    ("Manbij", "Saturdays"), so the call is spared."""
    if any(ch.isdigit() for ch in t):
        return False
    known = _dateparser_words()
    return not any(w in known for w in re.findall(r"[a-z]+", t.lower()))


def _numeric(t: str, published: date | None) -> date | None:
    """"09-07-2015": day-first or month-first, whichever lies nearer the publication date."""
    m = _NUMERIC.fullmatch(t)
    if not m:
        return None
    a, b, year = (int(g) for g in m.groups())
    options = []
    for day, month in ((a, b), (b, a)):
        try:
            options.append(date(year, month, day))
        except ValueError:
            pass
    if not options:
        return None
    return min(options, key=lambda d: abs((d - published).days)) if published else options[0]


def _format(d: date, period: str) -> tuple[str, str]:
    if period == "year":
        return f"{d.year:04d}", "year"
    if period == "month":
        return f"{d.year:04d}-{d.month:02d}", "month"
    if period == "week":
        monday = d - timedelta(days=d.weekday())
        return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}", "week"
    return d.isoformat(), "day"


_MONTH_FORMS = {form: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], 1) for form in names}
_ABSOLUTE = re.compile(r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?" + _DAY_MONTH_PART
                       + r",?\s+(?P<y>(?:19|20)\d\d)$", re.I)


_YEAR_ONLY = re.compile(r"^(?:1[89]|20)\d\d$")
_MONTH_YEAR = re.compile(r"^([A-Za-z]{3,9})\.?,?\s+((?:19|20)\d\d)$")
# Times of day and frequencies: no date of their own (dateparser would only echo the anchor).
_VAGUE = {"morning", "evening", "afternoon", "night", "overnight", "midnight", "noon", "daily",
          "weekly", "monthly", "yearly", "annually", "weekend", "the weekend", "dawn", "dusk"}


def _absolute(text: str) -> date | None:
    """Fast path for fully written dates ("5 April 2017", "Wed Apr 5, 2017"): no dateparser call."""
    m = _ABSOLUTE.match(text)
    if not m:
        return None
    day, month = _day_and_month(m)
    if month is None:
        return None
    try:
        return date(int(m.group("y")), month, day)
    except ValueError:
        return None


@lru_cache(maxsize=16384)
def resolve_expression(text: str, published: date | None,
                       tense: str = "past") -> tuple[str | None, str, bool]:
    """Resolve one date expression (pure, so results are cached).

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
    t = _MODIFIER.sub("", t)  # "mid-March 2011", "late Sunday": the span they qualify
    absolute = _absolute(t)
    if absolute is not None:
        return absolute.isoformat(), "day", False
    if _YEAR_ONLY.match(t):
        return t, "year", False
    month_year = _MONTH_YEAR.match(t)
    if month_year and month_year.group(1).lower() in _MONTH_FORMS:
        return f"{month_year.group(2)}-{_MONTH_FORMS[month_year.group(1).lower()]:02d}", "month", False
    if t.lower() in _VAGUE:
        return None, "unknown", True
    numeric = _numeric(t, published)
    if numeric is not None:
        return numeric.isoformat(), "day", False
    relative = bool(_ANCHORED.search(t)) or not _YEAR.search(t)
    if relative and published is None:
        return None, "unknown", True
    if published is not None:
        day = _weekday(t, published, tense)
        if day is not None:
            return day.isoformat(), "day", False
        month = _month_name(t, published)
        if month is not None:
            return month, "month", False
        quick = _relative(t, published) or _without_year(t, published, tense)
        if quick is not None:
            return quick[0], quick[1], False
        ago = _ago(t, published)
        if ago is not None:
            return _checked(ago, _AGO.fullmatch(t).group(2).lower(), t, published, relative)
    if _unreadable(t):
        return None, "unknown", relative
    data = _parser("future" if tense == "future" else "past", published).get_date_data(t)
    if data is None or data.date_obj is None:
        return None, "unknown", relative
    return _checked(data.date_obj.date(), data.period or "day", t, published, relative)


def _checked(found: date, period: str, t: str, published: date | None,
             relative: bool) -> tuple[str | None, str, bool]:
    """A date read from ``t`` as a result, unless it lies implausibly far from publication."""
    if (published is not None and not _ANCHORED.search(t) and str(found.year) not in t
            and abs(found.year - published.year) > 2):
        return None, "unknown", relative  # "Friday 86" is not 1986
    value, granularity = _format(found, period)
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

    Recognises "Wed 05 Apr 2017 ...", "April 5, 2017 ...", "ANKARA, Dec 1 2016 (Reuters) -",
    "Published July 20 2015", ISO and day-first numeric dates ("20.07.2016"), and an agency
    credit with a date near the top ("AFP Friday 23 May 2014"); a dateline without a year
    gives None (never a guessed year).
    """
    head = text[:200]
    matches = [p.match(head) for p in _DATELINES] + [_CREDIT.search(head)]
    for m in matches:
        if m:
            written = _absolute(m.group(1).strip())  # most datelines are fully written: no dateparser
            if written is not None:
                return written
            parser = _dmy_parser() if m.re is _DATELINES[-1] else _parser("past", None)
            data = parser.get_date_data(m.group(1))
            if data is not None and data.date_obj is not None:
                return data.date_obj.date()
    return None


@lru_cache(maxsize=1)
def _dmy_parser() -> DateDataParser:
    return DateDataParser(languages=["en"], settings={"DATE_ORDER": "DMY"})


_MONTH_BEFORE = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+$")
_TRAILING_NUMBER = re.compile(r"((?:19|20)\d\d)\s+\d{1,3}$")
# "Sat 24 [Aug 2013]": a day number (and weekday) just before an entity that opens with a month.
_DAY_BEFORE = re.compile(r"(?:\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?\b(?:[12]?\d|3[01])(?:st|nd|rd|th)?\s+$")
_OPENS_WITH_MONTH = re.compile(_MONTH + r"(?:\s|$)")


def _repair(text: str, start: int, end: int) -> tuple[int, int]:
    """Fix the small model's cut date entities: "[Apr ]15 2016 6" -> "Apr 15 2016".

    A month name just before the entity belongs to it, so does a day number before an
    entity that opens with a month ("[Sat 24 ]Aug 2013"), and a bare number after a
    year (a headline's casualty count, "2016 6 Killed") does not.
    """
    before = _MONTH_BEFORE.search(text[max(0, start - 16):start])
    if before and text[start:start + 1].isdigit():
        start -= len(before.group(0))
    if _OPENS_WITH_MONTH.match(text, start):
        day = _DAY_BEFORE.search(text[max(0, start - 16):start])
        if day:
            start -= len(day.group(0))
    trailing = _TRAILING_NUMBER.search(text[start:end])
    if trailing:
        end = start + trailing.start() + len(trailing.group(1))
    return start, end


class DateStage:
    """The dates stage: finds and resolves date expressions of an annotated article."""

    name = "khabar.dates.v1"

    def __init__(self, config: dict) -> None:
        self.config = config
        # dateparser loads its English data on first use (~0.1 s): load it with the pipeline,
        # as the spaCy model is, so that no article pays for it.
        _parser("past", None).get_date_data("last Friday")

    def __call__(self, ctx: Annotated) -> list[DateRef]:
        doc, published = ctx.doc, ctx.article.published
        spans: list[tuple[int, int]] = [(e.start_char, e.end_char) for e in doc_ents(doc)
                                        if e.label_ in ("DATE", "TIME")]
        text_all = ctx.article.text  # doc.text is rebuilt from the tokens on every access
        for m in _PATTERNS.finditer(text_all):
            if not any(s < m.end() and m.start() < e for s, e in spans):
                spans.append((m.start(), m.end()))
        out = []
        for start, end in sorted(_repair(text_all, s, e) for s, e in spans):
            text = text_all[start:end]
            if is_duration(text) or not is_date_like(text):
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            tense = _tense(span.root) if span is not None else "past"
            value, granularity, relative = resolve_expression(text, published, tense)
            out.append(DateRef(text=text, start=start, end=end, value=value,
                               granularity=granularity, relative=relative))
        return out
