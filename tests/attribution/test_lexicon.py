"""The attribution lexicon loads and its schema is checked."""

import pytest

from khabar.attribution.lexicon import load_lexicon, parse_lexicon
from khabar.errors import KhabarError


def test_shipped_lexicon_loads():
    lex = load_lexicon()
    assert {"say", "tell", "add", "stress", "announce", "state", "question", "warn", "deny",
            "claim", "confirm"} <= lex.speech
    assert ("according", "to") in lex.according_to
    assert "newspaper" in lex.media_nouns and "official" in lex.role_nouns
    assert lex.is_verb_cue("say") and not lex.is_verb_cue("continue")
    assert "for" in lex.prep_cues["call"]


@pytest.mark.parametrize("data", [None, {"version": 2}, {"version": 1, "speech": "say"}])
def test_bad_lexicon_is_refused(tmp_path, data):
    with pytest.raises(KhabarError) as err:
        parse_lexicon(data, tmp_path / "cues.yaml")
    assert err.value.code == "E051"
