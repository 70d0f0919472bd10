"""Noun-phrase helpers of the role finder (split from ``khabar.events.roles``): phrase
extents, quotes, conjuncts, and the descriptor-before-name patterns ("the regime's ally
Russia")."""

from __future__ import annotations

from spacy.tokens import Token

from khabar.model import ActorRef

SUBJ = {"nsubj", "csubj"}
PASS_SUBJ = {"nsubjpass", "csubjpass"}
OBJ = {"dobj", "dative", "iobj", "obj"}
# prepositions that introduce a recipient, by default and for meetings
RECIP_PREPS = {"against", "on", "upon", "at", "to", "toward", "towards", "from", "with", "of", "into"}
COPARTY_PREPS = {"with", "between", "among"}
TARGET_PREPS = {"against", "on", "upon", "toward", "towards"}
PRONOUNS = {"it", "they", "he", "she", "we", "i", "you", "them", "him", "her", "us", "who",
            "which", "that", "this", "these", "those"}
_DROP_DEPS = {"relcl", "acl", "advcl", "conj", "cc", "punct", "appos", "parataxis", "xcomp", "case",
              "ccomp"}
NON_ACTOR_ENTS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
# relations by which a clause hangs from the speech verb reporting it
REPORTED_DEPS = {"ccomp", "advcl", "parataxis"}
OWN_POSS = {"its", "their", "his", "her", "our", "my"}


def np_tokens(head: Token, keep_preps: frozenset = frozenset({"of"})) -> list[Token]:
    """The noun phrase headed by ``head``, without clauses, appositions or conjuncts."""
    out = [head]
    for child in head.children:
        if child.dep_ in _DROP_DEPS:
            continue
        if child.dep_ == "prep" and child.lemma_.lower() not in keep_preps:
            continue
        out.extend(child.subtree)
    return sorted(out, key=lambda t: t.i)


QUOTES = {'"', "“", "”", "''", "``"}


def quoted(clause: Token) -> bool:
    """A clause closed by a quote mark before the speech verb it hangs from."""
    head = clause.head
    if clause.i > head.i:
        return False
    return any(t.text in QUOTES for t in clause.doc[clause.right_edge.i + 1:head.i + 1])


def covers(ref: ActorRef, tok: Token) -> bool:
    """Whether a resolved phrase spans the trigger itself (a name swallowing its act)."""
    return ref.start <= tok.idx < ref.end


def conjuncts(tok: Token) -> list[Token]:
    """A token and the heads coordinated with it ("Russia and Turkey")."""
    return [tok] + [c for c in tok.conjuncts if c.i > tok.i]


def drop_descriptors(subj: list[Token]) -> list[Token]:
    """Two uncoordinated subjects side by side are one phrase the parser split: a
    descriptor and the name it describes ("the regime's ally Russia sends ..."). The
    descriptor (with its possessor) is no co-actor: keep the name."""
    out = list(subj)
    for a, b in zip(subj, subj[1:]):
        # the descriptor ends in its own head ("the regime's ally", "the rebel"), unlike a
        # phrase cut short ("police forces loyal to | X")
        tail = [t for t in a.doc[a.i + 1:a.right_edge.i + 1] if not t.is_punct]
        if a.pos_ == "NOUN" and b.pos_ == "PROPN" and not tail \
                and a.i + 1 == b.left_edge.i and not any(c.dep_ == "cc" for c in a.children):
            out.remove(a)
    return out


def named_appos(head: Token) -> Token | None:
    """The name right after a descriptor noun, when the parser made it an apposition
    ("the regime's ally Russia"; not "the president, Mr X", set off by a comma)."""
    if head.pos_ != "NOUN":
        return None
    for c in head.children:
        if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > head.i and all(
                t.pos_ == "PROPN" for t in head.doc[head.i + 1:c.i + 1]):
            return c
    return None
