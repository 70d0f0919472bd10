"""The rule coder on single sentences: types, roles from the parse, modes and statuses."""

from __future__ import annotations

from khabar.model import article_id, stable_id
from tests.events.conftest import only, texts


def test_passive_voice_makes_the_agent_the_actor(code):
    ev = only(code("The village was shelled by government forces on Monday."), "ASSAULT")[0]
    assert "government forces" in " ".join(texts(ev.actors))
    assert texts(ev.recipients) == ["village"]
    assert ev.mode == "heavy-weapons" and ev.quad_class == "MAT_CONF" and ev.intensity == -9.5


def test_compound_actors_and_governing_trigger(code):
    events = code("Jordan and Egypt rejected a U.S. request to host a summit.")
    assert [e.event_type for e in events] == ["REJECT"]  # the request and summit are content
    ev = events[0]
    assert texts(ev.actors) == ["Jordan", "Egypt"]
    assert "U.S." in " ".join(texts(ev.recipients))
    assert ev.status == "rejected"


def test_control_verb_threat_takes_the_content_mode(code):
    ev = only(code("The president threatened to ban opposition parties."), "THREATEN")[0]
    assert ev.mode == "restrict"
    assert "opposition parties" in " ".join(texts(ev.recipients))


def test_negated_past_event_is_kept_and_flagged(code):
    ev = only(code("Rebel fighters did not attack the convoy."), "ASSAULT")[0]
    assert ev.aux.negated and ev.status == "negated" and "negation" in ev.context


def test_refusal_to_cooperate_is_reject(code):
    ev = code("Iran said it would not meet the inspectors.")[0]
    assert ev.event_type == "REJECT" and ev.mode == "meet"


def test_future_operations_are_future_assault(code):
    ev = only(code("Russia will continue its military operations in the city."), "ASSAULT")[0]
    assert ev.aux.future and ev.status == "future"


def test_future_support_is_agree_per_manual(code):
    ev = code("Hungary said it will support the resolution.")[0]
    assert ev.event_type == "AGREE"
    assert texts(ev.actors) == ["Hungary"]  # "it" resolved to the speaker


def test_demand_that_clause_subject_is_the_recipient(code):
    ev = only(code("Poland demanded that Germany pay reparations."), "REQUEST")[0]
    assert texts(ev.actors) == ["Poland"] and texts(ev.recipients) == ["Germany"]


def test_conditional_threat_with_unless(code):
    ev = code("Nigeria will withdraw its troops from Chad unless a ceasefire is arranged.")[0]
    assert ev.event_type == "THREATEN"
    assert texts(ev.recipients) == ["Chad"]  # its own troops are not the recipient


def test_reciprocal_meeting_puts_all_parties_in_actors_and_keeps_mediator(code):
    ev = only(code("Rebels held talks with Russia in Ankara with Turkish mediation."), "CONSULT")[0]
    assert "Russia" in texts(ev.actors) and ev.recipients == []
    assert "Turkish" in texts(ev.mediators)


def test_lifting_a_curfew_is_a_concession(code):
    ev = code("The army lifted the curfew in the capital.")[0]
    assert ev.event_type == "CONCEDE"


def test_agreement_terms_exchange_and_guarantor(code):
    text = ("The factions agreed to the fighters leaving the city in exchange for a halt to "
            "the bombing, guaranteed by Turkey.")
    ev = only(code(text), "AGREE")[0]
    assert "fighters leaving the city" in ev.terms["give"][0].text
    assert ev.terms["get"][0].text.startswith("a halt to the bombing")
    assert [s.text for s in ev.terms["guarantor"]] == ["Turkey"]
    for spans in ev.terms.values():
        for sp in spans:
            assert text[sp.start:sp.end] == sp.text


def test_ids_evidence_and_coder_name(code):
    text = "Israel arrested ten protesters. Police beat them."
    events = code(text)
    assert [e.event_type for e in events] == ["COERCE", "ASSAULT"]
    first = events[0]
    assert first.id == stable_id("e", article_id(text), first.trigger.start, "COERCE")
    assert first.evidence.sentence == 0 and events[1].evidence.sentence == 1
    assert text[first.trigger.start:first.trigger.end] == first.trigger.text
    assert first.coder == "khabar.events.rules.v1"


def test_a_sentence_without_events_codes_nothing(code):
    assert code("The weather in Aleppo was mild and the market opened at nine.") == []


def test_coder_works_without_a_resolver_from_actor_mentions(pipeline):
    from khabar.context import Annotated
    from khabar.events import get_coder
    from khabar.model import Article, article_id

    text = "Turkey condemned the attack on the convoy."
    doc = pipeline.nlp(text)
    ctx = Annotated(article=Article(id=article_id(text), text=text), doc=doc)
    ctx.actors = pipeline.actors(ctx)
    coder = get_coder("khabar.events.rules.v1")(pipeline.config)
    assert coder.resolve_span is None
    ev = coder.code(ctx)[0]
    assert ev.event_type == "ACCUSE" and ev.mode == "disapprove"
    assert texts(ev.actors) == ["Turkey"]


def test_named_party_in_a_preposition_beats_a_plain_object(code):
    ev = only(code("Peru granted diplomatic asylum to Panama."), "AID")[0]
    assert len(ev.recipients) == 1 and "Panama" in ev.recipients[0].text  # not "asylum"


def test_event_noun_under_an_ordinary_verb_takes_its_subject(code):
    ev = only(code("Israel and Lebanon renewed negotiations on Monday."), "CONSULT")[0]
    assert set(texts(ev.actors)) == {"Israel", "Lebanon"}


def test_misparsed_light_verb_and_censorship(code):
    ev = only(code("Thousands of students staged demonstrations to demand reforms."), "PROTEST")
    assert ev
    assert only(code("The army ordered the newspaper to suspend publication."), "COERCE")


def test_declaration_speaks_for_its_issuer(code):
    ev = only(code("Hamas issued a declaration demanding that Egypt open the border."), "REQUEST")[0]
    assert texts(ev.actors) == ["Hamas"]


def test_expelling_inspectors_is_a_sanction_and_an_announced_boycott_a_threat(code):
    ev = only(code("North Korea expelled the inspectors of the agency."), "SANCTION")[0]
    assert ev.mode == "expel"
    threat = only(code("The opposition parties said they would boycott the elections."), "THREATEN")[0]
    assert threat.mode == "restrict"
    assert only(code("France sent seven experts to investigate the attacks."), "ACCUSE")


def test_opened_is_not_willingness(code):
    ev = only(code("Police opened fire on the protesters."), "ASSAULT")[0]
    assert not ev.aux.future
