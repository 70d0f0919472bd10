"""Last-resort recipients of an event, when its grammatical objects name nobody.

A mixin of :class:`khabar.events.roles.RoleFinder`: who must comply with a threat, the
subject or object of a complement, a named place the act is done in, a named party in one
of the act's prepositional phrases. Each uses the finder's ``refs``, ``known``,
``objects``, ``prep_args`` and ``clause_subject``.
"""

from __future__ import annotations

from spacy.tokens import Token

from khabar.annotate.tokens import kids
from khabar.events.phrases import OBJ, TARGET_PREPS
from khabar.model import ActorRef


class PartyFallbacks:
    """Recipient fallbacks, read from the parse around the predicate."""

    def condition_party(self, verb: Token, actors: list[ActorRef]) -> list[ActorRef]:
        """Who must comply with a threat: "... unless Israel rescinded", "if the US goes"."""
        for tok in verb.subtree:
            if tok.dep_ == "mark" and tok.lower_ in {"unless", "if"} and tok.head.i != verb.i:
                subj = self.clause_subject(tok.head)
                out = [r for r in subj if not any((r.start, r.end) == (a.start, a.end) for a in actors)]
                if out:
                    return out
        return []

    def complement_parties(self, verb: Token, actors: list[ActorRef],
                           purpose: bool = False) -> list[ActorRef]:
        """Recipients inside a complement: "demanded that the US cancel ...",
        "threatened to impose restrictions against X"; with ``purpose``, also a purpose
        clause ("began a hunger strike to protest against X's decision")."""
        deps = {"ccomp", "xcomp"} | ({"advcl"} if purpose else set())
        for comp in verb.children:
            if comp.dep_ not in deps:
                continue
            subj = [r for r in self.clause_subject(comp) if not any(
                (r.start, r.end) == (a.start, a.end) for a in actors)]
            if subj:
                return subj
            objs = self.objects(comp)
            if objs:
                return objs
        return []

    def place_party(self, verb: Token) -> list[ActorRef]:
        """A named place the act is done in ("a curfew in Algiers"), as last resort."""
        for tok in [verb] + [c for c in verb.children if c.dep_ in OBJ | {"xcomp", "ccomp"}]:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "in":
                    heads = [g for g in c.children if g.dep_ == "pobj" and g.ent_type_ == "GPE"]
                    refs = [r for r in self.refs(heads) if self.known(r)]
                    if refs:
                        return refs
        return []

    def named_party(self, verb: Token, tok: Token, preps: set[str]) -> list[ActorRef]:
        """A named actor in a prepositional phrase of the act (on the predicate, the trigger
        noun or their objects: "lifted the ban on X", "granted asylum to X", "a mediation
        mission between X and Y", "opened an embassy in X"): the recipient when the
        arguments found so far name nobody."""
        holders = [verb, tok] + [c for h in (verb, tok) for c in h.children if c.dep_ in OBJ]
        seen: set[int] = set()
        for h in holders:
            if h.i in seen:
                continue
            seen.add(h.i)
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in preps and c.i > verb.i:
                    refs = [r for r in self.refs([g for g in c.children if g.dep_ == "pobj"])
                            if self.known(r)]
                    if refs:
                        return refs
        # one level down, only prepositions that mark a target: "mobilized reservists for
        # a war against Iraq", "called for sanctions against Nigeria"
        inner = [g for h in holders for c in kids(h, {"prep"}) if c.i > verb.i for g in kids(c, {"pobj"})]
        return self.prep_args_known(inner, TARGET_PREPS)

    def prep_args_known(self, nouns: list[Token], preps: set[str]) -> list[ActorRef]:
        """Named actors in the given prepositions of any of ``nouns``."""
        for n in nouns:
            refs = [r for r in self.prep_args(n, preps) if self.known(r)]
            if refs:
                return refs
        return []
