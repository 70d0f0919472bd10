"""A learned cue detector: which verbs and nouns introduce an attribution.

The rules (``clauses.py``) read cues from a pruned lexicon and stay exact, but they miss
cues whose lemma is too ambiguous for a word list (*think*, *want*, *believe* are cues with
some subjects and complements and not with others) and rarer cues. This module scores each
verb and noun with a logistic regression over sparse features of the parse around it
(lemma, dependency label, complements, subject type, lexicon membership, quote marks
nearby), trained only on the PolNeAR *train* split by ``khabar.attribution.train``. Tokens
the model accepts and the rules did not use become attributions; their content and source
come from the same parse machinery as the rules'.

The weights are a table of feature strings (lemmas, labels) to floats in
``khabar/data/attribution/cue_model.json``; no text of the corpus is stored.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from khabar.attribution.clauses import (Candidate, _content_of_verb, clip_to_paragraph, cue_span,
                                        doc_text, source_span, subject, subtree_span, trim)
from khabar.attribution.lexicon import DATA_DIR, CueLexicon
from khabar.errors import KhabarError

MODEL_PATH = DATA_DIR / "cue_model.json"
CANDIDATE_POS = ("VERB", "NOUN")
_QUOTES = set('"“”„«»‟')
_KEY_DEPS = ("ccomp", "xcomp", "dobj", "nsubj", "nsubjpass", "agent", "prep", "advcl", "parataxis",
             "dative", "aux", "neg", "acl", "relcl", "poss", "mark")
# Prepositions whose object can be what was said ("talked about", "insisted on").
_CONTENT_PREPS = {"about", "on", "for", "over", "against", "to", "of", "that"}


def _lexicon_tags(lemma: str, lex: CueLexicon) -> list[str]:
    tags = [name for name in ("speech", "belief", "report", "nouns", "object_cues", "quote_only",
                              "passive_cues", "continuation_cues")
            if lemma in getattr(lex, name)]
    if lemma in lex.prep_cues:
        tags.append("prep_cues")
    return tags


def _in_quotes(tok: Token, text: str) -> bool:
    """Whether an odd number of quote marks precede the token in its paragraph."""
    start = text.rfind("\n", 0, tok.idx) + 1
    return sum(text[start:tok.idx].count(q) for q in _QUOTES) % 2 == 1


def features(tok: Token, lex: CueLexicon) -> list[str]:
    """Sparse feature strings of one candidate token (a verb or a noun)."""
    doc, text = tok.doc, doc_text(tok.doc)
    lemma = tok.lemma_.lower()
    f = ["bias", f"l={lemma}", f"p={tok.pos_}", f"t={tok.tag_}", f"d={tok.dep_}",
         f"ld={lemma}|{tok.dep_}", f"lt={lemma}|{tok.tag_}"]
    f += [f"lex={t}" for t in _lexicon_tags(lemma, lex)]
    kids = list(tok.children)
    deps = {c.dep_ for c in kids}
    for d in deps:
        f.append(f"c={d}")
        if d in _KEY_DEPS:
            f.append(f"lc={lemma}|{d}")
    for c in kids:
        if c.dep_ == "prep":
            f += [f"prep={c.lower_}", f"lprep={lemma}|{c.lower_}"]
        elif c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
            f += ["ccomp_that", f"lccomp_that={lemma}"]
        elif c.dep_ in ("acl", "relcl") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
            f += ["clause_that", f"lclause_that={lemma}"]
        elif c.dep_ == "aux" and c.lower_ == "to":
            f.append("to_inf")
    subj = [c for c in kids if c.dep_ in ("nsubj", "nsubjpass")]
    if subj:
        s = subj[0]
        f += [f"s_pos={s.pos_}", f"s_ent={s.ent_type_ or '-'}", f"ls_ent={lemma}|{s.ent_type_ or '-'}"]
        if s.pos_ == "PRON":
            f += [f"s_w={s.lower_}", f"ls_w={lemma}|{s.lower_}"]
    elif tok.pos_ == "VERB":
        f.append("no_subj")
    owners = [c for c in kids if c.dep_ == "poss"]
    if owners:
        f.append(f"poss_ent={owners[0].ent_type_ or owners[0].pos_}")
    head = tok.head
    if head.i != tok.i:
        f += [f"hl={head.lemma_.lower()}", f"hd={head.dep_}", f"lhd={lemma}|{tok.dep_}|{head.pos_}"]
    else:
        f.append("root")
    prev = doc[tok.i - 1].lower_ if tok.i > 0 else "<s>"
    nxt = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else "</s>"
    f += [f"prev={prev}", f"next={nxt}", f"lnext={lemma}|{nxt}"]
    window = doc[max(0, tok.i - 3):tok.i + 4]
    if any(t.text in _QUOTES or t.text in ("''", "``") for t in window):
        f.append("q_near")
    if _in_quotes(tok, text):
        f.append("in_q")
    return f


@dataclass
class CueModel:
    """Logistic-regression weights over feature strings and the acceptance threshold."""

    weights: dict[str, float]
    threshold: float
    meta: dict
    extent: dict[str, float] | None = None
    veto: float = 0.0

    def prob(self, feats: list[str]) -> float:
        z = sum(self.weights.get(x, 0.0) for x in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> CueModel:
    """Load (once per process) and check the learned cue model.

    Raises:
        KhabarError: E051 when the file is missing or malformed.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KhabarError("E051", path=str(path), detail=str(exc)) from None
    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("weights"), dict) \
            or not isinstance(data.get("threshold"), (int, float)):
        raise KhabarError("E051", path=str(path), detail="expected version 1 with 'weights' and 'threshold'")
    extent = data.get("extent", {})
    if not isinstance(extent, dict):
        raise KhabarError("E051", path=str(path), detail="'extent' must map keys to rates")
    return CueModel({str(k): float(v) for k, v in data["weights"].items()}, float(data["threshold"]),
                    data.get("meta", {}), {str(k): float(v) for k, v in extent.items()},
                    float(data.get("veto", 0.0)))


def _generic_content(tok: Token) -> tuple[int, int] | None:
    """What a learned verb cue outside the lexicon introduces: its clause, infinitive,
    prepositional object or direct object, in that order."""
    for dep in ("ccomp", "xcomp"):
        comps = [c for c in tok.children if c.dep_ == dep]
        if comps:
            return subtree_span(comps[0])
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in _CONTENT_PREPS and c.i > tok.i:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                return subtree_span(objs[0])
    objs = [c for c in tok.children if c.dep_ == "dobj" and c.pos_ != "PRON"]
    if objs:
        return subtree_span(objs[0])
    # "responded by saying ...", "confirmed it, adding ...": a clause hung after the verb.
    clauses = [c for c in tok.children if c.dep_ == "advcl" and c.i > tok.i]
    if clauses:
        return subtree_span(clauses[0])
    return None


def _verb_candidate(tok: Token, lex: CueLexicon) -> Candidate | None:
    text = doc_text(tok.doc)
    lemma = tok.lemma_.lower()
    span, prep = _content_of_verb(tok, lemma, lex)
    if span is None:
        span = _generic_content(tok)
    if span is None:
        return None
    content = clip_to_paragraph(text, span, tok.idx)
    if len(text[content[0]:content[1]].split()) < 2:
        return None
    src, passive = subject(tok)
    if src is None and not passive and tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
        src = tok.head  # "the senator backing the bill": the noun the clause modifies
    if src is None and not passive:
        return None
    source = source_span(src) if src is not None else None
    if src is not None and (tok.dep_ in ("relcl", "acl") and src.i == tok.head.i
                            or source and content[0] <= source[0] < content[1]):
        source = trim(text, src.left_edge.idx, src.idx + len(src))
    return Candidate("reported" if passive else "indirect", content, cue_span(tok, prep), source, src, tok)


def _noun_candidate(tok: Token) -> Candidate | None:
    """A nominal cue with a clause ("the claim that ...") or a verb after it ("a statement
    saying ..."); the source is its owner or the subject of the verb it is the object of."""
    text = doc_text(tok.doc)
    clauses = [c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > tok.i
               and (any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children) or c.tag_ == "VBG")]
    if not clauses:
        return None
    owners = [c for c in tok.children if c.dep_ in ("poss", "compound") and c.i < tok.i]
    src = owners[0] if owners else None
    if src is None and tok.dep_ == "dobj":
        src, _ = subject(tok.head)
    if src is None:
        return None
    span = subtree_span(clauses[0])
    content = clip_to_paragraph(text, span, tok.idx)
    if len(text[content[0]:content[1]].split()) < 2:
        return None
    return Candidate("indirect", content, (tok.idx, tok.idx + len(tok)), source_span(src), src, tok)


def learned_cues(doc: Doc, lex: CueLexicon, model: CueModel, found: list[Candidate],
                 threshold: float | None = None) -> list[Candidate]:
    """Attributions for the verbs and nouns the model accepts and no rule candidate used.

    Args:
        doc: the parsed article.
        lex: the cue lexicon (its lists are features and steer content extraction).
        model: the learned cue model.
        found: the rules' candidates; their cue tokens and cue spans are skipped.
        threshold: acceptance probability (the model's tuned one when omitted).
    """
    cut = model.threshold if threshold is None else threshold
    used = {c.cue_token.i for c in found if c.cue_token is not None}
    cue_spans = [c.cue for c in found if c.cue is not None]
    out = []
    for tok in doc:
        if tok.pos_ not in CANDIDATE_POS or tok.i in used:
            continue
        if any(s <= tok.idx < e for s, e in cue_spans):
            continue
        if model.prob(features(tok, lex)) < cut:
            continue
        cand = _verb_candidate(tok, lex) if tok.pos_ == "VERB" else _noun_candidate(tok)
        if cand is not None:
            out.append(cand)
    return out
