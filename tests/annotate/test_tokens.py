"""The per-doc token table must read exactly what spaCy's Token objects give."""

from __future__ import annotations

import pytest

from khabar.annotate import load_model
from khabar.annotate.tokens import doc_ents, token_table
from khabar.bench.run import live_docs
from khabar.config import load_config

TEXT = ("Russian Foreign Minister Sergei Lavrov said on Tuesday that talks in Geneva had failed.\n\n"
        "\"We will not stop,\" the rebels' spokesman told  reporters in eastern Aleppo. It's over.")


@pytest.fixture(scope="module")
def doc():
    return load_model(load_config()["annotate"]["model"])(TEXT)


def test_table_matches_tokens(doc):
    t = token_table(doc)
    assert t.text == doc.text == TEXT
    assert len(t) == len(doc)
    for tok in doc:
        i = tok.i
        assert (t.orth[i], t.lower[i], t.lemma[i]) == (tok.text, tok.lower_, tok.lemma_.lower())
        assert (t.pos[i], t.tag[i], t.dep[i], t.ent_type[i]) == (tok.pos_, tok.tag_, tok.dep_, tok.ent_type_)
        assert (t.idx[i], t.head[i], t.end(i)) == (tok.idx, tok.head.i, tok.idx + len(tok))
        assert (t.is_punct[i], t.is_stop[i]) == (tok.is_punct, tok.is_stop)
        assert t.children[i] == [c.i for c in tok.children]


def test_span_text_and_cache(doc):
    t = token_table(doc)
    for i in range(len(doc)):
        for j in range(i + 1, min(len(doc), i + 6) + 1):
            assert t.span_text(i, j) == doc[i:j].text
    assert token_table(doc) is t
    assert [(e.start, e.end, e.label_) for e in doc_ents(doc)] == [(e.start, e.end, e.label_) for e in doc.ents]


def test_analysed_docs_are_freed(pipeline):
    """A batch run's memory must not grow with the corpus: no doc may outlive its analysis
    (a cache of ``doc.ents`` keyed weakly by the doc once kept every doc alive)."""
    from khabar.model import Article, article_id

    texts = [f"Rebels shelled the town of Tal Rifaat on Monday, the ministry said in statement {i}."
             for i in range(60)]
    before = live_docs()
    for _ in pipeline.analyze_many(Article(id=article_id(t), text=t) for t in texts):
        pass
    assert live_docs() - before <= 2


def test_cached_ents_are_bounded(doc):
    from khabar.annotate import tokens

    nlp = load_model(load_config()["annotate"]["model"])
    for _ in range(tokens._ENTS_MAX + 10):
        doc_ents(nlp("Assad met Putin in Moscow."))
    assert len(tokens._ENTS) <= tokens._ENTS_MAX
