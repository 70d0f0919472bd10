"""How resolution cost scales with the knowledge base (for ``khabar bench`` and ``khabar actors bench``).

Builds a synthetic module that multiplies the number of aliases by ``factor`` (generated
names, so no real actor is affected) and times the matcher and the stage on the same
texts with the plain and the grown knowledge base. Matching is a hashed n-gram lookup,
so the ratio should stay close to 1.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

import yaml

from khabar.resolve.actors.kb import load_kb
from khabar.resolve.actors.matcher import find_mentions

_SYLLABLES = ["ka", "ri", "mo", "sa", "tu", "len", "dar", "bel", "zu", "fi", "gor", "nam", "pel", "vo", "xi"]


def synthetic_module(n_aliases: int, seed: int = 7) -> dict:
    """A knowledge module with about ``n_aliases`` generated aliases (armed groups)."""
    rng = random.Random(seed)
    actors = []
    for i in range(max(1, n_aliases // 4)):
        words = ["".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize() for _ in range(3)]
        actors.append({"id": f"bench.a{i}", "name": " ".join(words), "type": "armed_group",
                       "code": "SYR", "sector": "REB",
                       "aliases": [" ".join(words[:2]), " ".join(words[1:]), f"Liwa {words[0]}"]})
    return {"module": "bench", "description": "generated for the scaling benchmark", "actors": actors}


def scaling_benchmark(texts: list[str], factor: int = 10, repeat: int = 5) -> dict:
    """Matcher time per article with the built-in KB and with ``factor`` times as many aliases.

    Returns:
        ``{"aliases": n, "aliases_grown": n*factor, "ms_per_article": t1, "ms_per_article_grown": t2,
        "ratio": t2 / t1}``.
    """
    kb = load_kb()
    n_aliases = sum(len(v) for v in kb.by_key.values()) + sum(len(v) for v in kb.acronyms.values())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.yaml"
        path.write_text(yaml.safe_dump(synthetic_module(n_aliases * (factor - 1))), encoding="utf-8")
        grown = load_kb([path])
    n_grown = sum(len(v) for v in grown.by_key.values()) + sum(len(v) for v in grown.acronyms.values())

    def once(k) -> float:
        t0 = time.perf_counter()
        for text in texts:
            find_mentions(k, text)
        return 1000 * (time.perf_counter() - t0) / max(1, len(texts))

    once(kb), once(grown)  # warm the key caches
    # Alternate the two and keep each one's best run: the machine's noise hits both alike.
    runs = [(once(kb), once(grown)) for _ in range(repeat)]
    t1, t2 = min(r[0] for r in runs), min(r[1] for r in runs)
    return {"aliases": n_aliases, "aliases_grown": n_grown, "ms_per_article": round(t1, 3),
            "ms_per_article_grown": round(t2, 3), "ratio": round(t2 / t1, 3) if t1 else None}


def sample_texts(n: int = 50) -> list[str]:
    """FA-KES texts from the shared data when present (``$KHABAR_SHARED``), else the example brief."""
    import json
    import os

    root = Path(os.environ.get("KHABAR_SHARED") or Path(__file__).resolve().parents[4].parent / "shared")
    fakes = root / "data" / "fakes" / "articles.jsonl"
    if fakes.exists():
        lines = fakes.read_text(encoding="utf-8").splitlines()[:n]
        return [json.loads(line)["text"] for line in lines]
    example = Path(__file__).resolve().parents[4] / "examples" / "aleppo_talks_brief.txt"
    return [example.read_text(encoding="utf-8")] if example.exists() else ["Russia and Turkey met in Ankara."]


def kb_stats(factor: int = 10) -> dict:
    """Size of the knowledge base and the cost of matching with it and with ``factor`` times it."""
    kb = load_kb()
    stats = {"actors": len(kb.actors), "modules": sorted(kb.modules),
             "syria_actors": sum(1 for a in kb.actors.values() if a.module.startswith("syria"))}
    stats.update(scaling_benchmark(sample_texts(), factor=factor))
    return stats
