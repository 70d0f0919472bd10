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
from itertools import repeat
import re
import weakref
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from khabar.attribution.clauses import (Candidate, _content_of_verb, clip_to_paragraph, cue_span,
                                        doc_text, is_infinitive, named, source_span, subject, subtree_span,
                                        trim)
from khabar.annotate.tokens import token_table
from khabar.attribution.lexicon import DATA_DIR, CueLexicon
from khabar.attribution.lightverbs import light_verb_candidate
from khabar.attribution.objects import agent, extra_content, is_act, object_complement, widen_to_complement
from khabar.attribution.phrases import noun_cue_span
from khabar.attribution.predicates import adj_candidate, is_adj_candidate
from khabar.errors import KhabarError

MODEL_PATH = DATA_DIR / "cue_model.json"
CANDIDATE_POS = ("VERB", "NOUN")
# Parts of speech a model file may be trained on (its "candidates"; older files: VERB, NOUN).
KNOWN_POS = ("VERB", "NOUN", "ADJ")
_QUOTES = set('"“”„«»‟')
_KEY_DEPS = ("ccomp", "xcomp", "dobj", "nsubj", "nsubjpass", "agent", "prep", "advcl", "parataxis",
             "dative", "aux", "neg", "acl", "relcl", "poss", "mark")
# Prepositions whose object can be what was said ("talked about", "insisted on"); "as",
# "behind", "by" ("denounced as", "lined up behind", "stood by") added in round 4 (held-aside
# train: attribution +0.2, content overlap +0.2, source +0.1; cue -0.1).
_CONTENT_PREPS = {"about", "on", "for", "over", "against", "to", "of", "that", "as", "behind", "by"}


_LEX_TAGS: dict[int, tuple[CueLexicon, dict[str, list[str]]]] = {}


def _lexicon_tags(lemma: str, lex: CueLexicon) -> list[str]:
    """The lexicon lists a lemma is in (memoised per lexicon: the lists do not change)."""
    entry = _LEX_TAGS.get(id(lex))
    if entry is None or entry[0] is not lex:
        entry = _LEX_TAGS[id(lex)] = (lex, {})
    tags = entry[1].get(lemma)
    if tags is None:
        tags = [name for name in ("speech", "belief", "report", "nouns", "object_cues", "quote_only",
                                  "passive_cues", "continuation_cues")
                if lemma in getattr(lex, name)]
        if lemma in lex.prep_cues:
            tags.append("prep_cues")
        entry[1][lemma] = tags
    return tags


_QUOTE_OR_BREAK = re.compile("[\n" + re.escape("".join(sorted(_QUOTES))) + "]")
_FLAGS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _quote_flags(doc: Doc) -> tuple[list[bool], list[bool]]:
    """Per token: whether it is inside quote marks in its paragraph (an odd number of marks
    precede it since the last line break), and whether it is itself a quote-mark token."""
    flags = _FLAGS.get(doc)
    if flags is not None:
        return flags
    table = token_table(doc)
    marks = [(m.start(), m.group() == "\n") for m in _QUOTE_OR_BREAK.finditer(table.text)]
    inside, k, count = [], 0, 0
    for idx in table.idx:
        while k < len(marks) and marks[k][0] < idx:
            count = 0 if marks[k][1] else count + 1
            k += 1
        inside.append(count % 2 == 1)
    is_mark = [t in _QUOTES or t in ("''", "``") for t in table.orth]
    flags = _FLAGS[doc] = (inside, is_mark)
    return flags


def features(tok: Token, lex: CueLexicon) -> list[str]:
    """Sparse feature strings of one candidate token (a verb or a noun)."""
    return features_at(tok.doc, tok.i, lex)


def features_at(doc: Doc, i: int, lex: CueLexicon) -> list[str]:
    """Sparse feature strings of the candidate token at position ``i`` of ``doc``.

    Reads the doc's token table (no spaCy ``Token`` objects are made).
    """
    t = token_table(doc)
    in_q, is_mark = _quote_flags(doc)
    tdep, tlower, tpos, tent, tchildren = t.dep, t.lower, t.pos, t.ent_type, t.children
    lemma, pos, tag, dep = t.lemma[i], tpos[i], t.tag[i], tdep[i]
    f = ["bias", f"l={lemma}", f"p={pos}", f"t={tag}", f"d={dep}",
         f"ld={lemma}|{dep}", f"lt={lemma}|{tag}"]
    f += [f"lex={x}" for x in _lexicon_tags(lemma, lex)]
    kids = tchildren[i]
    deps = {tdep[c] for c in kids}
    for d in deps:
        f.append(f"c={d}")
        if d in _KEY_DEPS:
            f.append(f"lc={lemma}|{d}")
    for c in kids:
        cd = tdep[c]
        if cd == "prep":
            f += [f"prep={tlower[c]}", f"lprep={lemma}|{tlower[c]}"]
        elif cd == "ccomp" and any(tdep[g] == "mark" and tlower[g] == "that" for g in tchildren[c]):
            f += ["ccomp_that", f"lccomp_that={lemma}"]
        elif cd in ("acl", "relcl") and any(tdep[g] == "mark" and tlower[g] == "that" for g in tchildren[c]):
            f += ["clause_that", f"lclause_that={lemma}"]
        elif cd == "aux" and tlower[c] == "to":
            f.append("to_inf")
    subj = [c for c in kids if tdep[c] in ("nsubj", "nsubjpass")]
    if subj:
        s = subj[0]
        ent = tent[s] or "-"
        f += [f"s_pos={tpos[s]}", f"s_ent={ent}", f"ls_ent={lemma}|{ent}"]
        if tpos[s] == "PRON":
            f += [f"s_w={tlower[s]}", f"ls_w={lemma}|{tlower[s]}"]
    elif pos == "VERB":
        f.append("no_subj")
    owners = [c for c in kids if tdep[c] == "poss"]
    if owners:
        f.append(f"poss_ent={tent[owners[0]] or tpos[owners[0]]}")
    head = t.head[i]
    if head != i:
        f += [f"hl={t.lemma[head]}", f"hd={tdep[head]}", f"lhd={lemma}|{dep}|{tpos[head]}"]
    else:
        f.append("root")
    prev = tlower[i - 1] if i > 0 else "<s>"
    nxt = tlower[i + 1] if i + 1 < len(t) else "</s>"
    f += [f"prev={prev}", f"next={nxt}", f"lnext={lemma}|{nxt}"]
    if any(is_mark[max(0, i - 3):i + 4]):
        f.append("q_near")
    if in_q[i]:
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
    candidates: tuple[str, ...] = CANDIDATE_POS

    def asks(self, pos: str, dep: str) -> bool:
        """Whether a token with this POS and relation is one the model was trained to score."""
        if pos == "ADJ":
            return "ADJ" in self.candidates and is_adj_candidate(pos, dep)
        return pos in CANDIDATE_POS

    def prob(self, feats: list[str]) -> float:
        # The same sum in the same order as summing weights.get(x, 0.0) over feats, faster.
        z = sum(map(self.weights.get, feats, repeat(0.0, len(feats))))
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
    candidates = tuple(data.get("candidates", CANDIDATE_POS))
    if not set(candidates) <= set(KNOWN_POS):
        raise KhabarError("E051", path=str(path), detail=f"'candidates' must be among {KNOWN_POS}")
    return CueModel({str(k): float(v) for k, v in data["weights"].items()}, float(data["threshold"]),
                    data.get("meta", {}), {str(k): float(v) for k, v in extent.items()},
                    float(data.get("veto", 0.0)), candidates)


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


def _one_noun(doc: Doc, span: tuple[int, int]) -> bool:
    """A one-word common-noun object ("claiming victory", "preached unity"): PolNeAR marks such
    contents; for a verb the model accepts it holds (held-aside train: cue and attribution F1
    +0.2), while the rules keep their two-word minimum."""
    if span[1] <= span[0]:
        return False
    toks = doc.char_span(*span, alignment_mode="expand")
    return (toks is not None and len(toks) == 1 and toks[0].pos_ == "NOUN"
            and toks[0].ent_type_ not in ("DATE", "TIME"))


def _verb_candidate(tok: Token, lex: CueLexicon) -> Candidate | None:
    text = doc_text(tok.doc)
    lemma = tok.lemma_.lower()
    span, prep = _content_of_verb(tok, lemma, lex)
    how = None
    if span is None:
        span = _generic_content(tok)
        if span is not None:
            span = object_complement(tok) or span
        else:
            span, how = extra_content(tok)
    else:
        span = widen_to_complement(tok, span)
    if span is None or is_act(tok, lex, span):
        return None
    content = clip_to_paragraph(text, span, tok.idx)
    if how != "pronoun" and len(text[content[0]:content[1]].split()) < 2 and not (
            named(tok.doc, content) or _one_noun(tok.doc, content)):
        return None
    src, passive = subject(tok)
    if how == "passive":  # the subject is the content: the source is the agent, if any
        src = agent(tok)
        passive = src is None
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
    # "her pledge to add soldiers", "the decision to read" (round 5: held-aside content +0.05).
    clauses = clauses or [c for c in tok.children if c.dep_ == "acl" and c.i > tok.i and c.tag_ == "VB"
                          and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]
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
    return Candidate("indirect", content, noun_cue_span(tok), source_span(src), src, tok)


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
    table = token_table(doc)
    for i, pos in enumerate(table.pos):
        if i in used or not model.asks(pos, table.dep[i]):
            continue
        idx = table.idx[i]
        if any(s <= idx < e for s, e in cue_spans):
            continue
        if model.prob(features_at(doc, i, lex)) < cut:
            continue
        tok = doc[i]
        if pos == "VERB":
            cand = _verb_candidate(tok, lex)
        elif pos == "NOUN":
            cand = _noun_candidate(tok)
            if cand is None:  # "raised questions about X" (lightverbs.py, round 6)
                cand = light_verb_candidate(tok, lex, used | {c.cue_token.i for c in out})
        else:
            cand = adj_candidate(tok)
        if cand is not None:
            out.append(cand)
    return out


def reach_xcomp(cand: Candidate, model: CueModel, lex: CueLexicon, threshold: float | None = None) -> Token:
    """Grow a verb cue over an infinitive that is itself a likely cue ("refuses to disavow",
    "appeared to imply": on train 80% of such cues take it in, against 8% when the infinitive
    is not cue-like, "wants to win"); the content then starts after it. Returns the verb that
    now ends the cue, for ``extent.extend_cue``."""
    verb = cand.cue_token
    if verb is None or cand.cue is None:
        return verb
    cut = model.threshold if threshold is None else threshold
    for x in verb.children:
        if (is_infinitive(x) and x.pos_ == "VERB" and verb.i < x.i <= verb.i + 3
                and cand.content[0] <= x.idx < cand.content[1]
                and any(k.dep_ in ("dobj", "ccomp", "prep", "xcomp") for k in x.children)
                and model.prob(features(x, lex)) >= cut):
            last = max([x] + [k for k in x.children if k.dep_ == "prt" and k.i == x.i + 1], key=lambda t: t.i)
            end = last.idx + len(last)
            cand.cue = (cand.cue[0], max(cand.cue[1], end))
            if cand.content[0] < end:
                rest = trim(doc_text(x.doc), end, cand.content[1])
                if rest[1] > rest[0]:
                    cand.content = rest
            return x
    return verb


_OBJECT_PREPS = {"of", "about", "for", "to", "on", "against", "with", "into", "over"}


def reach_object(cand: Candidate, model: CueModel, lex: CueLexicon, threshold: float | None = None) -> bool:
    """A light verb whose object is itself a cue noun ("made no mention of X", "expressed
    concern about X", "offered his congratulations to X"): the cue runs to the preposition
    and the content is what follows it. Returns whether the cue was grown."""
    verb = cand.cue_token
    if verb is None or cand.cue is None:
        return False
    cut = model.threshold if threshold is None else threshold
    objs = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i > verb.i
            and cand.content[0] <= c.left_edge.idx < cand.content[1]]
    if not objs:
        return False
    obj = objs[0]
    # The preposition right after the object's head ("mention of") or, hung on the verb,
    # right after the whole object ("his congratulations to").
    preps = [c for c in obj.children if c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS and c.i == obj.i + 1]
    preps += [c for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ in _OBJECT_PREPS
              and c.i == obj.right_edge.i + 1]
    objects = [g for p in preps for g in p.children if g.dep_ in ("pobj", "pcomp")]
    if not objects:
        return False
    if not (obj.lemma_.lower() in lex.nouns or model.prob(features(obj, lex)) >= cut):
        return False
    prep = objects[0].head
    text = doc_text(verb.doc)
    cand.cue = (cand.cue[0], prep.idx + len(prep))
    cand.content = trim(text, objects[0].left_edge.idx, max(cand.content[1], objects[0].right_edge.idx + len(objects[0].right_edge)))
    return True

