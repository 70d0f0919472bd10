"""PolNeAR scoring: BRAT reading, exact and token-overlap matching, end-to-end attribution."""

from __future__ import annotations

import pytest

from khabar.errors import KhabarError
from khabar.eval.polnear import GoldAttribution, load_split, predicted, score
from khabar.model import ActorRef, Quote, Span

TEXT = 'Smith said that taxes will rise. "We are ready," Jones told reporters.\n'
ANN = (
    "T1\tSource 0 5\tSmith\n"
    "T2\tCue 6 10\tsaid\n"
    "T3\tContent 11 32\tthat taxes will rise\n"
    "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
    "T4\tContent 33 48\t\"We are ready,\"\n"
    "T5\tSource 49 54\tJones\n"
    "T6\tCue 55 59\ttold\n"
    "E2\tAttribution:T6 Source:T5 Cue:T6 Content:T4\n"
)


@pytest.fixture
def split(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "doc1_b2.ann").write_text(ANN, encoding="utf-8")
    # A second annotator sorts later and must be ignored.
    (tmp_path / "attributions" / "doc1_c3.ann").write_text("", encoding="utf-8")
    return tmp_path


def _quote(text, src, cue, content):
    def span(se):
        return Span(text=text[se[0]:se[1]], start=se[0], end=se[1])
    speaker = ActorRef(text=text[src[0]:src[1]], start=src[0], end=src[1]) if src else None
    return Quote(id=f"q{content[0]}", kind="indirect", speaker=speaker, cue=span(cue), content=span(content))


def test_reads_first_annotator(split):
    (doc,) = load_split(split)
    assert len(doc.attributions) == 2
    assert doc.spans["cue"] == {((6, 10),), ((55, 59),)}


def test_perfect_prediction_scores_one(split):
    (doc,) = load_split(split)
    quotes = [_quote(TEXT, (0, 5), (6, 10), (11, 32)), _quote(TEXT, (49, 54), (55, 59), (33, 48))]
    report = score([doc], [predicted(quotes, TEXT)])
    for key in ("source_f1", "cue_f1", "content_overlap_f1", "attribution_f1", "content_exact_f1"):
        assert report[key] == 1.0, key


def test_partial_content_and_wrong_source(split):
    (doc,) = load_split(split)
    # Content "taxes will rise" (3 of the 4 gold words), right source; second quote has the wrong source.
    quotes = [_quote(TEXT, (0, 5), (6, 10), (16, 31)), _quote(TEXT, (60, 69), (55, 59), (33, 48))]
    report = score([doc], [predicted(quotes, TEXT)])
    assert report["content_exact_f1"] == 0.5  # the direct quote matches exactly, the other not
    assert report["roles"]["content"]["overlap"]["precision"] == 1.0
    assert report["roles"]["content"]["overlap"]["recall"] == pytest.approx(6 / 7, abs=1e-3)
    assert report["attribution"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert report["source_f1"] == 0.5


def test_quotes_sharing_a_cue_form_one_attribution():
    text = '"One two," said Ann. "Three four."'
    cue, src = (11, 15), (16, 19)
    assert text[cue[0]:cue[1]] == "said" and text[src[0]:src[1]] == "Ann"
    quotes = [_quote(text, src, cue, (0, 10)), _quote(text, src, cue, (21, 34))]
    spans, attrs = predicted(quotes, text)
    assert len(attrs) == 1
    assert [text[s:e] for s, e in attrs[0].content] == ["One two", "Three four"]


def test_missing_folders_are_reported(tmp_path):
    with pytest.raises(KhabarError) as err:
        load_split(tmp_path)
    assert err.value.code == "E070"


def test_empty_prediction_scores_zero(split):
    (doc,) = load_split(split)
    report = score([doc], [({"source": set(), "cue": set(), "content": set()}, [])])
    assert report["attribution_f1"] == 0.0 and report["gold_attributions"] == 2
    assert isinstance(doc.attributions[0], GoldAttribution)


def test_agreement_scores_annotators_against_each_other(split, pipeline):
    from khabar.eval.polnear import agreement

    # The second annotator found only the first attribution, with a shorter cue span.
    (split / "attributions" / "doc1_c3.ann").write_text(
        "T1\tSource 0 5\tSmith\nT2\tCue 6 15\tsaid that\nT3\tContent 16 32\ttaxes will rise\n"
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n", encoding="utf-8")
    report = agreement(split, pipeline=pipeline)
    assert (report["articles"], report["annotations"], report["human_pairs"]) == (1, 2, 2)
    human = report["human"]
    # Either way round: one of two sources matches the other's one (F1 2/3), no cue matches.
    assert report["human_source_f1"] == pytest.approx(2 / 3, abs=1e-3)
    assert report["human_cue_f1"] == 0.0
    assert human["attribution"]["precision"] == pytest.approx(human["attribution"]["recall"])
    # khabar is scored against each annotator in turn: both sources found, so a perfect
    # source score against the first and a partial one against the second.
    assert 0.0 < report["khabar_source_f1"] < 1.0
    assert report["khabar"]["articles"] == 2


def test_agreement_needs_several_annotators(split, pipeline):
    from khabar.eval.polnear import agreement

    (split / "attributions" / "doc1_c3.ann").unlink()
    with pytest.raises(KhabarError):
        agreement(split, pipeline=pipeline)


def test_a_split_without_annotated_texts_is_reported(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc1.txt").write_text(TEXT, encoding="utf-8")
    with pytest.raises(KhabarError):
        load_split(tmp_path)
