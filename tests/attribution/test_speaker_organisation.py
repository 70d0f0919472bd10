"""An unnamed speaker of a known organisation is coded as that organisation."""

from __future__ import annotations

from khabar.model import Article, article_id


def test_unnamed_official_takes_code_and_sector_of_organisation(pipeline):
    text = "A Hezbollah official said the group would not withdraw from the town."
    quotes = pipeline.analyze(Article(id=article_id(text), text=text)).quotes
    speaker = quotes[0].speaker
    assert speaker.organisation and speaker.role == "official"
    assert (speaker.code, speaker.sector) == ("LBN", "PRM")


def test_office_phrase_speaker_is_the_office_holder_in_a_dated_report(pipeline):
    from datetime import date

    text = "The Russian foreign minister said the truce would hold."
    article = Article(id=article_id(text), text=text, published=date(2016, 12, 1))
    speaker = pipeline.analyze(article).quotes[0].speaker
    assert (speaker.id, speaker.role) == ("p.sergei_lavrov", "foreign minister")
    assert speaker.text == "The Russian foreign minister"


def test_unnamed_officials_of_a_state_are_coded_as_it(pipeline):
    text = "Iranian officials said the talks had failed."
    speaker = pipeline.analyze(Article(id=article_id(text), text=text)).quotes[0].speaker
    assert (speaker.code, speaker.sector, speaker.role) == ("IRN", "GOV", "officials")
    assert speaker.id is None  # people of Iran, not the state itself


def test_the_report_continues_refers_to_the_outlet_not_the_last_speaker(pipeline):
    text = ("Reuters reported that the rebels and Russia agreed, but Russia said that the "
            "government should agree. The report continues that the government rejected them.")
    quotes = pipeline.analyze(Article(id=article_id(text), text=text)).quotes
    last = [q for q in quotes if q.cue.text == "continues"]
    assert last and last[0].speaker.text == "The report"
    assert last[0].speaker.name == "Reuters" and last[0].speaker.type == "media"


def test_named_source_after_the_verb_parsed_as_its_object(pipeline):
    text = ("At least 20 people including 13 civilians were killed and over 30 people were "
            "wounded in car bomb attacks near the shrine in the suburbs of Damascus said the "
            "Syrian Observatory for Human Rights (SOHR) an independent monitor.")
    quotes = [q for q in pipeline.analyze(Article(id=article_id(text), text=text)).quotes
              if q.cue.text == "said"]
    assert quotes and quotes[0].speaker.name == "Syrian Observatory for Human Rights"
    assert quotes[0].content.text.startswith("At least 20 people")


def test_a_based_group_is_not_coded_as_its_host_country(pipeline):
    text = "Three children were killed in air strikes on Idlib, said a Britain-based monitoring group."
    speaker = pipeline.analyze(Article(id=article_id(text), text=text)).quotes[0].speaker
    assert speaker.code != "GBR" and speaker.organisation is None
