"""`khabar bench` on a tiny corpus: the JSON report has every field, each in range (no timings asserted)."""

import json
import math
import re
from pathlib import Path

import pytest

from khabar.bench import run_bench
from khabar.bench.corpus import synthetic_lengths, load_articles

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HEADLINE = ("throughput_ratio", "articles_per_s", "words_per_s", "peak_rss_mb", "parallel_efficiency")


@pytest.fixture(scope="module")
def tiny_corpus(tmp_path_factory) -> Path:
    """Twelve distinct short articles cut from the bundled example."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", (EXAMPLES / "aleppo_talks_brief.txt").read_text())
                 if len(s) > 20]
    path = tmp_path_factory.mktemp("bench") / "tiny.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i in range(12):
            text = f"{sentences[i % len(sentences)]} {sentences[(i + 3) % len(sentences)]} Report {i}."
            handle.write(json.dumps({"id": f"t{i}", "text": text}) + "\n")
    return path


@pytest.fixture(scope="module")
def report(tiny_corpus) -> dict:
    # Short synthetic lengths keep the test quick; the CLI default is 100, 1,000 and 10,000.
    return run_bench(tiny_corpus, limit=12, workers=2, words_per_length=600, scaling_articles=8,
                     task_size=2, lengths=(100, 300))


def test_headline_fields_of_product_md_are_present_and_positive(report):
    for field in HEADLINE:
        assert isinstance(report[field], float) and math.isfinite(report[field]) and report[field] > 0, field
    json.dumps(report)  # the --json output is serialisable


def test_report_describes_what_it_measured(report):
    assert report["corpus"]["articles"] == 12
    assert report["words_per_s"] > report["articles_per_s"]  # articles have many words
    assert [row["workers"] for row in report["workers"]] == [1, 2]
    assert all(row["articles_per_s"] > 0 and row["peak_rss_mb_per_worker"] > 0 for row in report["workers"])
    assert [(row["words"], row["docs"]) for row in report["per_word"]] == [(100, 6), (300, 2)]
    assert report["per_word_spread"] >= 1.0
    shares = report["khabar"]["stage_share"]
    assert {"annotate", "events", "attribution"} <= set(shares)
    assert math.isclose(sum(shares.values()), 1.0, rel_tol=1e-6)
    assert set(report["goals"]) == {"throughput_ratio", "parallel_efficiency", "peak_rss_mb_per_worker",
                                    "per_word_flat"}


def test_the_timed_run_leaves_no_doc_alive(report):
    # every analysed article's doc is freed: memory does not grow with the corpus
    assert report["memory"]["docs_alive_after_run"] <= 0


def test_synthetic_articles_have_exactly_the_asked_length(tiny_corpus):
    articles = load_articles(tiny_corpus)
    made = synthetic_lengths(articles, (100, 1_000), 2_000)
    assert [len(made[100]), len(made[1_000])] == [20, 2]
    assert all(len(a.text.split()) == 100 for a in made[100])
    assert all(len(a.text.split()) == 1_000 for a in made[1_000])


def test_default_corpus_falls_back_to_the_examples(monkeypatch, tmp_path):
    from khabar.bench import corpus

    monkeypatch.setenv("KHABAR_SHARED", str(tmp_path / "absent"))
    assert corpus.default_corpus() == EXAMPLES
    (tmp_path / "data" / "fakes").mkdir(parents=True)
    (tmp_path / "data" / "fakes" / "articles.jsonl").write_text("")
    monkeypatch.setenv("KHABAR_SHARED", str(tmp_path))
    assert corpus.default_corpus() == tmp_path / "data" / "fakes" / "articles.jsonl"
