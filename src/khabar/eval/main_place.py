"""Main-place check on FA-KES (issue 6): khabar's ``main_place`` versus the naive guess.

FA-KES (``shared/data/fakes/articles.jsonl``) gives real Syrian-war reports without their
labels, so the governorate of each article's main event is judged by hand. This module runs
the pipeline over the corpus, compares the governorate of ``Analysis.main_place`` with the
naive guess (the first place mention, in text order, that lies in a Syrian governorate),
lists the articles where they disagree, and scores both against hand judgments::

    python -m khabar.eval.main_place                # disagreements, from a cache in /tmp
    python -m khabar.eval.main_place --judged tests/resolve/data/fakes_main_place.csv
    python -m khabar.eval.main_place --agreeing 20  # a sample of agreeing articles to judge
    python -m khabar.eval.main_place --judged tests/resolve/data/fakes_main_place_fresh.csv --set changed
    python -m khabar.eval.main_place --blind 20     # texts to judge blind (no guesses shown)

The cache holds each article's places and actors, so changes to ``main_place`` are
re-measured in seconds (``main_place`` is recomputed from the cached mentions); delete it
(or pass ``--fresh``) after changes to how places are found or resolved.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import tempfile
from collections.abc import Iterable
from pathlib import Path

from khabar.model import ActorRef, PlaceRef
from khabar.resolve.places.main import main_place

NONE = "other/none"
CACHE = Path(tempfile.gettempdir()) / "khabar-fakes-main-place.jsonl"
JUDGED_DIR = Path(__file__).resolve().parents[3] / "tests" / "resolve" / "data"


def fakes_path() -> Path:
    """``data/fakes/articles.jsonl`` under the shared folder (``KHABAR_SHARED`` or ``../shared``)."""
    root = os.environ.get("KHABAR_SHARED")
    base = Path(root) if root else Path(__file__).resolve().parents[3] / ".." / "shared"
    return base / "data" / "fakes" / "articles.jsonl"


def load_fakes(path: Path | None = None, ids: Iterable[str] | None = None) -> list[dict]:
    """FA-KES articles (dicts with id, title, text, publisher), all or those with the given ids."""
    wanted = set(ids) if ids is not None else None
    with open(path or fakes_path(), encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [r for r in rows if wanted is None or r["id"] in wanted]


def governorate(p: PlaceRef | None) -> str:
    """The Syrian governorate of a place, or ``other/none``."""
    if p is None or p.country != "SYR" or not p.admin1 or p.precision == "country":
        return NONE
    return p.admin1


def naive_place(places: list[PlaceRef]) -> PlaceRef | None:
    """The first mention, in text order, that lies in a Syrian governorate."""
    return next((p for p in sorted(places, key=lambda p: p.start) if governorate(p) != NONE), None)


def analyse(rows: list[dict], pipeline=None) -> list[dict]:
    """Run the pipeline's parse, actors and places stages over FA-KES rows.

    Only the stages ``main_place`` reads are run (as ``Pipeline._after_parse`` runs them):
    faster, and independent of the event and quote stages.

    Returns:
        Per article: id, text, places, actors, main (``PlaceRef`` dicts).
    """
    from khabar.context import Annotated
    from khabar.ingest import make_article
    from khabar.ingest.formats import Draft
    from khabar.pipeline import Pipeline

    pipe = pipeline or Pipeline()
    articles = [make_article(Draft(text=r["text"], source=r["id"], publisher=r.get("publisher")),
                             check_language=False) for r in rows]
    out = []
    docs = pipe.nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=32)
    for row, (doc, article) in zip(rows, docs):
        ctx = Annotated(article=article, doc=doc)
        ctx.actors = pipe.actors(ctx)
        ctx.places = pipe.places(ctx)
        main = main_place(ctx.places, article.text, ctx.actors)
        out.append({"id": row["id"], "text": row["text"],
                    "places": [p.model_dump(mode="json") for p in ctx.places],
                    "actors": [a.model_dump(mode="json") for a in ctx.actors],
                    "main": main.model_dump(mode="json") if main else None})
    return out


def cached(fresh: bool = False, cache: Path = CACHE) -> list[dict]:
    """All FA-KES records, from the cache when it exists (built otherwise: ~3 min)."""
    if cache.exists() and not fresh:
        with open(cache, encoding="utf-8") as fh:
            return [json.loads(line) for line in fh]
    records = analyse(load_fakes())
    with open(cache, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in records)
    return records


def guesses(record: dict, recompute: bool = True) -> tuple[str, str]:
    """(khabar's governorate, the naive governorate) of one record."""
    places = [PlaceRef(**p) for p in record["places"]]
    if recompute:
        actors = [ActorRef(**a) for a in record["actors"]]
        main = main_place(places, record["text"], actors)
    else:
        main = PlaceRef(**record["main"]) if record["main"] else None
    return governorate(main), governorate(naive_place(places))


def read_judged(path: Path, part: str = "all", clear_only: bool = False,
                judged_set: str | None = None) -> dict[str, str]:
    """Hand judgments: article id -> governorate (or ``other/none``).

    Args:
        path: CSV with columns id, governorate, reason, clear (yes/no: is the main event
            clear, or is the article a round-up or a statement).
        part: "all"; "tune", the rows rules were developed on; "check", every third row
            (rows 3, 6, 9...), kept aside to see whether the rules generalise.
        clear_only: keep only rows judged clear.
        judged_set: keep only rows whose ``set`` column has this value (``fakes_main_place_fresh.csv``:
            "changed", articles whose answer a later change of ``main_place`` changed, judged from
            the text alone; "variant", ones a rejected variant changed; ``fakes_main_place_heldout.csv``:
            "disagreeing", "agreeing", "random", how each frozen held-out article was drawn).
    """
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = {}
    for i, r in enumerate(rows):
        held = i % 3 == 2
        if (part == "tune" and held) or (part == "check" and not held):
            continue
        if clear_only and r.get("clear", "yes") != "yes":
            continue
        if judged_set is not None and r.get("set") != judged_set:
            continue
        out[r["id"]] = r["governorate"]
    return out


def blind_sample(pairs: dict[str, tuple[str, str]], agreeing: int, seed: int = 6,
                 judged_dir: Path = JUDGED_DIR) -> list[str]:
    """Ids to judge blind: the disagreements no judged file holds, plus a random sample of
    unjudged agreeing articles, shuffled together so that the judge cannot tell which is which.

    Args:
        pairs: article id -> (khabar's governorate, the naive one).
        agreeing: how many agreeing articles to add.
        seed: the random seed (sample and order).
        judged_dir: folder of the judged CSV files (``fakes_main_place*.csv``).
    """
    judged: set[str] = set()
    for path in sorted(judged_dir.glob("fakes_main_place*.csv")):
        judged |= set(read_judged(path))
    rng = random.Random(seed)
    differ = sorted(a for a, (k, n) in pairs.items() if k != n and a not in judged)
    same = sorted(a for a, (k, n) in pairs.items() if k == n and a not in judged)
    ids = differ + rng.sample(same, min(agreeing, len(same)))
    rng.shuffle(ids)
    return ids


def score(pairs: dict[str, tuple[str, str]], judged: dict[str, str]) -> dict[str, int]:
    """Counts over judged articles: n, khabar right, naive right, both wrong."""
    n = k = v = w = 0
    for aid, gold in judged.items():
        if aid not in pairs:
            continue
        ours, naive = pairs[aid]
        n, k, v, w = n + 1, k + (ours == gold), v + (naive == gold), w + (ours != gold and naive != gold)
    return {"n": n, "khabar": k, "naive": v, "both_wrong": w}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fresh", action="store_true", help="re-run the pipeline, ignoring the cache")
    ap.add_argument("--judged", type=Path, help="CSV of hand judgments (id, governorate, reason)")
    ap.add_argument("--agreeing", type=int, default=0, help="list a random sample of agreeing articles")
    ap.add_argument("--show", action="store_true", help="print the disagreements with their lead")
    ap.add_argument("--set", dest="judged_set", help="only judged rows with this 'set' value (e.g. changed)")
    ap.add_argument("--blind", type=int, metavar="N", help="print, shuffled and without either guess, the "
                    "unjudged disagreements and N unjudged agreeing articles, to judge from the text alone")
    args = ap.parse_args(argv)
    records = cached(args.fresh)
    pairs = {r["id"]: guesses(r) for r in records}
    texts = {r["id"]: r["text"] for r in records}
    if args.blind is not None:
        for aid in blind_sample(pairs, args.blind):
            print(f"=== {aid}\n{texts[aid]}\n")
        return
    differ = [aid for aid, (a, b) in pairs.items() if a != b]
    print(f"articles {len(pairs)}, disagreements {len(differ)}")
    if args.show:
        for aid in differ:
            print(f"{aid}\tkhabar={pairs[aid][0]}\tnaive={pairs[aid][1]}\t{texts[aid][:160]}")
    if args.agreeing:
        same = sorted(aid for aid in pairs if aid not in differ)
        for aid in random.Random(6).sample(same, args.agreeing):
            print(f"{aid}\tboth={pairs[aid][0]}\t{texts[aid][:160]}")
    if args.judged:
        for part in ("all", "tune", "check"):
            for clear in (False, True):
                judged = read_judged(args.judged, part, clear, args.judged_set)
                now = {a: g for a, g in judged.items() if a in differ}
                print(f"{part:5} {'clear' if clear else 'any  '}", score(pairs, judged),
                      "current disagreements:", score(pairs, now))
        if args.show:
            judged = read_judged(args.judged, judged_set=args.judged_set)
            for aid, gold in judged.items():
                if aid in pairs and pairs[aid][0] != gold:
                    print(f"WRONG {aid}\tgold={gold}\tkhabar={pairs[aid][0]}\tnaive={pairs[aid][1]}")


if __name__ == "__main__":
    main()
