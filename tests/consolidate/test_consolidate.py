"""Consolidation: quote-event links and say-do contradictions."""

from __future__ import annotations

from khabar.consolidate import find_contradictions, link_quotes_to_events
from khabar.model import ActorRef, Aux, Event, Evidence, Quote, Span

TEXT = "Russia said it supports the truce. Russian jets bombed eastern Aleppo on Monday."
RUSSIA = ActorRef(text="Russia", start=0, end=6, name="Russia", id="RUS", code="RUS", sector="GOV", type="state")
JETS = ActorRef(text="Russian jets", start=35, end=47, name="Russia", id="RUS_MIL", code="RUS", sector="MIL")


def event(eid, etype, start, end, actors, status="happened", negated=False):
    return Event(id=eid, event_type=etype, status=status, aux=Aux(negated=negated), actors=actors,
                 trigger=Span(text=TEXT[start:end], start=start, end=end),
                 evidence=Evidence(sentence=0, start=0, end=len(TEXT), text=TEXT))


def test_say_do_gap_across_government_and_military():
    said = event("e1", "SUPPORT", 15, 23, [RUSSIA])
    did = event("e2", "ASSAULT", 48, 54, [JETS])
    [gap] = find_contradictions([said, did], [])
    assert gap.said == "e1" and gap.did == "e2" and "support" in gap.why


def test_negated_deed_is_no_gap():
    said = event("e1", "SUPPORT", 15, 23, [RUSSIA])
    did = event("e2", "ASSAULT", 48, 54, [JETS], negated=True)
    assert find_contradictions([said, did], []) == []


def test_other_actor_is_no_gap():
    said = event("e1", "SUPPORT", 15, 23, [RUSSIA])
    other = JETS.model_copy(update={"code": "SYR", "id": "SYR_MIL"})
    assert find_contradictions([said, event("e2", "ASSAULT", 48, 54, [other])], []) == []


def test_quotes_and_events_link_both_ways():
    said = event("e1", "SUPPORT", 15, 23, [RUSSIA])
    quote = Quote(id="q1", kind="indirect", content=Span(text=TEXT[12:33], start=12, end=33),
                  cue=Span(text="said", start=7, end=11), speaker=RUSSIA)
    [e], [q] = link_quotes_to_events([said], [quote])
    assert e.attribution == ["q1"] and q.events == ["e1"]
