"""The number-word table shared by the dates stage and the main-place scorer."""

from __future__ import annotations

import re
from datetime import date

import pytest

from khabar.errors import KhabarError
from khabar.resolve.numbers import alternation, number_words
from khabar.resolve.places.main import _toll
from khabar.resolve.time import _ago


def test_table_kinds_and_values():
    words = number_words()
    assert words.cardinals["twelve"] == 12 and words.articles["an"] == 1
    assert words.vague["dozens"] < words.vague["hundreds"]
    assert "few" in words.quantifiers
    assert words.values("articles", "vague") == {**words.articles, **words.vague}


def test_alternation_tries_longer_words_first():
    assert re.fullmatch(f"(?:{alternation(['a', 'an'])})", "an")
    assert alternation(["a", "an", "one"]).split("|") == ["one", "an", "a"]


def test_both_readers_use_the_table():
    assert _ago("fifteen days ago", date(2016, 12, 1)) == date(2016, 11, 16)
    assert _ago("an hour ago", date(2016, 12, 1)) is None  # hours: left to dateparser
    assert _toll("Dozens were killed in the strikes.") == 24
    assert _toll("The raid killed fifteen civilians.") == 15


@pytest.mark.parametrize("body", ["version: 2\n", "version: 1\ncardinals: {One: 1}\narticles: {}\nvague: {}\n",
                                  "version: 1\ncardinals: {one: 0}\narticles: {}\nvague: {}\nquantifiers: []\n",
                                  "version: 1\ncardinals: {}\narticles: {}\nvague: {}\nquantifiers: 3\n"])
def test_malformed_table_is_a_clear_error(tmp_path, body):
    path = tmp_path / "numbers.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(KhabarError) as err:
        number_words.__wrapped__(path)
    assert err.value.code == "E051"
