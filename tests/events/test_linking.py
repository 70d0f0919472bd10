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
