"""Dates: resolution against the publication date, tense, granularity, durations, datelines."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.context import Annotated
from khabar.model import Article
from khabar.resolve.time import DateStage, guess_dateline, is_duration, resolve_expression

PUB = date(2016, 12, 1)  # a Thursday


@pytest.mark.parametrize("text, tense, expected", [
    ("yesterday", "past", ("2016-11-30", "day", False)),
    ("Friday", "future", ("2016-12-02", "day", False)),
    ("on Friday", "past", ("2016-11-25", "day", False)),
    ("last week", "past", ("2016-11-21/2016-11-27", "week", False)),
    ("last year", "past", ("2015", "year", False)),
    ("December 2016", "past", ("2016-12", "month", False)),
    ("three days ago", "past", ("2016-11-28", "day", False)),
    ("5 April 2017", "past", ("2017-04-05", "day", False)),
    ("from 3 to 5 December 2016", "past", ("2016-12-03/2016-12-05", "interval", False)),
    ("Thursday", "past", ("2016-12-01", "day", False)),  # the publication day itself
    ("last Thursday", "past", ("2016-11-24", "day", False)),
    ("next Monday", "future", ("2016-12-05", "day", False)),
    ("late Sunday", "past", ("2016-11-27", "day", False)),
    ("mid-March 2011", "past", ("2011-03", "month", False)),
    ("last September", "past", ("2016-09", "month", False)),
    ("30-11-2016", "past", ("2016-11-30", "day", False)),
    ("12-01-2016", "past", ("2016-12-01", "day", False)),  # month first is nearer
    ("Friday 86", "past", (None, "unknown", True)),
    ("five years ago", "past", ("2011", "year", False)),
])
def test_resolve_against_publication_date(text, tense, expected):
    assert resolve_expression(text, PUB, tense) == expected


@pytest.mark.parametrize("text", ["yesterday", "Friday", "last week", "Dec 1", "three days ago"])
def test_without_publication_date_relative_stays_relative(text):
    assert resolve_expression(text, None) == (None, "unknown", True)


def test_absolute_dates_need_no_publication_date():
    assert resolve_expression("5 April 2017", None) == ("2017-04-05", "day", False)
    assert resolve_expression("2016", None) == ("2016", "year", False)


@pytest.mark.parametrize("text, duration", [
    ("within 24 hours", True), ("24 hours", True), ("for three days", True),
    ("quite few days", True), ("the past two years", True), ("48-hour", True),
    ("six-year-old", True), ("two-year", True),
    ("three days ago", False), ("last year", False), ("Friday", False), ("5 April 2017", False),
])
def test_durations_are_not_dates(text, duration):
    assert is_duration(text) is duration


@pytest.mark.parametrize("text, expected", [
    ("Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent use", date(2017, 4, 5)),
    ("ANKARA, Dec 1 2016 (Reuters) - Turkey said", date(2016, 12, 1)),
    ("Thu May 26 2016 Hezbollah fighters", date(2016, 5, 26)),
    ("Published July 20 2015 A checkpoint", date(2015, 7, 20)),
    ("Date of publication 3 April 2017 At least 22", date(2017, 4, 3)),
    ("5-04-2016 4 Killed over 43 Injured", date(2016, 4, 5)),
    ("20.07.2016(updated 1329 20.07.2016) Get short URL", date(2016, 7, 20)),
    ("21 killed as Syria rebels shell Assad election rally Monitor AFP Friday 23 May 2014 Syrian",
     date(2014, 5, 23)),
    ("ANKARA, Dec 1 (Reuters) - no year here", None),
    ("Syria attack symptoms, no dateline", None),
])
def test_guess_dateline(text, expected):
    assert guess_dateline(text) == expected


@pytest.fixture(scope="module")
def nlp():
    from khabar.annotate import build_nlp
    from khabar.config import load_config

    return build_nlp(load_config()["annotate"]["model"], components=())


def _dates(nlp, text, published):
    return DateStage({})(Annotated(article=Article(id="t", text=text, published=published), doc=nlp(text)))


def test_flagship_dates(nlp, flagship_text):
    found = {d.text: d for d in _dates(nlp, flagship_text, PUB)}
    assert found["yesterday"].value == "2016-11-30"
    assert found["Friday"].value == "2016-12-02"  # "should give its answer on Friday": ahead
    assert "within 24 hours" not in found and "24 hours" not in found
    unanchored = {d.text: d for d in _dates(nlp, flagship_text, None)}
    assert unanchored["Friday"].relative and unanchored["Friday"].value is None


def test_tense_picks_past_or_coming_weekday(nlp):
    text = "The council met on Monday. The delegation will travel on Monday."
    met, travel = _dates(nlp, text, PUB)
    assert met.value == "2016-11-28" and travel.value == "2016-12-05"


def test_numbers_tagged_date_are_dropped():
    from khabar.resolve.time import is_date_like

    assert not is_date_like("1407") and not is_date_like("142016")
    assert is_date_like("2016") and is_date_like("Friday")


def test_cut_entities_are_repaired():
    """The small model cuts "Apr" off "Apr 15 2016" and glues on the headline's next number."""
    from khabar.resolve.time import _repair

    text = "Fri Apr 15 2016 6 Killed 12 Wounded in a shelling"
    start = text.index("15")
    assert text[slice(*_repair(text, start, text.index("Killed") - 1))] == "Fri Apr 15 2016"
    assert _repair("on 15 May", 3, 9) == (3, 9)
    # ... and cuts the day (and weekday) off "Sat 24 Aug 2013" when the month opens the entity
    head = "Army shells town Sat 24 Aug 2013 Troops fired"
    assert head[slice(*_repair(head, head.index("2013"), head.index("2013") + 4))] == "Sat 24 Aug 2013"
    assert head[slice(*_repair(head, head.index("Aug"), head.index("2013") + 4))] == "Sat 24 Aug 2013"
    assert _repair("killed 24 in August", 13, 19) == (13, 19)


@pytest.mark.parametrize("text, tense, expected", [
    ("last Friday", "future", ("2016-11-25", "day")),   # "last" looks back whatever the tense
    ("next Friday", "past", ("2016-12-02", "day")),
    ("last week", "past", ("2016-11-21/2016-11-27", "week")),
    ("next month", "future", ("2017-01", "month")),
    ("last year", "past", ("2015", "year")),
    ("yesterday", "past", ("2016-11-30", "day")),
    ("May", "past", ("2016-05", "month")),
    ("May", "future", ("2017-05", "month")),
    ("December", "future", ("2016-12", "month")),        # said in December: this December
    ("21 May", "past", ("2016-05-21", "day")),
    ("June 23", "future", ("2017-06-23", "day")),
])
def test_relative_fast_paths(text, tense, expected):
    value, granularity, relative = resolve_expression(text, date(2016, 12, 1), tense)
    assert (value, granularity) == expected and not relative


@pytest.mark.parametrize("text, expected", [
    ("two days ago", ("2016-11-29", "day", False)),
    ("just eight days ago", ("2016-11-23", "day", False)),
    ("a year ago", ("2015", "year", False)),
    ("3 months ago", ("2016-09", "month", False)),
    ("Manbij", (None, "unknown", True)),      # a town the model tagged DATE
    ("Saturdays", (None, "unknown", True)),   # no word dateparser reads
    ("October last year", ("2015-10", "month", False)),  # dateparser reads no date here
    ("March this year", ("2016-03", "month", False)),
])
def test_fast_paths_spare_dateparser(text, expected, monkeypatch):
    """"N units ago" and words dateparser cannot read are answered without calling it, with
    the values it gives (checked against it on a grid and on 2,566 corpus expressions)."""
    import khabar.resolve.time as time_module

    def refuse(*_args):
        raise AssertionError(f"dateparser called for {text!r}")

    monkeypatch.setattr(time_module, "_parser", refuse)
    time_module.resolve_expression.cache_clear()
    assert time_module.resolve_expression(text, date(2016, 12, 1), "past") == expected
