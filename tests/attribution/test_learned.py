"""The learned cue detector: model file, features, the rules fallback, cue extent, training pieces."""

from __future__ import annotations

import json

import numpy as np
import pytest

from khabar.attribution import QuoteExtractor
from khabar.attribution.learned import MODEL_PATH, features, load_model
from khabar.attribution.lexicon import load_lexicon
from khabar.attribution.train import fit, held_aside
from khabar.errors import KhabarError

RULES = QuoteExtractor({"attribution": {"cue_model": "rules"}})


def test_shipped_model_loads_and_holds_no_sentences():
    model = load_model()
    assert 0.0 < model.threshold < 1.0 and 0.0 <= model.veto < model.threshold
    assert len(model.weights) > 1000 and model.extent
    assert model.weights["l=say"] > 0
    # Feature keys are labels and single lemmas, never passages of the training texts.
    keys = list(model.weights) + list(model.extent)
    assert max(len(k.split()) for k in keys) <= 1 and max(len(k) for k in keys) < 60
    assert MODEL_PATH.stat().st_size < 5_000_000


@pytest.mark.parametrize("data", [[], {"version": 2}, {"version": 1, "weights": {}},
                                  {"version": 1, "weights": {}, "threshold": 0.5, "extent": []}])
def test_bad_model_file_is_refused(tmp_path, data):
    path = tmp_path / "cue_model.json"
    path.write_text(json.dumps(data))
    with pytest.raises(KhabarError) as err:
        load_model(path)
    assert err.value.code == "E051"


def test_features_read_the_parse_around_the_cue(nlp):
    doc = nlp("The senator believes that the deal will collapse.")
    feats = features(doc[2], load_lexicon())
    assert {"l=believe", "p=VERB", "c=ccomp", "lc=believe|ccomp", "ccomp_that", "s_pos=NOUN"} <= set(feats)


def test_learned_cue_beyond_the_lexicon(extract):
    """"believe" is not a rule cue (too often no attribution); the model accepts it here."""
    text = "The senator believes that the deal will collapse, according to aides."
    learned, _ = extract(text)
    rules, _ = extract(text, extractor=RULES)
    assert "believes" in [q.cue.text for q in learned if q.cue]
    assert "believes" not in [q.cue.text for q in rules if q.cue]
    q = next(q for q in learned if q.cue and q.cue.text == "believes")
    assert q.speaker.text == "The senator" and q.content.text.startswith("that the deal will collapse")


def test_rules_fallback_and_bad_mode():
    assert RULES.cue_model is None and QuoteExtractor({}).cue_model is not None
    with pytest.raises(KhabarError):
        QuoteExtractor({"attribution": {"cue_model": "neural"}})


def test_wh_adverb_is_not_part_of_the_cue(extract):
    quotes, _ = extract("When asked about the vote, Senator Jane Smith said the bill was dead.")
    assert "asked about" in [q.cue.text for q in quotes if q.cue]


def test_fit_separates_a_toy_problem():
    feats = [["bias", "l=say"]] * 20 + [["bias", "l=eat"]] * 20
    y = np.array([1.0] * 20 + [0.0] * 20)
    w = fit(feats, y, steps=200, lr=0.1)
    assert w["l=say"] > 1.0 > -1.0 > w["l=eat"]


def test_held_aside_is_deterministic_and_about_fifteen_percent():
    names = [f"article_{i}" for i in range(2000)]
    share = sum(map(held_aside, names)) / len(names)
    assert 0.12 < share < 0.18 and held_aside("article_7") == held_aside("article_7")
