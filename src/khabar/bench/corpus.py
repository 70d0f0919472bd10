"""The texts ``khabar bench`` measures on: FA-KES when the shared data is there, else the examples."""

from __future__ import annotations

import os
from pathlib import Path

from khabar.batch.sources import BadRecord, iter_articles
from khabar.errors import KhabarError
from khabar.model import Article, article_id

# src/khabar/bench/corpus.py -> the repository root (an editable install or a checkout).
REPO_ROOT = Path(__file__).resolve().parents[3]
FAKES = Path("data") / "fakes" / "articles.jsonl"


def shared_root() -> Path:
    """``$KHABAR_SHARED``, else the ``shared`` folder beside the repository."""
    return Path(os.environ.get("KHABAR_SHARED") or REPO_ROOT.parent / "shared")


def default_corpus() -> Path:
    """FA-KES texts when present, else the bundled ``examples`` directory."""
    fakes = shared_root() / FAKES
    if fakes.exists():
        return fakes
    examples = REPO_ROOT / "examples"
    if examples.is_dir():
        return examples
    raise KhabarError("E081", detail="no default bench corpus (no shared FA-KES data and no examples/): "
                                     "pass --corpus PATH")


def load_articles(path: Path, limit: int | None = None) -> list[Article]:
    """The first ``limit`` readable articles of a corpus (bad records are skipped)."""
    articles: list[Article] = []
    for item in iter_articles(path):
        if isinstance(item, BadRecord):
            continue
        articles.append(item)
        if limit is not None and len(articles) >= limit:
            break
    if not articles:
        raise KhabarError("E021", source=str(path))
    return articles


def word_count(text: str) -> int:
    return len(text.split())


def synthetic_lengths(articles: list[Article], lengths: tuple[int, ...],
                      words_per_length: int) -> dict[int, list[Article]]:
    """Articles of exactly N words for each N, cut from the corpus's texts run together.

    Long articles are real reporting concatenated, so a cost that grows faster than the
    text (a quadratic step) shows as a rising cost per word, not as different prose.
    About ``words_per_length`` words are made for every N, so each length costs alike.
    """
    words = [w for a in articles for w in a.text.split()]
    out: dict[int, list[Article]] = {}
    for length in lengths:
        count = max(1, words_per_length // length)
        needed = count * length
        stream = (words * (needed // max(len(words), 1) + 1))[:needed]
        texts = [" ".join(stream[i * length:(i + 1) * length]) for i in range(count)]
        out[length] = [Article(id=article_id(t), text=t, external_id=f"synthetic-{length}-{i}")
                       for i, t in enumerate(texts)]
    return out
