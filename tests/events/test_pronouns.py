"""Pronoun actors take their antecedent (``khabar.events.anaphora``): the identity of the
actor named before, the offsets of the pronoun itself; ambiguous or out-of-scope pronouns
stay without actor."""

from __future__ import annotations

from tests.events.conftest import only


def _actor(ev):
    assert len(ev.actors) == 1, [(a.text, a.name) for a in ev.actors]
    return ev.actors[0]


def test_it_takes_the_group_of_the_previous_sentence(code):
    text = ("Ahrar al-Sham said its council appointed a new leader. "
            "It pledged to keep fighting against government forces.")
    ev = only(code(text), "THREATEN")[0]
    a = _actor(ev)
    assert (a.text, a.start, a.end) == ("It", text.index("It pledged"), text.index("It pledged") + 2)
    assert a.name == "Ahrar al-Sham" and a.id is not None


def test_it_takes_the_army_and_its_code(code):
    text = "The Syrian army shelled the town on Monday. It also launched an offensive on Idlib."
    events = only(code(text), "ASSAULT")
    first, second = events[0], events[-1]
    a = _actor(second)
    assert a.text == "It" and a.start == text.index("It also")
    assert a.id == first.actors[0].id and a.code == first.actors[0].code == "SYR"


def test_possessive_owner_of_an_event_noun(code):
    text = "The Syrian army shelled the town on Monday. Its offensive killed ten civilians."
    ev = only(code(text), "ASSAULT")[-1]
    a = _actor(ev)
    assert a.text == "Its" and a.start == text.index("Its") and a.code == "SYR"


def test_they_takes_a_plural_group_and_he_a_person(code):
    text = "Rebels attacked an army checkpoint. They also shelled Aleppo."
    ev = only(code(text), "ASSAULT")[-1]
    assert _actor(ev).text == "They" and _actor(ev).name is not None
    text = "Bashar al-Assad met army commanders in Damascus. He pledged support for the army."
    ev = only(code(text), "SUPPORT")[0]
    assert _actor(ev).text == "He" and _actor(ev).type == "person"


def test_the_previous_subject_wins_over_its_object(code):
    ev = only(code("Turkey accused Russia of bombing civilians. It threatened to retaliate."),
              "THREATEN")[0]
    assert _actor(ev).text == "It" and _actor(ev).code == "TUR"


def test_two_coordinated_candidates_are_ambiguous(code):
    ev = only(code("Russia and Turkey met in Ankara on Monday. It pledged to help."), "AGREE")[0]
    assert ev.actors == []


def test_no_antecedent_across_a_paragraph_break(code):
    ev = only(code("The Syrian army shelled the town on Monday.\n\nIt also launched an offensive "
                   "on Idlib."), "ASSAULT")[-1]
    assert ev.actors == []


def test_no_antecedent_inside_a_quotation(code):
    text = 'A witness said: "Hezbollah fired rockets at us." It also shelled the town.'
    ev = only(code(text), "ASSAULT")[-1]
    assert all(a.name != "Hezbollah" for a in ev.actors)


def test_a_person_is_not_it_and_a_state_is_not_he(code):
    ev = only(code("Bashar al-Assad spoke on Monday. It pledged to help."), "AGREE")[0]
    assert ev.actors == []
    ev = only(code("Turkey held talks on Monday. He pledged to help."), "AGREE")[0]
    assert ev.actors == []


def test_a_bound_pronoun_in_a_complement_is_left_to_its_sentence(code):
    # the "it" that must cooperate is Iraq, not the speaker: no antecedent rule inside a
    # complement clause of a non-speech noun
    ev = only(code("The French president issued a stern reminder to Iraq that it must cooperate "
                   "fully with UN inspectors."), "REQUEST")[0]
    assert all(r.text != "it" or r.code == "IRQ" for r in ev.recipients)


def test_speaker_of_a_coordinated_speech_verb(code):
    text = ("Ivory Coast rebels rejected a peace plan, and said they also opposed the deployment "
            "of a peacekeeping force.")
    ev = [e for e in code(text) if e.trigger.text.startswith("opposed")][0]
    assert [a.text for a in ev.actors] == ["Ivory Coast rebels"]


def test_a_chain_of_the_same_pronoun_goes_back_to_the_name(code):
    text = ("Bashar al-Assad spoke in Damascus on Monday. He said the talks had failed. "
            "He visited troops in Homs.")
    ev = only(code(text), "CONSULT")[-1]
    a = _actor(ev)
    assert a.text == "He" and a.start == text.rindex("He") and a.type == "person"


def test_a_possessive_bound_to_its_verb_takes_the_subject(code):
    ev = only(code("The US-led coalition acknowledged the deaths of 40 civilians in its strikes "
                   "on Raqqa."), "ASSAULT")[0]
    assert [a.text for a in ev.actors] == ["The US-led coalition"]


def test_a_quoted_pronoun_is_not_the_unquoted_speaker(code):
    text = '"They shelled the market again," said Rami Abdulrahman.'
    ev = only(code(text), "ASSAULT")[0]
    assert all(a.type != "person" for a in ev.actors)
