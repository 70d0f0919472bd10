"""'X cited / quoted Y as saying Z' (or 'Y was quoted as saying Z by X'): the words are
Y's, and X only passes them on.

The clause rules read "saying Z" as a report whose source is the subject of the clause
above ("X"), and "cited Y" as a second report whose content is Y. Here the speaker of Z
becomes Y, and the "cited Y" report, which holds no words, is dropped; X, an outlet,
stays in the chain (``via``) through the outlet machinery.
"""

from __future__ import annotations

from khabar.attribution.clauses import Candidate, source_span
from khabar.attribution.lexicon import CueLexicon


def cited_as_saying(found: list[Candidate], lex: CueLexicon) -> list[Candidate]:
    """The candidates with "X cited Y as saying Z" read as Y's words (see the module)."""
    citing = lex.citing_verbs
    dropped: set[int] = set()
    for cand in found:
        said = cand.cue_token
        if said is None or said.pos_ != "VERB" or said.dep_ != "pcomp":
            continue
        prep = said.head
        verb = prep.head
        if prep.lower_ != "as" or prep.dep_ != "prep" or verb.lemma_.lower() not in citing:
            continue
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None:
            # the passive: "Y was quoted as saying Z by X"
            obj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if obj is None:
            continue
        cand.source, cand.source_head = source_span(obj), obj
        dropped.add(verb.i)
    return [c for c in found if c.cue_token is None or c.cue_token.i not in dropped]
