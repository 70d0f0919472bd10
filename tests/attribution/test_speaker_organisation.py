"""An unnamed speaker of a known organisation is coded as that organisation."""

from __future__ import annotations

from khabar.model import Article, article_id


def test_unnamed_official_takes_code_and_sector_of_organisation(pipeline):
    text = "A Hezbollah official said the group would not withdraw from the town."
    quotes = pipeline.analyze(Article(id=article_id(text), text=text)).quotes
    speaker = quotes[0].speaker
    assert speaker.organisation and speaker.role == "official"
    assert (speaker.code, speaker.sector) == ("LBN", "PRM")
