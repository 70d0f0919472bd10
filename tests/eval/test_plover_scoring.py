"""The PLOVER/PLV scoring rules (docs/events.md, "Scoring") on hand-made records."""

from __future__ import annotations

import json

import pytest

from khabar.errors import KhabarError
from khabar.eval.plover import parse_record, read_records
from khabar.eval.plover_scoring import Scores, norm_code, norm_type, score_record, summary
from khabar.model import ActorRef, Event, Evidence, Span


def _event(etype, actors=(), recips=(), conf=0.5, start=0):
    ev = Evidence(sentence=0, start=0, end=10, text="x")
    return Event(id=f"e{start}", event_type=etype, trigger=Span(text="t", start=start, end=start + 1),
                 evidence=ev, confidence=conf,
                 actors=[ActorRef(text=t, start=s, end=e, code=c) for t, s, e, c in actors],
                 recipients=[ActorRef(text=t, start=s, end=e, code=c) for t, s, e, c in recips])


PLOVER = {"id": "g1", "text": "Israel and the Palestinians agreed.", "event": "DEMAND",
          "source": [{"actorText": "Israel", "code": "ISR", "sector": "GOVxyz"}],
          "target": [{"actorText": "Palestinians", "code": "JAP"}]}


def test_names_and_codes_are_normalised():
    assert norm_type("DEMAND") == "REQUEST" and norm_type("fight") == "ASSAULT"
    assert norm_type("YIELD") == "RETREAT" and norm_type("INVESTIGATE") == "ACCUSE"
    assert norm_code("JAP") == "JPN" and norm_code("ITL") == "ITA" and norm_code("CVLalb") == "CVL"


def test_plover_record_scoring_counts_codes_spans_extras_and_sectors():
    gold = parse_record(PLOVER, "mem")
    assert gold.fmt == "plover" and gold.event_type == "REQUEST"
    assert (gold.actors[0].start, gold.recipients[0].start) == (0, 15)
    s = Scores()
    pred = [_event("ACCUSE", conf=0.9, start=3),
            _event("REQUEST", [("Israel", 0, 6, "ISR")], [("the Palestinians", 11, 27, "EGY")], start=5)]
    pred[1] = pred[1].model_copy(update={"actors": [pred[1].actors[0].model_copy(update={"sector": "GOV"})]})
    detail = score_record(s, gold, pred)
    out = summary(s)
    assert detail["type_hit"] and out["event_type_accuracy"] == 1.0
    assert out["extra_events_per_record"] == 1.0
    assert out["actor_f1"] == 1.0
    assert out["recipient_codes"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert out["recipient_span_f1"] == 1.0  # the span overlaps although the code is wrong
    assert out["sector_agreement"] == 1.0 and out["sector_pairs"] == 1
    assert out["confusion"] == {"REQUEST->REQUEST": 1}


def test_missing_prediction_is_a_miss_with_no_type():
    s = Scores()
    score_record(s, parse_record(PLOVER, "mem"), [])
    out = summary(s)
    assert out["event_type_accuracy"] == 0.0 and out["confusion"] == {"REQUEST->NONE": 1}
    assert out["actor_codes"]["recall"] == 0.0


def test_plv_yield_accepts_concede_and_uses_spans():
    rec = {"id": "p1", "text": "Japan lifted sanctions on Iran.", "event": "YIELD", "source": "Japan",
           "target": "Iran", "source_spans": [[0, 5]], "target_spans": [[26, 30]]}
    gold = parse_record(rec, "mem")
    assert gold.fmt == "plv" and gold.event_type == "RETREAT"
    s = Scores()
    score_record(s, gold, [_event("CONCEDE", [("Japan", 0, 5, "JPN")], [("Iran", 26, 30, "IRN")])])
    out = summary(s)
    assert out["event_type_accuracy"] == 1.0 and out["actor_span_f1"] == 1.0
    assert out["actor_codes"]["f1"] == 0.0  # PLV records carry no codes: not scored on codes
    assert s.actor_codes.tp + s.actor_codes.fp + s.actor_codes.fn == 0


def test_bad_records_are_refused(tmp_path):
    with pytest.raises(KhabarError) as err:
        parse_record({"text": "x", "event": "HUG"}, "f:1")
    assert err.value.code == "E070"
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(PLOVER) + "\n{oops\n", encoding="utf-8")
    with pytest.raises(KhabarError) as err:
        read_records(bad)
    assert err.value.code == "E025"
    with pytest.raises(KhabarError) as err:
        read_records(tmp_path / "missing.jsonl")
    assert err.value.code == "E020"


def test_sample_takes_evenly_spaced_records(tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({**PLOVER, "id": f"g{i}"}) + "\n" for i in range(10)),
                    encoding="utf-8")
    assert [r.id for r in read_records(path, sample=3)] == ["g0", "g3", "g6"]
    assert [r.id for r in read_records(path, limit=2)] == ["g0", "g1"]


def test_un_and_eu_codes_count_as_igo_on_plover_05_records():
    rec = {"id": "g2", "text": "The U.N. urged Iraq.", "event": "DEMAND", "version": "0.5b1",
           "source": [{"actorText": "U.N.", "code": "IGO"}], "target": [{"actorText": "Iraq", "code": "IRQ"}]}
    gold = parse_record(rec, "mem")
    assert gold.igo_vocabulary
    s = Scores()
    score_record(s, gold, [_event("REQUEST", [("The U.N.", 0, 8, "UNO")], [("Iraq", 15, 19, "IRQ")])])
    assert summary(s)["actor_codes"]["f1"] == 1.0
    # a record whose gold itself uses UNO keeps UNO distinct from IGO
    rec2 = {**rec, "version": "1.0", "source": [{"actorText": "U.N.", "code": "UNO"}]}
    gold2 = parse_record(rec2, "mem")
    assert not gold2.igo_vocabulary
    s2 = Scores()
    score_record(s2, gold2, [_event("REQUEST", [("The U.N.", 0, 8, "IGO")], [])])
    assert summary(s2)["actor_codes"]["f1"] == 0.0
