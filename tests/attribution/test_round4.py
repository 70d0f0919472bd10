"""Round 4: adjectival cues, one-noun contents, more content prepositions, floating quotations."""

from __future__ import annotations

import json

import pytest

from khabar.attribution.floating import settle_floating
from khabar.attribution.clauses import Candidate
from khabar.attribution.learned import _one_noun, load_model
from khabar.attribution.predicates import is_adj_candidate
from khabar.errors import KhabarError


def _by_cue(quotes, cue):
    hits = [q for q in quotes if q.cue is not None and q.cue.text == cue]
    assert hits, f"no quote with cue {cue!r}: {[(q.cue and q.cue.text) for q in quotes]}"
    return hits[0]


def test_shipped_model_scores_predicate_adjectives():
    model = load_model()
    assert "ADJ" in model.candidates
    assert model.asks("ADJ", "acomp") and not model.asks("ADJ", "amod")
    assert is_adj_candidate("ADJ", "acomp") and not is_adj_candidate("NOUN", "acomp")


def test_unknown_candidate_pos_is_refused(tmp_path):
    path = tmp_path / "cue_model.json"
    path.write_text(json.dumps({"version": 1, "weights": {}, "threshold": 0.5, "candidates": ["VERB", "INTJ"]}))
    with pytest.raises(KhabarError) as err:
        load_model(path)
    assert err.value.code == "E051"


@pytest.mark.parametrize("text, cue, speaker, content", [
    ("Many voters are skeptical of the new trade deal with China.",
     "are skeptical of", "Many voters", "the new trade deal with China"),
    ("Republican leaders are deeply skeptical about the plan to raise taxes on the middle class.",
     "are deeply skeptical about", "Republican leaders", "the plan to raise taxes on the middle class"),
    ("Most economists were well aware that the recovery would be slow.",
     "were well aware", "Most economists", "that the recovery would be slow"),
])
def test_adjectival_cue_runs_from_the_copula(extract, text, cue, speaker, content):
    quotes, _ = extract(text)
    q = _by_cue(quotes, cue)
    assert q.speaker.text == speaker and q.content.text == content


def test_one_noun_content_is_a_common_noun_not_a_date(nlp):
    doc = nlp("The campaign is claiming victory on Tuesday.")
    victory, tuesday = doc[4], doc[6]
    assert _one_noun(doc, (victory.idx, victory.idx + len(victory)))
    assert not _one_noun(doc, (tuesday.idx, tuesday.idx + len(tuesday)))
    assert not _one_noun(doc, (5, 5))


def test_content_after_by(extract):
    quotes, _ = extract("Senator Jane Smith stood by her comments on the trade deal.")
    q = _by_cue(quotes, "stood by")
    assert q.speaker.text == "Senator Jane Smith" and q.content.text == "her comments on the trade deal"


def test_floating_quote_goes_to_the_speaker_introduced_since(extract):
    text = ('"We will not leave our homes while the shelling goes on," said Ahmad Khalil, a teacher.\n\n'
            "Maria Lopez, a nurse at the clinic, said the wounded had arrived before dawn.\n\n"
            '"We had no power and no water for the operations."')
    quotes, _ = extract(text)
    floating = [q for q in quotes if q.content.text.startswith('"We had no power')]
    assert floating and floating[0].speaker.text == "Maria Lopez, a nurse at the clinic"


def test_floating_quote_takes_the_cue_later_in_its_paragraph(extract):
    text = ('"The council will meet again next week to discuss the ceasefire," the mayor said.\n\n'
            '"The shelling started at dawn and did not stop until noon." Then the line was cut. '
            '"We hid in the basement," Ahmad Khalil said.')
    quotes, _ = extract(text)
    first = [q for q in quotes if q.content.text.startswith('"The shelling')]
    assert first and first[0].speaker.text == "Ahmad Khalil" and first[0].cue.text == "said"


def test_settle_floating_keeps_a_speaker_nobody_replaced():
    anchored = Candidate("direct", (0, 10), (12, 16), (17, 21), None, None)
    floating = Candidate("direct", (30, 60), None, (17, 21), None, None, floating=True)
    out = settle_floating([anchored, floating], "x" * 80)
    assert out[1].source == (17, 21) and out[1].cue is None
