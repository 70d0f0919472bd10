"""Round 5: contents of learned cues (object complements, pronouns, passive subjects),
nouns with an infinitive, reports by one speaker nested by the parse, acts of violence."""

from __future__ import annotations

import pytest

from khabar.attribution.clauses import Candidate
from khabar.attribution.lexicon import load_lexicon, parse_lexicon
from khabar.attribution.nesting import split_shared
from khabar.attribution.objects import extra_content, is_act, is_physical_act, object_complement
from khabar.errors import KhabarError


def _cues(quotes):
    return [q.cue.text for q in quotes if q.cue is not None]


def test_shipped_lexicon_lists_act_verbs_and_objects():
    lex = load_lexicon()
    assert {"target", "attack", "shell"} <= lex.act_verbs and "say" not in lex.act_verbs
    assert {"village", "convoy", "market"} <= lex.act_objects


def test_act_lists_must_be_words(tmp_path):
    import yaml
    from khabar.attribution.lexicon import DATA_DIR
    data = yaml.safe_load((DATA_DIR / "cues.yaml").read_text(encoding="utf-8"))
    data["act_verbs"] = [3]
    with pytest.raises(KhabarError) as err:
        parse_lexicon(data, tmp_path / "cues.yaml")
    assert err.value.code == "E051"


@pytest.mark.parametrize("text", [
    "Terrorist groups targeted the headquarters of an armed group, killing its leader.",
    "Jets targeted a convoy of trucks carrying aid.",
    "Government warplanes pounded the town of Kafr Nabl overnight.",
    "Militants attacked a military base near the border on Sunday.",
    "Gunmen attacked a crowded market in the north of the city.",
])
def test_violent_acts_on_places_are_not_reports(extract, text):
    quotes, _ = extract(text)
    assert quotes == [], [(q.cue and q.cue.text, q.content.text) for q in quotes]


def test_attack_on_an_idea_stays_a_report(extract):
    quotes, _ = extract("Senator Jane Smith attacked the tax plan as a giveaway to the rich.")
    assert any(c.startswith("attacked") for c in _cues(quotes))


def test_physical_act_needs_an_act_verb_and_a_place(nlp):
    lex = load_lexicon()
    doc = nlp("Militants attacked a military base. The senator attacked the plan.")
    base, plan = (next(t for t in doc if t.lower_ == w) for w in ("base", "plan"))
    attacked1, attacked2 = base.head, plan.head
    assert is_physical_act(attacked1, lex, (base.left_edge.idx, base.idx + len(base)))
    assert not is_physical_act(attacked2, lex, (plan.left_edge.idx, plan.idx + len(plan)))
    assert is_act(attacked2, lex, (plan.left_edge.idx, plan.idx + len(plan)))
    said = nlp("He said the plan.")[1]
    assert not is_act(said, lex, (8, 16))


def test_object_with_complement(nlp):
    doc = nlp("The governor called the budget a disgrace.")
    span = object_complement(doc[2])
    assert span is not None and doc.text[span[0]:span[1]] == "the budget a disgrace"
    assert object_complement(nlp("The governor signed the budget.")[2]) is None


def test_pronoun_and_passive_contents(nlp):
    doc = nlp("The union had endorsed him.")
    span, how = extra_content(doc[3])
    assert how == "pronoun" and doc.text[span[0]:span[1]] == "him"
    doc = nlp("The breach of the computers had been reported earlier.")
    verb = next(t for t in doc if t.lemma_ == "report")
    span, how = extra_content(verb)
    assert how == "passive" and doc.text[span[0]:span[1]] == "The breach of the computers"
    assert extra_content(nlp("They left.")[1]) == (None, None)


def test_same_speaker_report_is_cut_out_of_the_outer_content(nlp):
    doc = nlp("The campaign responded on Friday, saying that the ads were false.")
    responded = next(t for t in doc if t.lower_ == "responded")
    saying = next(t for t in doc if t.lower_ == "saying")
    src = doc[1]
    text = doc.text
    outer = Candidate("indirect", (text.index("on Friday"), len(text) - 1), (responded.idx, responded.idx + 9),
                      (0, 12), src, responded)
    saying.dep_ = "advcl"  # the parse this rule is for, whatever the model does here
    inner = Candidate("indirect", (text.index("that the"), len(text) - 1), (saying.idx, saying.idx + 6),
                      (0, 12), src, saying)
    split_shared([outer, inner], {"according_to"})
    assert text[outer.content[0]:outer.content[1]] == "on Friday"
    other = Candidate("indirect", (text.index("that the"), len(text) - 1), (saying.idx, saying.idx + 6),
                      (0, 12), doc[0], saying)
    outer.content = (text.index("on Friday"), len(text) - 1)
    split_shared([outer, other], {"according_to"})
    assert outer.content[1] == len(text) - 1  # another source token: nothing is cut
