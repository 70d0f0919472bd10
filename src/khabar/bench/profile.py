"""Profiles the pipeline with py-spy and names the hotspots in khabar's own code.

A sample is charged to the innermost khabar function on its stack: its own time plus
whatever library code (spaCy, rapidfuzz, pydantic...) it calls, but not deeper khabar
functions. So a hotspot names the khabar code worth changing; spaCy's own parse shows
as ``pipeline.py:Pipeline.analyze_many``. py-spy rather than an in-process profiler:
spaCy's Cython frames cut pyinstrument's stacks and leave most time unattributed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from khabar.errors import KhabarError

# "Class.function (khabar/path/module.py:123)" in py-spy's raw (collapsed) output.
_FRAME = re.compile(r"^(?P<function>.+?) \((?P<file>.+?):\d+\)$")
_SELF = "bench/profile.py"


def hotspots(raw: str, top: int = 15) -> list[dict]:
    """Aggregate py-spy ``--format raw`` stacks into khabar hotspots, largest first."""
    counts: Counter[str] = Counter()
    for line in raw.splitlines():
        stack, _, number = line.rpartition(" ")
        # Only samples taken while analysing: imports and model loading are not per-article cost.
        if not stack or not number.isdigit() or "analyze_many" not in stack:
            continue
        owner = "(outside khabar)"
        for frame in stack.split(";"):
            match = _FRAME.match(frame)
            if match and "khabar/" in match["file"] and not match["file"].endswith(_SELF):
                owner = f"{match['file'].split('khabar/', 1)[1]}:{match['function']}"
        counts[owner] += int(number)
    total = sum(counts.values()) or 1
    return [{"where": where, "samples": n, "share": n / total} for where, n in counts.most_common(top)]


def _target(corpus: str, limit: int) -> None:
    # What py-spy samples: a warm pipeline over the corpus, results serialised as batch does.
    from khabar.bench.corpus import load_articles
    from khabar.pipeline import Pipeline

    articles = load_articles(Path(corpus), limit)
    pipeline = Pipeline()
    list(pipeline.analyze_many(articles[:2]))
    for result in pipeline.analyze_many(articles):
        result.model_dump_json()


def profile_pipeline(corpus: Path | str | None = None, limit: int | None = 200,
                     rate: int = 200, top: int = 15, raw_out: Path | None = None) -> dict:
    """Run the pipeline on the corpus under py-spy; returns the top khabar hotspots.

    Args:
        corpus: texts (default: the bench corpus).
        limit: first N articles.
        rate: samples per second.
        top: hotspots to return.
        raw_out: also keep py-spy's collapsed stacks here (for flame graphs).
    """
    from khabar.bench.corpus import default_corpus

    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(spy).exists():
        raise KhabarError("E095", detail="py-spy not found")
    corpus = str(Path(corpus) if corpus else default_corpus())
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(raw_out) if raw_out else Path(tmp) / "stacks.txt"
        command = [spy, "record", "--format", "raw", "-r", str(rate), "-o", str(out), "--",
                   sys.executable, "-m", "khabar.bench.profile", corpus, str(limit or 200)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0 or not out.exists():
            raise KhabarError("E081", detail=f"py-spy failed: {done.stderr.strip().splitlines()[-1:]}")
        raw = out.read_text(encoding="utf-8")
    rows = hotspots(raw, top)
    return {"profiler": "py-spy", "articles": limit, "samples": sum(r["samples"] for r in rows),
            "hotspots": rows}


if __name__ == "__main__":
    _target(sys.argv[1], int(sys.argv[2]))
