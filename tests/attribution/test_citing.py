"""Who passes words on: "X cited / quoted Y as saying Z" (attribution/citing.py), and a source
the parser hung inside the content it reports."""

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


def test_the_passive_quoted_as_saying_has_its_subject_as_speaker(pipeline):
    text = ('"Five people were killed in the attack and seven others injured" Talal Barazi was '
            'quoted as saying by the Al Mayadeen TV channel.')
    quotes = [q for q in _quotes(pipeline, text) if "Five people" in q.content.text]
    assert quotes and quotes[0].speaker is not None and "Barazi" in quotes[0].speaker.text


def test_citing_without_words_is_left_as_it_was(pipeline):
    quotes = _quotes(pipeline, "Reuters cited a military source.")
    assert [q.cue.text for q in quotes] == ["cited"]


def test_a_source_parsed_into_the_content_is_cut_out_of_it(pipeline):
    # scraped text that lost the comma before "X reports": the parser hangs X in the content
    text = ("Syrian forces killed 35 fighters in an ambush in Eastern Ghouta in Damascus "
            "countryside Al-Alam News Network reports.")
    quotes = _quotes(pipeline, text)
    assert len(quotes) == 1
    assert quotes[0].content.text.endswith("Damascus countryside")
    assert quotes[0].speaker.text == "Al-Alam News Network"


def test_a_cited_document_covers_its_own_paragraph_only(pipeline):
    text = ("The agency covered up the intrusions, according to a congressional report.\n\n"
            "\"This is a serious offense,\" said Lamar Smith, the committee chairman.")
    quotes = _quotes(pipeline, text)
    smith = [q for q in quotes if q.speaker is not None and "Smith" in q.speaker.text]
    assert smith and not [v for v in smith[0].via if "report" in v.text]
