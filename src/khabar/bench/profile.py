"""Profiles the pipeline with pyinstrument and names the hotspots in khabar's own code.

Time is charged to the innermost khabar function on the stack: its own time plus
whatever library code (spaCy, rapidfuzz, pydantic...) it calls, but not deeper khabar
functions. So a hotspot names the khabar code that is worth changing, and the spaCy
parse shows as ``pipeline.py:analyze_many`` (plus khabar's spaCy components).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from khabar.errors import KhabarError

PACKAGE_DIR = str(Path(__file__).resolve().parents[1])


def _where(frame) -> str | None:
    path = frame.file_path or ""
    if not path.startswith(PACKAGE_DIR):
        return None
    return f"{Path(path).relative_to(PACKAGE_DIR).as_posix()}:{frame.function}"


def _charge(frame, owner: str, totals: dict[str, float]) -> None:
    # Iterative: deep spaCy stacks would otherwise risk the recursion limit.
    stack = [(frame, owner)]
    while stack:
        node, current = stack.pop()
        current = _where(node) or current
        totals[current] += node.total_self_time
        stack.extend((child, current) for child in node.children)


def profile_pipeline(corpus: Path | str | None = None, limit: int | None = 200, config: dict | None = None,
                     html: Path | None = None, top: int = 15) -> dict:
    """Run the pipeline on the corpus under pyinstrument; returns the top khabar hotspots.

    Args:
        corpus: texts (default: the bench corpus).
        limit: first N articles.
        config: khabar configuration.
        html: also write pyinstrument's HTML report here.
        top: hotspots to return.
    """
    try:
        from pyinstrument import Profiler
    except ImportError:
        raise KhabarError("E081", detail="profiling needs pyinstrument: pip install pyinstrument==5.1.3") from None
    from khabar.bench.corpus import default_corpus, load_articles
    from khabar.pipeline import Pipeline

    articles = load_articles(Path(corpus) if corpus else default_corpus(), limit)
    pipeline = Pipeline(config)
    list(pipeline.analyze_many(articles[:2]))  # warm-up outside the profile
    profiler = Profiler(interval=0.001)
    profiler.start()
    for result in pipeline.analyze_many(articles):
        result.model_dump_json()
    session = profiler.stop()
    if html is not None:
        Path(html).write_text(profiler.output_html(), encoding="utf-8")
    totals: dict[str, float] = defaultdict(float)
    root = session.root_frame()
    if root is not None:
        _charge(root, "(outside khabar)", totals)
    whole = sum(totals.values()) or 1.0
    rows = sorted(totals.items(), key=lambda kv: -kv[1])[:top]
    return {"seconds": whole, "articles": len(articles),
            "hotspots": [{"where": w, "seconds": s, "share": s / whole} for w, s in rows],
            "html": str(html) if html else None}
