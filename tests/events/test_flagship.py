"""The coder on the flagship article, read as an analyst would (no hard-coded answers:
these hold because the general machinery reads the text)."""

from __future__ import annotations

import pytest

from tests.events.conftest import only, texts


@pytest.fixture(scope="module")
def events(code, flagship_text):
    return code(flagship_text)


def _joined(refs):
    return " ".join(texts(refs))


def test_talks_between_factions_and_russia_mediated_by_turkey(events):
    talks = only(events, "CONSULT")
    first = talks[0]
    assert "Russia" in texts(first.actors)
    assert "Turkey" in texts(first.mediators)
    assert any("Turkish" in texts(e.mediators) for e in talks)
    assert any(e.location and e.location.text == "Ankara" and e.date and e.date.text == "yesterday"
               for e in talks)
    # "participated to that meeting": the participants, at the meeting it refers to
    met = next(e for e in talks if "representatives" in _joined(e.actors))
    assert met.location.text == "Ankara" and "factions" in _joined(met.actors)


def test_factions_agreement_has_its_terms(events):
    deal = next(e for e in only(events, "AGREE") if "give" in e.terms and "get" in e.terms
                and "guarantor" in e.terms)
    assert "factions" in _joined(deal.actors)
    assert "leaving the town of Aleppo" in deal.terms["give"][0].text
    assert deal.terms["get"][0].text.startswith("halting the bombing")
    assert [s.text for s in deal.terms["guarantor"]] == ["Turkey"]


def test_turkey_proposal_and_pending_answer(events):
    agree = only(events, "AGREE")
    proposal = next(e for e in agree if e.status == "proposed")
    assert texts(proposal.actors) == ["Turkey"]
    assert "JFS fighters" in proposal.terms["get"][0].text
    pending = next(e for e in agree if e.status == "pending")
    assert pending.date is not None and pending.date.text == "Friday"
    # "this agreement" points back to the factions' agreement and goes to Fath alSham
    assert "factions" in _joined(pending.actors)
    assert "Fath alSham" in texts(pending.recipients)


def test_russia_agrees_on_condition(events):
    cond = next(e for e in only(events, "AGREE") if e.status == "conditional")
    assert "Russia" in texts(cond.actors)
    assert "condition" in cond.terms


def test_regime_and_iran_reject(events):
    rej = only(events, "REJECT")[0]
    assert "Assad" in texts(rej.actors) and "Iranians" in texts(rej.actors)
    assert rej.status == "rejected"


def test_lavrov_support_and_future_operations(events):
    assert only(events, "SUPPORT")
    ops = [e for e in only(events, "ASSAULT") if e.aux.future and not e.aux.negated]
    assert ops and ops[0].status == "future" and "Aleppo" in ops[0].location.text


def test_militias_not_allowed_to_hit_is_negated(events):
    neg = [e for e in events if e.aux.negated]
    assert neg and all(e.status in {"negated", "rejected"} for e in neg)


def test_russia_sends_aircraft_to_syria(events):
    mob = only(events, "MOBILIZE")[0]
    assert mob.mode == "weapons"
    # "the regime's ally Russia": the possessor of the descriptor is no co-actor
    assert texts(mob.actors) == ["Russia"] and texts(mob.recipients) == ["Syria"]


def test_referral_to_the_unga(events):
    req = [e for e in only(events, "REQUEST") if "UNGA" in _joined(e.recipients)]
    assert req
    # "the massacre of Aleppo" is what is referred, Aleppo is not an addressee
    assert texts(req[0].recipients) == ["the UNGA"]


def test_the_meeting_takes_the_participants_of_the_talks(events):
    # "the meeting that happened yesterday in Ankara" names nobody: a definite event noun
    # takes the parties of the nearest earlier meeting that names several
    met = next(e for e in only(events, "CONSULT") if e.trigger.text == "meeting"
               and "meeting that happened" in e.evidence.text)
    assert "Russia" in texts(met.actors) and len(met.actors) >= 2
