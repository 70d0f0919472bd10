"""Weapons are the means of an attack, not its author; a bystander is not the attacker."""

from __future__ import annotations

from tests.events.conftest import only, texts


def test_shells_are_no_actor_but_their_owner_is(code):
    hit = only(code("Mortar shells hit the neighborhoods of al-Mazzeh, causing damage."), "ASSAULT")[0]
    assert hit.actors == []
    owned = only(code("Russian missiles hit the town of Saraqeb."), "ASSAULT")[0]
    assert texts(owned.actors) and owned.actors[0].code == "RUS"
    placed = only(code("A Damascus car bomb killed four soldiers."), "ASSAULT")[0]
    assert placed.actors == []  # a capital before the weapon is where it went off
    fired = only(code("A rocket shell fired by terrorists landed on the school."), "ASSAULT")[0]
    assert texts(fired.actors) == ["terrorists"]


def test_who_inspects_the_site_of_an_attack_did_not_attack(code):
    ev = only(code("A man inspects the site of a suicide and car bomb attack near the shrine."), "ASSAULT")[0]
    assert ev.actors == []
    waves = only(code("The rebels launched a wave of attacks on the city."), "ASSAULT")[0]
    assert texts(waves.actors) == ["The rebels"]


def test_counted_victims_in_a_headline_are_recipients(code):
    ev = only(code("6 citizens killed 22 injured in terrorist attacks with shells in Damascus"), "ASSAULT")[0]
    assert ev.actors == [] and texts(ev.recipients) == ["6 citizens"]
    active = only(code("Three gunmen killed five soldiers near the border."), "ASSAULT")[0]
    assert texts(active.actors) == ["Three gunmen"] and texts(active.recipients) == ["five soldiers"]


def test_a_phrase_that_leads_back_to_itself_ends(code):
    # "Its" owns the massacre and a pronoun is read as the speaker of "said", whose subject
    # phrase holds "Its" again: a cycle that once recursed without end on a real report.
    ev = only(code('"Its a massacre of villagers" a man near the scene said.'), "ASSAULT")[0]
    assert texts(ev.recipients) == ["villagers"]


def test_a_town_before_the_act_is_where_not_who(code):
    ev = only(code("An Idlib blast killed 12 people on Monday."), "ASSAULT")[0]
    assert ev.actors == [] and texts(ev.recipients) == ["12 people"]
    state = only(code("Russian strikes killed 12 people in Idlib."), "ASSAULT")[0]
    assert [a.code for a in state.actors] == ["RUS"]


def test_a_document_speaks_for_its_author_not_itself(code):
    letter = only(code("The letter threatened sanctions against Iran."), "THREATEN")[0]
    assert letter.actors == [] and [r.code for r in letter.recipients] == ["IRN"]
    statement = only(code("A statement by the ministry condemned the attack."), "ACCUSE")[0]
    assert texts(statement.actors) == ["the ministry"]
    report = only(code("The UN report accused the government of torture."), "ACCUSE")[0]
    assert [a.code for a in report.actors] == ["UNO"]


def test_a_weapon_fired_from_a_named_side_stands_for_it(code):
    events = code("Shells from a Syrian tank killed two children.")
    assert events and [a.code for a in events[0].actors] == ["SYR"]


def test_a_weapon_named_by_its_side_stands_for_it(code):
    events = code("Clashes continued in Idlib province between the army and rebels. "
                  "Government jets bombed the town of Saraqeb, killing 12 civilians.")
    bombed = [e for e in events if e.trigger.text == "bombed"]
    assert bombed and [(a.text, a.code) for a in bombed[0].actors] == [("Government", "SYR")]
    # a role word or an unknown word before the weapon names no side
    assert not [a for e in code("Fighter jets struck the town. Barrel bombs killed five.") for a in e.actors]
