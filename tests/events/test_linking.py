"""Event location fallback: an event whose sentence names no place is placed at the
article's main place, the same one ``Analysis.main_place`` reports."""

from __future__ import annotations

from khabar.model import Article, article_id


def test_event_without_a_place_takes_the_article_main_place(pipeline):
    text = ("Syrian government forces shelled the town of Saraqeb in Idlib province on Monday, "
            "killing five civilians. The opposition condemned the attack.")
    analysis = pipeline.analyze(Article(id=article_id(text), text=text))
    second = [e for e in analysis.events if e.evidence.start > text.index("The opposition") - 1]
    assert second, "no event coded in the second sentence"
    assert second[0].location.reason == "article main place"
    assert second[0].location.name == analysis.main_place.name


def test_a_place_named_in_passing_later_is_not_every_events_scene(pipeline):
    text = ("The senator criticised the governor's budget on Tuesday, calling its cuts to schools "
            "and hospitals reckless and its tax plan a gift to the wealthiest residents. "
            "The budget, which lawmakers must pass by the end of June, has divided the party for "
            "weeks, and several members have said they will vote against it in its current form.\n\n"
            "Her aides said the party would debate the plan at its meeting next month in Las Vegas, "
            "where donors gather every year.\n\n"
            "The governor rejected the criticism.")
    analysis = pipeline.analyze(Article(id=article_id(text), text=text))
    assert analysis.main_place is not None and analysis.main_place.name == "Las Vegas"
    rejected = [e for e in analysis.events if e.evidence.start >= text.index("The governor rejected")]
    assert rejected and rejected[0].location is None


def test_a_dateline_is_not_where_the_events_happened(pipeline):
    text = ("Aug 01 2016 BEIRUT Syrian government aircraft bombed the town of Saraqeb in Idlib "
            "province, killing seven people, a monitoring group said.")
    analysis = pipeline.analyze(Article(id=article_id(text), text=text))
    beirut = [p for p in analysis.places if p.text == "BEIRUT"]
    assert beirut and beirut[0].reason == "dateline"
    assert analysis.events and all(e.location is None or e.location.text != "BEIRUT" for e in analysis.events)
    only = pipeline.analyze(Article(id="d", text="Aug 01 2016 BEIRUT Aircraft bombed a market, killing seven people."))
    assert only.events and all(e.location is None for e in only.events)
    assert analysis.main_place is not None and analysis.main_place.reason != "dateline"


def test_a_place_in_a_parenthesis_describes_and_does_not_locate(pipeline):
    text = "Daesh (banned in Russia) fighters shelled the town of Saraqeb in Idlib province."
    analysis = pipeline.analyze(Article(id=article_id(text), text=text))
    assert analysis.events and all(e.location is None or e.location.country != "RUS" for e in analysis.events)


def test_where_a_report_was_made_is_not_where_its_event_happened(pipeline):
    text = ("Syrian government aircraft bombed the town of Saraqeb in Idlib province on Monday. "
            "An opposition leader said in Turkey the attack had killed 30 people.")
    analysis = pipeline.analyze(Article(id=article_id(text), text=text))
    killed = [e for e in analysis.events if e.evidence.start >= text.index("An opposition")]
    assert killed, "no event coded in the second sentence"
    assert all(e.location is None or e.location.country != "TUR" for e in killed)
    # a fronted place sets the scene of the whole sentence, report and event alike
    text = "In Idlib, an opposition leader said government aircraft had bombed a market."
    analysis = pipeline.analyze(Article(id=article_id(text), text=text))
    assert analysis.events and analysis.events[0].location is not None
    assert analysis.events[0].location.admin1 == "Idlib"
