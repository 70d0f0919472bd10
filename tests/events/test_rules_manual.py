"""Round-4 rules of the coder, each from a PLOVER manual definition (docs/events.md,
"Manual distinctions"): object frames, readiness and vows of force, reductions of
cooperation, asylum, material support, riots, calls, refusals and descriptor subjects."""

from __future__ import annotations

import pytest

from tests.events.conftest import only, texts


def _types(events):
    return [e.event_type for e in events]


def test_a_trip_is_no_return_of_property_and_its_purpose_is_the_event(code):
    events = code("The two delegations return to Vienna next week for talks on the nuclear file.")
    assert "RETREAT" not in _types(events)
    talks = only(events, "CONSULT")[0]
    assert "Vienna" not in texts(talks.actors + talks.recipients)
    assert only(code("Italy returned the stolen statues to Greece."), "RETREAT")


def test_undertaking_a_mediation_mission_is_the_mediation(code):
    events = code("The Qatari envoy undertook a mediation mission between Sudan and Chad.")
    assert "AGREE" not in _types(events)
    ev = only(events, "CONSULT")[0]
    assert ev.mode == "third-party" and texts(ev.recipients) == ["Sudan", "Chad"]


def test_a_vow_to_fight_is_a_threat_of_violence(code):
    ev = code("The militia has sworn to fight until the army leaves the valley.")[0]
    assert ev.event_type == "THREATEN" and ev.mode == "violence"


def test_preparing_to_resume_shelling_is_mobilizing(code):
    events = code("The army prepared to resume shelling the rebel positions.")
    assert _types(events) == ["MOBILIZE"]


def test_descriptor_before_a_name_is_not_a_co_actor(code):
    ev = only(code("The rebels' patron Turkey deployed troops to the border."), "MOBILIZE")[0]
    assert texts(ev.actors) == ["Turkey"]


def test_the_victim_of_a_referred_act_is_not_the_addressee(code):
    ev = only(code("The opposition wants to refer the massacre of Hama to the Security Council."),
              "REQUEST")[0]
    assert "Hama" not in texts(ev.recipients) and "Security Council" in " ".join(texts(ev.recipients))


def test_demanding_a_withdrawal_keeps_who_must_withdraw(code):
    ev = only(code("The council demanded the withdrawal of Ethiopian troops from Somalia."),
              "REQUEST")[0]
    assert "Ethiopian troops" in " ".join(texts(ev.recipients))


def test_ending_mediation_is_a_sanction_withdraw(code):
    ev = code("Norway ended mediation efforts between the government and the rebels.")[0]
    assert (ev.event_type, ev.mode) == ("SANCTION", "withdraw")
    assert texts(ev.actors) == ["Norway"]


@pytest.mark.parametrize("text", [
    "Canada accepted 2,000 Syrian refugees last month.",
    "The rebels received financial support from Qatar.",
    "Jordan had opened its borders to Syrians fleeing the war.",
])
def test_asylum_material_support_and_open_borders_are_aid(code, text):
    assert "AID" in _types(code(text)) and "AGREE" not in _types(code(text))


def test_violence_by_protesters_is_a_riot(code):
    ev = code("Protesters burned tyres outside the parliament.")[0]
    assert (ev.event_type, ev.mode) == ("PROTEST", "riot")


def test_a_call_is_coded_for_what_it_carries(code):
    ev = code("The Turkish president called the Qatari emir to express his support.")[0]
    assert ev.event_type == "SUPPORT"
    assert "Qatari" in " ".join(texts(ev.recipients))  # the one called hears it


def test_a_time_phrase_before_call_is_not_call_on(code):
    events = code("On Monday the minister called the ambassador to discuss the crisis.")
    assert "REQUEST" not in _types(events) and "CONSULT" in _types(events)


@pytest.mark.parametrize("text", [
    "The court ordered the former minister to appear for questioning on Monday.",
    "The senators are demanding that the government cut off military aid to the junta.",
    "France is pushing hard for Germany to back the plan.",
])
def test_orders_and_demands_stay_requests(code, text):
    assert code(text)[0].event_type == "REQUEST"


def test_accepting_demands_is_a_concession(code):
    ev = code("The government accepted the demands of the striking teachers.")[0]
    assert ev.event_type == "CONCEDE"


def test_an_act_said_to_be_out_of_the_question_is_rejected(code):
    ev = code("The minister said that lifting the embargo is out of the question.")[0]
    assert ev.event_type == "REJECT" and ev.status == "rejected"
    assert texts(ev.actors) == ["The minister"]


def test_a_conditional_meeting_is_an_offer(code):
    ev = code("The rebels said they would meet the envoy if he guaranteed their safety.")[0]
    assert ev.event_type == "AGREE" and ev.status == "conditional"


def test_cyber_attack_is_coerce_cyber(code):
    events = code("Hackers defaced government websites in a politically motivated cyber attack.")
    assert "ASSAULT" not in _types(events)
    assert any(e.event_type == "COERCE" and e.mode == "cyber" for e in events)


def test_a_warm_welcome_is_hosting_a_visit(code):
    ev = code("The king gave a warm welcome to the visiting Chinese premier.")[0]
    assert (ev.event_type, ev.mode) == ("CONSULT", "visit")


def test_the_only_event_noun_takes_the_main_subject(code):
    ev = code("Turkey will allow thousands of refugees to go home as part of a UN-brokered deal.")[0]
    assert ev.event_type == "AGREE" and texts(ev.actors) == ["Turkey"]


def test_peacekeeping_operations_are_aid(code):
    assert code("Fijian troops take part in peacekeeping operations in Lebanon.")[0].event_type == "AID"


def test_seeking_prison_sentences_is_accusing(code):
    ev = code("The prosecutor is seeking long prison sentences for the three officers.")[0]
    assert ev.event_type == "ACCUSE"


def test_definite_event_noun_without_arguments_takes_earlier_participants(code):
    events = code("Iran and Iraq held talks in Baghdad on Monday. "
                  "The talks lasted four hours, officials said.")
    later = only(events, "CONSULT")[-1]
    assert later.trigger.text == "talks" and texts(later.actors) == ["Iran", "Iraq"]


def test_a_strike_carried_out_or_on_a_target_is_an_attack(code):
    assert code("The air force carried out strikes against militant positions.")[0].event_type == "ASSAULT"
    assert code("A drone strike on a wedding party killed twelve people.")[0].event_type == "ASSAULT"
    assert code("Dock workers staged a strike against the pension reform.")[0].event_type == "PROTEST"


def test_stepping_up_attacks_is_attacking(code):
    assert code("The insurgents have stepped up attacks on police stations.")[0].event_type == "ASSAULT"


def test_violating_a_ceasefire_agreement_is_an_assault(code):
    assert code("Both armies violated the ceasefire agreement on Sunday.")[0].event_type == "ASSAULT"


def test_dropping_charges_is_a_concession(code):
    assert code("Prosecutors dropped the charges against the two journalists.")[0].event_type == "CONCEDE"


def test_refused_permission_and_declared_cessation(code):
    assert code("The city council did not give permission for the march.")[0].event_type == "REJECT"
    ev = code("The president declared a cessation of hostilities in the north.")[0]
    assert (ev.event_type, ev.mode) == ("RETREAT", "ceasefire")


def test_reported_responsibility_is_an_accusation(code):
    ev = code("The ministry said the rebels were behind the bombing of the market.")[0]
    assert (ev.event_type, ev.mode) == ("ACCUSE", "allege")
    assert texts(ev.actors) == ["The ministry"] and texts(ev.recipients) == ["the rebels"]
    # a duty is no blame
    assert not code("The minister said the police are responsible for security in the capital.")
