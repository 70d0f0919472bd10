"""The PLOVER lexicon data file and its schema check."""

from __future__ import annotations

import pytest

from khabar.errors import KhabarError
from khabar.events.lexicon import QUADS, load_lexicon, parse_lexicon
from khabar.model import EVENT_TYPES


def test_lexicon_covers_all_sixteen_types_with_quad_and_intensity():
    lex = load_lexicon()
    assert set(lex.quad) == set(EVENT_TYPES)
    assert set(lex.quad.values()) <= QUADS
    assert lex.score("ASSAULT", "aerial") == -9.5
    assert lex.score("ASSAULT", None) == -9
    assert lex.verbs["shell"].event_type == "ASSAULT"
    assert lex.phrases["call"]["for"].event_type == "REQUEST"


def _block(**extra):
    block = {"quad": "VERB_COOP", "intensity": 2.5, "verbs": {"agree": None}}
    block.update(extra)
    return block


@pytest.mark.parametrize("types, detail", [
    ({"AGREEMENT": _block()}, "unknown PLOVER type"),
    ({"AGREE": _block(quad="COOP")}, "quad must be"),
    ({"AGREE": _block(), "SUPPORT": _block()}, "listed under AGREE and SUPPORT"),
    ({"AGREE": _block(phrases={"reach a deal": None})}, "must be 'head dependent'"),
    ({"CONSULT": _block(modes={"visit": 4}, verbs={"meet": "phone"})}, "not in its modes"),
])
def test_malformed_lexicon_is_refused(types, detail):
    with pytest.raises(KhabarError) as err:
        parse_lexicon({"version": 1, "types": types}, {"version": 1})
    assert err.value.code == "E051"
    assert detail in str(err.value)
