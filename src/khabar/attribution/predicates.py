"""Adjectival cues: a stance stated by a predicate adjective ("are skeptical of", "is eager to").

PolNeAR annotates attitudes as attributions when an adjective after a copula carries them:
"voters are skeptical of X", "he is eager to run", "she was well aware that ...". The cue
runs from the copula over the adjective's adverbs to the preposition that introduces the
content ("are well aware of"); the content is the preposition's object, the adjective's
clause or its infinitive; the source is the copula's subject. Which adjectives are cues is
left to the learned model (``learned.py``): these are its ADJ candidates.
"""

from __future__ import annotations

from spacy.tokens import Token

from khabar.attribution.clauses import (Candidate, clip_to_paragraph, doc_text, named, source_span, subject,
                                        subtree_span, token_span)

# Relations of a predicative adjective: after a copula ("is eager"), a clause of its own
# ("deeply skeptical about X, he ..."), or the root when the copula is its child.
ADJ_DEPS = frozenset({"acomp", "advcl", "ROOT", "xcomp", "oprd"})
_LEFT = {"advmod", "neg", "npadvmod"}
_COPULA_LEFT = {"aux", "neg", "advmod"}
_PREPS = {"of", "about", "on", "in", "to", "with", "over", "for", "against", "that"}


def is_adj_candidate(pos: str, dep: str) -> bool:
    """Whether a token is an adjective the model is asked about (predicative ones only)."""
    return pos == "ADJ" and dep in ADJ_DEPS


def _content(adj: Token) -> tuple[tuple[int, int] | None, Token | None]:
    """What the adjective is about: its clause, its prepositional object or its infinitive,
    with the preposition that joins it to the cue."""
    for c in adj.children:
        if c.dep_ == "ccomp" and c.i > adj.i:
            return subtree_span(c), None
        if c.dep_ == "prep" and c.lower_ in _PREPS and c.i > adj.i:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                return subtree_span(objs[0]), c
        if c.dep_ == "xcomp" and c.i > adj.i:
            return subtree_span(c), None
    return None, None


def adj_candidate(adj: Token) -> Candidate | None:
    """An attribution for a predicate adjective the model accepts, or None without content
    or source."""
    text = doc_text(adj.doc)
    span, prep = _content(adj)
    if span is None:
        return None
    content = clip_to_paragraph(text, span, adj.idx)
    if len(text[content[0]:content[1]].split()) < 2 and not named(adj.doc, content):
        return None
    head = adj.head
    copula = head if adj.dep_ in ("acomp", "oprd") and head.i < adj.i and head.pos_ in ("AUX", "VERB") else None
    src, passive = subject(copula if copula is not None else adj)
    if src is None:
        return None
    parts = [adj] + [c for c in adj.children if c.dep_ in _LEFT and c.i < adj.i]
    if copula is not None and src.i < copula.i:
        parts += [copula] + [c for c in copula.children if c.dep_ in _COPULA_LEFT and src.i < c.i < adj.i]
    if prep is not None and prep.i == adj.i + 1:
        parts.append(prep)
    lo = min(p.i for p in parts)
    hi = max(p.i for p in parts)
    cue = token_span(adj.doc[lo:hi + 1])
    if cue[1] > content[0]:
        return None
    return Candidate("reported" if passive else "indirect", content, cue, source_span(src), src, adj)
