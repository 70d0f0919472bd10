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


def test_a_sentence_repeated_word_for_word_is_read_once(pipeline):
    line = "Rebel groups shelled the market in Aleppo on Saturday, a police source told SANA."
    text = f"{line} {line} Later, jets bombed a bakery in Idlib."
    from khabar.model import Article, article_id

    result = pipeline.analyze(Article(id=article_id(text), text=text))
    assert [e.trigger.text for e in result.events].count("shelled") == 1
    assert [q.cue.text for q in result.quotes if q.cue].count("told") == 1
    assert "bombed" in [e.trigger.text for e in result.events]
    # every link points at an event or quote that was kept
    ids = {e.id for e in result.events}
    assert all(set(q.events) <= ids for q in result.quotes)
