"""Score the attribution stage against a PolNeAR-format split (``DIR/text``, ``DIR/attributions``).

Gold: for each ``text/NAME.txt``, the first ``attributions/NAME_ANNOTATOR.ann`` in sorted
order (BRAT standoff). ``T`` lines typed Source, Cue or Content are spans (possibly
discontinuous, ``start end;start end``); ``E`` lines join one attribution's roles.

Metrics (see docs/attribution.md for the full definitions):

- per role, *exact*: a predicted span counts when a gold span of the same role has the
  same fragments once edge whitespace and punctuation are trimmed from both; precision and
  recall over unique spans, micro-averaged over the split;
- per role, *overlap*: token-level, as in Citron's evaluation: precision is the share of
  predicted word tokens lying inside a gold span of that role, recall the share of gold
  word tokens inside a predicted span; micro-averaged over the split;
- *attribution*: a predicted quote matches a gold attribution when their contents share
  a word token and their sources share a word token (or both have none); one-to-one.

Headline keys, chosen to be comparable with Citron's published PARC3 figures:
``source_f1`` and ``cue_f1`` are the *exact* F1 of those roles, ``content_overlap_f1``
the token-overlap F1 of contents, ``attribution_f1`` the end-to-end F1. Every variant is
also reported under its own key (``{role}_exact_f1``, ``{role}_overlap_f1``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from khabar.errors import KhabarError

ROLES = ("source", "cue", "content")
_WORD = re.compile(r"\w+")

Frags = tuple[tuple[int, int], ...]


@dataclass
class GoldAttribution:
    source: Frags | None
    cue: Frags | None
    content: Frags | None


@dataclass
class Doc:
    name: str
    text: str
    spans: dict[str, set[Frags]] = field(default_factory=lambda: {r: set() for r in ROLES})
    attributions: list[GoldAttribution] = field(default_factory=list)


_EDGE = set(" \t\n\r\xa0.,;:!?\"'“”‘’„«»()[]—–-―")


def _trim(text: str, frags: Frags) -> Frags:
    """Fragments without edge whitespace and punctuation, so that exact matching does not
    hinge on a trailing comma or on quote marks; a punctuation-only span (the cue ":") is
    kept as it is, less whitespace."""
    out = []
    for s0, e0 in frags:
        s, e = s0, e0
        while s < e and text[s] in _EDGE:
            s += 1
        while e > s and text[e - 1] in _EDGE:
            e -= 1
        if s == e:
            s, e = s0, e0
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
        if s < e:
            out.append((s, e))
    return tuple(sorted(out))


def read_ann(path: Path, text: str) -> tuple[dict[str, set[Frags]], list[GoldAttribution]]:
    """Parse one BRAT standoff file into role spans and attributions."""
    spans: dict[str, Frags] = {}
    kinds: dict[str, str] = {}
    attributions = []
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            kind, _, offsets = parts[1].partition(" ")
            try:
                frags = tuple(tuple(int(x) for x in f.split()) for f in offsets.split(";"))
            except ValueError:
                continue
            spans[parts[0]] = _trim(text, frags)  # type: ignore[arg-type]
            kinds[parts[0]] = kind.lower()
        elif parts[0].startswith("E"):
            events.append(parts[1].split())
    by_role: dict[str, set[Frags]] = {r: set() for r in ROLES}
    for tid, kind in kinds.items():
        if kind in by_role and spans[tid]:
            by_role[kind].add(spans[tid])
    for args in events:
        roles = dict(a.split(":", 1) for a in args[1:] if ":" in a)
        get = lambda r: spans.get(roles.get(r.capitalize(), ""), None) or None  # noqa: E731
        if get("content") is None:
            continue
        attributions.append(GoldAttribution(get("source"), get("cue"), get("content")))
    return by_role, attributions


def _annotation_files(split_dir: str | Path) -> tuple[Path, dict[str, list[Path]]]:
    """The split's text folder, and each article name's annotator files in sorted order."""
    root = Path(split_dir)
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise KhabarError("E070", path=str(root), kind="PolNeAR",
                          detail="expected the folders text/ and attributions/")
    anns: dict[str, list[Path]] = {}
    for p in sorted(ann_dir.glob("*.ann")):
        anns.setdefault(p.stem.rsplit("_", 1)[0], []).append(p)
    return text_dir, anns


def load_split(split_dir: str | Path, limit: int | None = None) -> list[Doc]:
    """Read a PolNeAR-format split: each text with its first annotator's attributions."""
    text_dir, anns = _annotation_files(split_dir)
    docs = []
    for txt in sorted(text_dir.glob("*.txt")):
        if txt.stem not in anns:
            continue
        text = txt.read_text(encoding="utf-8")
        doc = Doc(txt.stem, text)
        doc.spans, doc.attributions = read_ann(anns[txt.stem][0], text)
        docs.append(doc)
        if limit and len(docs) >= limit:
            break
    if not docs:
        raise KhabarError("E070", path=str(split_dir), kind="PolNeAR", detail="no annotated texts found")
    return docs


def _tokens(text: str, frags: Frags | None) -> set[int]:
    """Start offsets of the word tokens inside the fragments."""
    if not frags:
        return set()
    out = set()
    for s, e in frags:
        out.update(m.start() for m in _WORD.finditer(text, s, e))
    return out


def predicted(quotes, text: str) -> tuple[dict[str, set[Frags]], list[GoldAttribution]]:
    """Turn extracted quotes into PolNeAR-like spans; quotes sharing a cue form one attribution."""
    groups: dict[tuple, list] = {}
    for q in quotes:
        key = (q.cue.start, q.cue.end) if q.cue else ("content", q.content.start)
        groups.setdefault(key, []).append(q)
    spans: dict[str, set[Frags]] = {r: set() for r in ROLES}
    attributions = []
    for qs in groups.values():
        q = qs[0]
        src = _trim(text, ((q.speaker.start, q.speaker.end),)) if q.speaker and q.speaker.end > q.speaker.start else None
        cue = _trim(text, ((q.cue.start, q.cue.end),)) if q.cue else None
        content = _trim(text, tuple(sorted({(x.content.start, x.content.end) for x in qs})))
        for role, frags in (("source", src), ("cue", cue), ("content", content)):
            if frags:
                spans[role].add(frags)
        attributions.append(GoldAttribution(src or None, cue or None, content or None))
    return spans, attributions


class _Counts:
    def __init__(self) -> None:
        self.tp = self.n_pred = self.n_gold = 0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.n_pred += n_pred
        self.n_gold += n_gold

    def prf(self) -> dict[str, float]:
        p = self.tp / self.n_pred if self.n_pred else 0.0
        r = self.tp / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


class _TokenCounts(_Counts):
    """Overlap counts where precision and recall have different numerators."""

    def __init__(self) -> None:
        super().__init__()
        self.tp_gold = 0

    def prf(self) -> dict[str, float]:
        p = self.tp / self.n_pred if self.n_pred else 0.0
        r = self.tp_gold / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _match_attributions(text: str, gold: list[GoldAttribution], pred: list[GoldAttribution]) -> int:
    """Greedy one-to-one matching, largest content overlap first; returns the matches."""
    cands = []
    for i, g in enumerate(gold):
        gc, gs = _tokens(text, g.content), _tokens(text, g.source)
        for j, p in enumerate(pred):
            shared = len(gc & _tokens(text, p.content))
            if not shared:
                continue
            ps = _tokens(text, p.source)
            if (gs or ps) and not (gs & ps):
                continue
            cands.append((shared, i, j))
    used_g, used_p = set(), set()
    for _, i, j in sorted(cands, reverse=True):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
    return len(used_g)


def score(docs: list[Doc], predictions: list[tuple[dict[str, set[Frags]], list[GoldAttribution]]]) -> dict:
    """Score predictions (one ``predicted(...)`` result per doc) against the gold docs."""
    exact = {r: _Counts() for r in ROLES}
    overlap = {r: _TokenCounts() for r in ROLES}
    attribution = _Counts()
    for doc, (spans, attrs) in zip(docs, predictions):
        for role in ROLES:
            g, p = doc.spans[role], spans[role]
            exact[role].add(len(g & p), len(p), len(g))
            gt = set().union(*(_tokens(doc.text, f) for f in g)) if g else set()
            pt = set().union(*(_tokens(doc.text, f) for f in p)) if p else set()
            overlap[role].add(len(gt & pt), len(pt), len(gt))
            overlap[role].tp_gold += len(gt & pt)
        attribution.add(_match_attributions(doc.text, doc.attributions, attrs),
                        len(attrs), len(doc.attributions))
    report: dict = {"articles": len(docs), "roles": {}}
    for role in ROLES:
        report["roles"][role] = {"exact": exact[role].prf(), "overlap": overlap[role].prf()}
        report[f"{role}_exact_f1"] = report["roles"][role]["exact"]["f1"]
        report[f"{role}_overlap_f1"] = report["roles"][role]["overlap"]["f1"]
    report["attribution"] = attribution.prf()
    report["source_f1"] = report["source_exact_f1"]
    report["cue_f1"] = report["cue_exact_f1"]
    report["attribution_f1"] = report["attribution"]["f1"]
    report["gold_attributions"] = attribution.n_gold
    report["predicted_attributions"] = attribution.n_pred
    return report


def evaluate(split_dir: str | Path, limit: int | None = None, pipeline=None) -> dict:
    """Run parse + actors + attribution over a PolNeAR split and score it.

    Args:
        split_dir: a folder with ``text/`` and ``attributions/``.
        limit: score only the first ``limit`` articles (sorted by name).
        pipeline: a ``khabar.pipeline.Pipeline`` to reuse (one is built if omitted).

    Returns:
        The report: per-role exact and overlap precision/recall/F1, attribution P/R/F1
        and the headline keys ``source_f1``, ``cue_f1``, ``content_overlap_f1``,
        ``attribution_f1``.
    """
    from khabar.context import Annotated
    from khabar.model import Article, article_id

    docs = load_split(split_dir, limit)
    if pipeline is None:
        from khabar.pipeline import Pipeline
        pipeline = Pipeline()
    preds = []
    articles = [Article(id=article_id(d.text), text=d.text) for d in docs]
    parsed = pipeline.nlp.pipe((a.text for a in articles), batch_size=16)
    for doc, article, parse in zip(docs, articles, parsed):
        ctx = Annotated(article=article, doc=parse)
        ctx.actors = pipeline.actors(ctx)
        preds.append(predicted(pipeline.quotes(ctx), doc.text))
    report = score(docs, preds)
    report["split"] = str(split_dir)
    return report


def annotated_groups(split_dir: str | Path) -> list[tuple[str, str, list[Path]]]:
    """Articles of a split that more than one annotator annotated: (name, text, .ann files)."""
    text_dir, anns = _annotation_files(split_dir)
    out = []
    for name, files in sorted(anns.items()):
        txt = text_dir / f"{name}.txt"
        if len(files) > 1 and txt.is_file():
            out.append((name, txt.read_text(encoding="utf-8"), files))
    return out


_HEADLINE = ("source_f1", "cue_f1", "content_overlap_f1", "attribution_f1")


def agreement(split_dir: str | Path, pipeline=None) -> dict:
    """How far annotators agree with each other, against how far khabar agrees with them.

    On the articles of a split with several annotator files, every annotator is scored as a
    prediction against every other one (all ordered pairs, with ``score``), and khabar's
    output against each annotator in turn. The human figures are the ceiling a system can
    be expected to reach against any single annotator under this scoring.

    Returns:
        ``articles``, ``annotations``, ``human_pairs``, and ``human`` and ``khabar``, each a
        ``score`` report; the headline keys of both are also at the top as ``human_{key}``
        and ``khabar_{key}``.
    """
    groups = annotated_groups(split_dir)
    if not groups:
        raise KhabarError("E070", path=str(split_dir), kind="PolNeAR",
                          detail="no article has more than one annotator file")
    human_gold, human_pred, sys_gold, sys_pred = [], [], [], []
    if pipeline is None:
        from khabar.pipeline import Pipeline
        pipeline = Pipeline()
    from khabar.context import Annotated
    from khabar.model import Article, article_id

    n_ann = 0
    for name, text, files in groups:
        annotations = [read_ann(f, text) for f in files]
        n_ann += len(annotations)
        article = Article(id=article_id(text), text=text)
        ctx = Annotated(article=article, doc=pipeline.nlp(text))
        ctx.actors = pipeline.actors(ctx)
        mine = predicted(pipeline.quotes(ctx), text)
        for i, (spans, attrs) in enumerate(annotations):
            gold = Doc(name, text, spans, attrs)
            sys_gold.append(gold)
            sys_pred.append(mine)
            for j, other in enumerate(annotations):
                if i != j:
                    human_gold.append(gold)
                    human_pred.append(other)
    human, khabar = score(human_gold, human_pred), score(sys_gold, sys_pred)
    report: dict = {"split": str(split_dir), "articles": len(groups), "annotations": n_ann,
                    "human_pairs": len(human_gold), "human": human, "khabar": khabar}
    for key in _HEADLINE:
        report[f"human_{key}"] = human[key]
        report[f"khabar_{key}"] = khabar[key]
    return report


def render_agreement(report: dict, console) -> None:
    """Print annotator agreement beside khabar's agreement with the same annotators."""
    from rich.table import Table

    table = Table(title=(f"PolNeAR agreement ({report['articles']} articles, {report['annotations']} "
                         f"annotations, {report['human_pairs']} annotator pairs)"))
    for col in ("score", "annotator vs annotator", "khabar vs annotator"):
        table.add_column(col, justify="left" if col == "score" else "right")
    for key in _HEADLINE:
        table.add_row(key, f"{report[f'human_{key}']:.3f}", f"{report[f'khabar_{key}']:.3f}")
    console.print(table)


def render(report: dict, console) -> None:
    """Print the report as a rich table."""
    from rich.table import Table

    table = Table(title=f"PolNeAR attribution ({report['articles']} articles, {report.get('split', '')})")
    for col in ("role", "match", "precision", "recall", "F1"):
        table.add_column(col, justify="right" if col in ("precision", "recall", "F1") else "left")
    for role in ROLES:
        for match in ("exact", "overlap"):
            m = report["roles"][role][match]
            table.add_row(role, match, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}")
    a = report["attribution"]
    table.add_row("attribution", "content overlap + source", f"{a['precision']:.3f}",
                  f"{a['recall']:.3f}", f"{a['f1']:.3f}")
    console.print(table)
