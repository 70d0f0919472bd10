"""'X cited / quoted Y as saying Z': Z is Y's words, passed on by X (attribution/citing.py)."""

from __future__ import annotations

from khabar.model import Article


def _quotes(pipeline, text):
    return pipeline.analyze(Article(id="t", text=text)).quotes


def test_the_cited_source_is_the_speaker_and_the_citer_a_link(pipeline):
    quotes = _quotes(pipeline, "Interfax quoted a ministry official as saying that the talks would resume.")
    assert len(quotes) == 1
    q = quotes[0]
    assert q.speaker.text == "a ministry official"
    assert q.content.text.endswith("the talks would resume")
    assert [v.text for v in q.via] == ["Interfax"]


def test_citing_without_words_is_left_as_it_was(pipeline):
    quotes = _quotes(pipeline, "Reuters cited a military source.")
    assert [q.cue.text for q in quotes] == ["cited"]
