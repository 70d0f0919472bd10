"""The flagship brief: four speakers with roles, direct and indirect quotes, the chain via the outlet."""

from __future__ import annotations

import pytest

from khabar.model import Article, article_id
from khabar.resolve.keys import name_key


@pytest.fixture(scope="module")
def quotes(pipeline, flagship_text):
    article = Article(id=article_id(flagship_text), text=flagship_text, publisher="Example Brief")
    return pipeline.analyze(article).quotes


def _by(quotes, name):
    key = name_key(name)
    return [q for q in quotes if q.speaker is not None and key in name_key(q.speaker.name or q.speaker.text)]


def test_zanki_official_direct_quote(quotes):
    (q,) = [q for q in _by(quotes, "official") if q.kind == "direct"]
    assert q.content.text.startswith("“there are consultations")
    assert q.speaker.role == "official" and q.speaker.organisation


def test_alshami_with_role_and_coreferent_he(quotes):
    said = _by(quotes, "Muhammad al-Shami")
    assert len(said) >= 4  # "said that", "stressed out that", "added", "also added that"
    assert {q.speaker.role for q in said} == {"commander"}
    assert all(q.speaker.organisation for q in said)
    assert {q.speaker.text for q in said} >= {"He"}
    assert any(q.cue.text.startswith("stressed") for q in said)


def test_abu_zaid_legal_adviser(quotes):
    said = _by(quotes, "Osama Abu Zaid")
    assert len(said) >= 2  # "questioned", "told the newspaper that"
    assert said[0].speaker.role == "legal adviser" and said[0].speaker.organisation


def test_lavrov(quotes):
    said = _by(quotes, "Sergei Lavrov")
    assert {q.cue.text for q in said} >= {"announcement", "stated"}


def test_chain_through_sharq_al_awsat(quotes):
    # Surface forms vary ("Sharq al Awsat", "Sharq alAwsat") and the actors stage may give the
    # canonical name ("Asharq Al-Awsat"): compare on the distinctive word.
    outlet = name_key("Awsat")
    zanki = [q for q in _by(quotes, "official") if q.kind == "direct"][0]
    assert [v.name for v in zanki.via][0] == "Example Brief"
    assert outlet in name_key(zanki.via[-1].text)
    for q in _by(quotes, "Osama Abu Zaid") + _by(quotes, "Sergei Lavrov"):
        assert outlet in name_key(q.via[-1].text)
    # The outlet's own reports are cited by the brief alone.
    own = [q for q in quotes if q.speaker is not None and outlet in name_key(q.speaker.name or "")]
    assert own and all([v.name for v in q.via] == ["Example Brief"] for q in own)


def test_quote_ids_are_stable_and_unique(quotes):
    assert len({q.id for q in quotes}) == len(quotes)
