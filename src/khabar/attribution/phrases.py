"""Attributions without a cue verb: "according to X" and nominal cues ("his claim that ...")."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from khabar.annotate.tokens import token_table
from khabar.attribution.clauses import Candidate, doc_text, source_span, subtree_span, token_span, trim
from khabar.attribution.lexicon import CueLexicon


def according_to(doc: Doc, lex: CueLexicon) -> list[Candidate]:
    """"according to X" (and the other prepositional cues of the lexicon)."""
    out = []
    text = doc_text(doc)
    lower = token_table(doc).lower
    present = set(lower)
    if not any(not phrase or phrase[0] in present for phrase in lex.according_to):
        return out  # no cue phrase can start anywhere: skip the sentence scan
    for sent in doc.sents:
        words = lower[sent.start:sent.end]
        at: dict[str, list[int]] = {}  # where each word stands: a phrase is tried only at its first word
        for k, w in enumerate(words):
            at.setdefault(w, []).append(k)
        for phrase in lex.according_to:
            n = len(phrase)
            for k in at.get(phrase[0], ()) if phrase else range(len(words) + 1):
                if k + n > len(words) or tuple(words[k:k + n]) != phrase:
                    continue
                first, last = doc[sent.start + k], doc[sent.start + k + n - 1]
                objs = [c for c in last.children if c.dep_ == "pobj"]
                if objs:
                    src = objs[0]
                    src_ids = {t.i for t in src.subtree}
                    source = source_span(src)
                else:
                    # "according to show insiders" parsed as a verb phrase: the words up to the
                    # next punctuation, when they are a short run ending in a noun.
                    run = []
                    for t in doc[last.i + 1:sent.end]:
                        if t.is_punct or t.is_space:
                            break
                        run.append(t)
                    if not run or len(run) > 6 or run[-1].pos_ not in ("NOUN", "PROPN"):
                        continue
                    src, src_ids = run[-1], {t.i for t in run}
                    source = token_span(run)
                # Not the subtree of "according": it is the root when it opens the sentence.
                phrase_ids = set(range(first.i, last.i + 1)) | src_ids
                content = _rest_of_sentence(sent, phrase_ids)
                comma = next((t.i for t in doc[src.i + 1:sent.end] if t.text == ","), None)
                if content is None and comma is not None:
                    # "According to X, the move reeks ...": the clause parsed as X's apposition.
                    src_ids = set(range(last.i + 1, comma))
                    source = token_span(doc[last.i + 1:comma])
                    content = _rest_of_sentence(sent, set(range(first.i, last.i + 1)) | src_ids)
                if content is None:
                    continue
                out.append(Candidate("according_to", trim(text, *content),
                                     (first.idx, last.idx + len(last)), source, src, first))
    return out


def _rest_of_sentence(sent: Span, exclude: set[int]) -> tuple[int, int] | None:
    """The longer side of a sentence around an excluded phrase."""
    lo, hi = min(exclude), max(exclude)
    left = [t for t in sent if t.i < lo and not t.is_punct]
    right = [t for t in sent if t.i > hi and not t.is_punct]
    side = left if len(left) >= len(right) else right
    if len(side) < 2:
        return None
    return token_span(side) if side is left else token_span([t for t in sent if t.i > hi])


def noun_cue_span(tok) -> tuple[int, int]:
    """A nominal cue with its article and adjectives ("an earlier claim"), not its owner
    ("Lavrov's", a compound): on train every determiner and adjective before a nominal cue
    is inside the cue, 6% of owners."""
    start = tok
    for c in sorted((c for c in tok.children if c.i < tok.i), key=lambda c: -c.i):
        if c.dep_ not in ("det", "amod") or c.right_edge.i != start.i - 1 or c.tag_ == "WDT":
            break
        start = c.left_edge
    return start.idx, tok.idx + len(tok)


def noun_cues(doc: Doc, lex: CueLexicon) -> list[Candidate]:
    """Nominal cues with a clause and an owner: "Lavrov's announcement that ..."."""
    out = []
    text = doc_text(doc)
    table = token_table(doc)
    for i, pos in enumerate(table.pos):
        if pos != "NOUN" or table.lemma[i] not in lex.nouns:
            continue
        tok = doc[i]
        clauses = [c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl")
                   and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
        owners = [c for c in tok.children if c.dep_ in ("poss", "compound") and c.i < tok.i]
        if not clauses or not owners:
            continue
        src = owners[0]
        content = trim(text, *subtree_span(clauses[0]))
        out.append(Candidate("indirect", content, noun_cue_span(tok), source_span(src), src, tok))
    return out
