"""Round 6: light verbs with a cue noun, military light verbs as acts, reporting relative
clauses cut from sources, title-case headlines."""

from __future__ import annotations

import pytest

from khabar.attribution.headlines import headline_cues
from khabar.attribution.lexicon import load_lexicon, parse_lexicon
from khabar.attribution.objects import is_military_action
from khabar.errors import KhabarError


def _triples(quotes):
    return [(q.speaker.text if q.speaker else None, q.cue.text if q.cue else None, q.content.text) for q in quotes]


def test_shipped_lexicon_lists_military_light_verbs_and_assault_nouns():
    lex = load_lexicon()
    assert {"launch", "stage", "witness"} <= lex.act_light_verbs
    assert {"assault", "airstrike", "fighting"} <= lex.act_nouns
    # Verbs whose object is often a verbal attack in political news stay out.
    assert not {"unleash", "continue", "press", "say"} & lex.act_light_verbs
    assert {"face", "win"} <= lex.receiving_verbs and "raise" not in lex.receiving_verbs


def test_military_lists_must_be_words(tmp_path):
    import yaml
    from khabar.attribution.lexicon import DATA_DIR
    data = yaml.safe_load((DATA_DIR / "cues.yaml").read_text(encoding="utf-8"))
    data["act_nouns"] = ["assault", ""]
    with pytest.raises(KhabarError) as err:
        parse_lexicon(data, tmp_path / "cues.yaml")
    assert err.value.code == "E051"


@pytest.mark.parametrize("text", [
    "The province has seen several rounds of heavy fighting since March.",
    "The army staged a major assault on the town.",
    # A light verb's assault noun on a place or group, not on a person, is no report either.
    "Kurdish-led forces are continuing their assault on the Islamic State group stronghold in northern Syria.",
])
def test_military_light_verbs_are_not_reports(extract, text):
    quotes, _ = extract(text)
    assert quotes == [], _triples(quotes)


def test_military_action_needs_an_assault_object_without_complement(nlp):
    lex = load_lexicon()
    doc = nlp("Rebels launched an assault on the town. Most voters see the violence as a problem.")
    launched = next(t for t in doc if t.lower_ == "launched")
    see = next(t for t in doc if t.lower_ == "see")
    assault = next(t for t in doc if t.lower_ == "assault")
    violence = next(t for t in doc if t.lower_ == "violence")
    assert is_military_action(launched, lex, (assault.left_edge.idx, assault.right_edge.idx + 4))
    assert not is_military_action(see, lex, (violence.left_edge.idx, violence.idx + len(violence)))


@pytest.mark.parametrize("text, expected", [
    ("Senator Warren raised questions about the merger on Tuesday.",
     ("Senator Warren", "raised questions about", "the merger")),
    ("Trump has made favorable comments about Putin.",
     ("Trump", "has made favorable comments about", "Putin")),
])
def test_light_verb_with_cue_noun(extract, text, expected):
    quotes, _ = extract(text)
    assert expected in _triples(quotes)


def test_won_endorsement_of_is_not_a_report_by_the_winner(extract):
    quotes, _ = extract("Clinton won the endorsement of the teachers' union.")
    assert all(q.speaker is None or q.speaker.text != "Clinton" for q in quotes), _triples(quotes)


def test_reporting_relative_clause_is_cut_from_the_source(extract):
    quotes, _ = extract("Barkley, who said he typically votes Democratic, told reporters that the race was close.")
    assert ("Barkley", "told", "that the race was close") in _triples(quotes)


def test_other_relative_clause_stays_in_the_source(extract):
    quotes, _ = extract("Jane Doe, who runs the clinic, said that supplies were short.")
    assert ("Jane Doe, who runs the clinic", "said", "that supplies were short") in _triples(quotes)


def test_title_case_headline_verb(extract):
    quotes, _ = extract("Conservative Icon Morton Blackwell Finally Endorses Ted Cruz.\n"
                        "The endorsement came on Monday.")
    assert ("Conservative Icon Morton Blackwell", "Finally Endorses", "Ted Cruz") in _triples(quotes)


@pytest.mark.parametrize("text", [
    "Washington Post Assembles A Sizable Army Of Reporters.\nBody text.",  # "Post": no third-person s
    "St. Paul Votes To Condemn The Ban.\nBody text.",                      # "Votes" is no cue
    "Senator Smith Says Taxes Will Rise.",                                 # one line: no headline
])
def test_headline_rule_needs_a_headline_and_a_verb_form(nlp, text):
    assert headline_cues(nlp(text), load_lexicon(), []) == []
