"""Per-document token tables: the parse's attributes as plain Python lists, built once.

Reading ``doc[i].lemma_`` or iterating ``tok.children`` makes a new spaCy ``Token``
object each time; the stages that scan every token of an article (cue features, outlet
heads, place-name runs) did so many times over. ``token_table(doc)`` reads the attributes
once with ``Doc.to_array`` and keeps them, per doc, while the doc lives.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_PUNCT, IS_STOP, LEMMA, LOWER, ORTH, POS, SPACY, TAG
from spacy.tokens import Doc

_ATTRS = (ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, IDX, HEAD, SPACY, IS_PUNCT, IS_STOP)
_TABLES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
# doc.ents per doc, for the few most recent docs. Not a weak mapping: each Span holds its
# doc, so a weakly keyed entry would keep its own key alive and no doc would ever be freed
# (every article of a batch run stayed in memory, and full collections walked them all).
_ENTS: OrderedDict = OrderedDict()
_ENTS_MAX = 64  # more than a parse batch: the actors component reads a batch before the stages


@dataclass
class TokenTable:
    """Attributes of every token of a doc, indexed by token position.

    ``lemma`` is already lower-cased (as the stages compare it); ``children[i]`` lists the
    positions of token i's syntactic children in text order, as ``Token.children`` yields them.
    """

    text: str
    orth: list[str]
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    ent_type: list[str]
    idx: list[int]
    head: list[int]
    children: list[list[int]]
    is_punct: list[bool]
    is_stop: list[bool]

    def end(self, i: int) -> int:
        """Character offset just after token i."""
        return self.idx[i] + len(self.orth[i])

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` (tokens start..end-1, without the last one's whitespace)."""
        return self.text[self.idx[start]:self.idx[end - 1] + len(self.orth[end - 1])] if end > start else ""

    def __len__(self) -> int:
        return len(self.orth)


# Hash -> string, across documents: a string's hash is the same in every vocabulary, and the
# StringStore lookup is the slow part of building a table. Bounded: cleared when it grows large.
_NAMES: dict[int, str] = {0: ""}
_NAMES_MAX = 1_000_000


def _strings(doc: Doc, column: np.ndarray) -> list[str]:
    hashes = column.tolist()
    missing = set(hashes).difference(_NAMES)
    if missing:
        if len(_NAMES) > _NAMES_MAX:
            _NAMES.clear()
            _NAMES[0] = ""
            missing = set(hashes).difference(_NAMES)
        lookup = doc.vocab.strings
        for h in missing:
            _NAMES[h] = lookup[h]
    return list(map(_NAMES.__getitem__, hashes))


# The last doc asked about and its table: the stages ask tens of thousands of times per
# article, mostly about the same doc, and a weak mapping's lookup makes a new weakref each
# time. Holds one doc at most (released with the doc's other caches).
_LAST: list = [None, None]


def token_table(doc: Doc) -> TokenTable:
    """The doc's token table, computed on first use and cached while the doc lives."""
    if _LAST[0] is doc:
        return _LAST[1]
    table = _TABLES.get(doc)
    if table is not None:
        _LAST[0], _LAST[1] = doc, table
        return table
    arr = doc.to_array(list(_ATTRS))
    n = len(doc)
    if n:
        cols = [arr[:, k] for k in range(len(_ATTRS))]
    else:
        cols = [np.zeros(0, dtype="uint64") for _ in _ATTRS]
    orth, lower, lemma, pos, tag, dep, ent = (_strings(doc, c) for c in cols[:7])
    idx = cols[7].astype("int64").tolist()
    rel = cols[8].astype("int64").tolist()
    head = [i + r for i, r in enumerate(rel)]
    # spaCy's trailing whitespace is one space or none: the text is rebuilt exactly (``Doc.text``
    # makes a Token per word for the same result).
    text = "".join([o + " " if sp else o for o, sp in zip(orth, cols[9].tolist())])
    children: list[list[int]] = [[] for _ in range(n)]
    for i, h in enumerate(head):
        if h != i:
            children[h].append(i)
    table = TokenTable(text, orth, lower, [x.lower() for x in lemma], pos, tag, dep, ent,
                       idx, head, children, [bool(x) for x in cols[10].tolist()],
                       [bool(x) for x in cols[11].tolist()])
    _TABLES[doc] = table
    _LAST[0], _LAST[1] = doc, table
    return table


def doc_ents(doc: Doc) -> tuple:
    """``doc.ents``, cached for the most recent docs (spaCy builds new spans on every access).

    The stages read the entities and never set them after the parse.
    """
    ents = _ENTS.get(doc)
    if ents is None:
        ents = _ENTS[doc] = doc.ents
        if len(_ENTS) > _ENTS_MAX:
            _ENTS.popitem(last=False)
    return ents


def release(doc: Doc) -> None:
    """Forget the cached entities and table of a doc its reader is done with, so it can be freed at once."""
    _ENTS.pop(doc, None)
    if _LAST[0] is doc:
        _LAST[0] = _LAST[1] = None


def kids(tok, deps) -> list:
    """``[c for c in tok.children if c.dep_ in deps]`` (``deps`` a set), read from the token
    table: only the children returned become spaCy ``Token`` objects."""
    doc = tok.doc
    table = token_table(doc)
    dep = table.dep
    return [doc[c] for c in table.children[tok.i] if dep[c] in deps]
