"""Event arguments from the dependency parse: actors, recipients and mediators.

Roles come from grammatical relations, never from word order: subjects (also through
coordination, control "agreed to leave", and speech verbs "X said it would ..."),
passive agents ("was shelled by X"), objects, and role-bearing prepositions. Each
argument noun phrase is resolved to an :class:`~khabar.model.ActorRef` by an injected
resolver (``ActorStage.resolve_span``) when one is given, else from the actor mentions
of the actors stage inside the phrase, else kept as an unresolved mention.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from khabar.annotate.tokens import kids
from khabar.context import Annotated
from khabar.events.parties import PartyFallbacks
from khabar.events.phrases import (NON_ACTOR_ENTS, OBJ, OWN_POSS, PASS_SUBJ, PRONOUNS,
                                   RECIP_PREPS, REPORTED_DEPS, SUBJ, conjuncts,
                                   covers, drop_descriptors, named_appos, np_tokens, quoted)
from khabar.model import ActorRef
from khabar.resolve.actors.placenames import gazetteer_place

Resolver = Callable[[Annotated, int, int], "ActorRef | None"]


class RoleFinder(PartyFallbacks):
    """Reads arguments of predicates in one article (last-resort recipients: ``events/parties.py``)."""

    def __init__(self, ctx: Annotated, resolver: Resolver | None, speech_verbs: set[str],
                 event_nouns: set[str] = frozenset(), mediation: set[str] = frozenset()) -> None:
        self.ctx = ctx
        self.resolver = resolver
        self.speech = speech_verbs
        # phrases named by an event noun ("the offer", "a lawsuit") are not parties
        self.event_nouns = event_nouns
        self.mediation = mediation
        self.documents: set[str] = set()
        self.partitives: set[str] = set()
        # heads that never name an actor ("maximum", "number", "rest")
        self.non_actors: set[str] = set()
        self.instruments: set[str] = set()
        # (start, end) of the article's quotations of several words (set by the coder)
        self.quotations: list[tuple[int, int]] = []
        # nouns through which a verb still governs an act ("a wave of attacks")
        self.containers: set[str] = set()
        # ``(ctx, start, end) -> list[ActorRef]`` for phrases naming several actors
        self.spans_resolver: Callable | None = None
        # (start, end) of arguments kept as unresolved noun phrases
        self.unresolved: set[tuple[int, int]] = set()
        self.skip: set[int] = set()
        # ``khabar.events.anaphora.Antecedents`` of the article: pronoun actors' antecedents
        self.antecedents = None
        self._resolving: set[int] = set()  # heads being resolved, against cycles

    # -- resolving noun phrases ------------------------------------------------------
    def resolve(self, head: Token) -> ActorRef | None:
        """The actor a noun phrase names, or an unresolved mention of it."""
        # A phrase can lead back to itself ("his statement said ...": the pronoun is the
        # speaker, the speaker is the statement, the statement's owner is the pronoun).
        if head.i in self._resolving:
            return None
        self._resolving.add(head.i)
        try:
            return self._resolve(head)
        finally:
            self._resolving.discard(head.i)

    def _resolve(self, head: Token) -> ActorRef | None:
        if head.pos_ == "PRON" or (head.lower_ in PRONOUNS and head.tag_ in {"PRP", "WP", "WDT", "DT"}):
            return self._pronoun(head)
        part = self._partitive(head)
        if part is not None:
            return self.resolve(part)
        named = named_appos(head)
        if named is not None:
            # "the rebels' patron Turkey": the name is the actor, not the descriptor's
            # possessor (when the actors stage knows the name; else the descriptor says more)
            ref = self.resolve(named)
            if ref is not None and ref.code is not None:
                return ref
        if head.ent_type_ in NON_ACTOR_ENTS:
            return None
        if head.lemma_.lower() in self.non_actors and head.pos_ != "PROPN":
            # "the maximum done by our allies": the author of the quantity, else nobody
            agent = [g for a in head.children if a.dep_ == "acl" for c in a.children
                     if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            # "the rest of the fighters", "parts of Kashmir": the phrase's members or place;
            # nouns only: a pronoun ("most of it") would lead back to the speaker's subject
            members = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                       for g in c.children if g.dep_ == "pobj"]
            inner = [t for t in agent + members if t.pos_ in {"NOUN", "PROPN"}]
            return self.resolve(inner[0]) if inner else None
        if head.pos_ != "PROPN" and (head.lemma_.lower() in self.instruments or
                                     head.lower_ in self.instruments):
            return self._instrument_owner(head)
        if head.lemma_.lower() in self.documents and head.pos_ == "NOUN":
            # "the letter threatened ...", "a statement by the ministry condemned ...": a text
            # speaks for its author ("the ministry's statement", "the UN report"), if named
            owners = self.noun_args(head)[0]
            return owners[0] if owners else None
        if head.lemma_.lower() in self.event_nouns and head.pos_ != "PROPN":
            # "a Taliban attack", "the offer by X": an act names its author, if anyone
            owners = self.noun_args(head)[0] if head.lemma_.lower() not in self.mediation else []
            return owners[0] if owners else None
        if self.resolver is not None:
            # "Opposition groups in Zimbabwe": the place qualifies who they are
            wide = np_tokens(head, frozenset({"of", "in", "from"}))
            ref = self.resolver(self.ctx, wide[0].idx, wide[-1].idx + len(wide[-1].text))
            if ref is not None:
                return ref
        toks = np_tokens(head)
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        mentions = self.ctx.actors_in(start, end)
        if mentions:
            hidx = head.idx
            inside = [m for m in mentions if m.start <= hidx < m.end]
            if inside:
                return inside[0]
            return min(mentions, key=lambda m: min(abs(m.start - hidx), abs(m.end - hidx)))
        if head.pos_ not in {"NOUN", "PROPN"} or head.lemma_.lower() in self.event_nouns \
                or head.i in self.skip or head.ent_type_ in NON_ACTOR_ENTS:
            return None
        # keep what the text says, unresolved: the analyst still sees "detainees"
        while toks and toks[0].pos_ in {"DET", "PUNCT", "NUM"}:
            toks = toks[1:]
        if not toks:
            return None
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        text = self.ctx.article.text[start:end]
        self.unresolved.add((start, end))
        return ActorRef(text=text, start=start, end=end, name=None)

    def _instrument_owner(self, head: Token) -> ActorRef | None:
        """A weapon stands for its owner ("Russian missiles", "shells fired by the army"),
        never for itself: "mortar shells hit the town" has no known author."""
        agent = [g for a in head.children if a.dep_ == "acl" for c in a.children
                 if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agent:
            return self.resolve(agent[0])
        toks = np_tokens(head, frozenset({"of", "from"}))  # "fire from an Israeli tank"
        # A capital before the weapon ("a Damascus car bomb") says where it went off: a capital
        # is its government only as an agent, and a modifier is none.
        owners = [m for m in self.ctx.actors_in(toks[0].idx, toks[-1].idx + len(toks[-1].text))
                  if m.code and not (m.type == "state" and gazetteer_place(m.text, True) is not None)]
        if owners:
            return owners[0]
        # a side named by a bare modifier ("government jets", "rebel shells"): the modifier
        # read as a phrase of its own, when it names an actor and no place
        mods = [c for c in head.children if c.dep_ in {"compound", "amod"} and c.i < head.i]
        if mods and self.resolver is not None:
            ref = self.resolver(self.ctx, mods[0].idx, mods[-1].idx + len(mods[-1].text))
            # a body ("government", "military") or a known actor; not a person's role word
            # ("fighter jets") nor an unknown word ("barrel bombs")
            if ref is not None and ref.code and (ref.type == "group" or (
                    ref.resolved and ref.type not in {"place", "state", "person"})):
                return ref
        return None

    def _partitive(self, head: Token) -> Token | None:
        """"Thousands of Nigerians", "a group of Yoruba leaders": the members named."""
        if head.lemma_.lower() not in self.partitives and head.lower_ not in self.partitives:
            return None
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                objs = [g for g in c.children if g.dep_ == "pobj" and g.pos_ in {"NOUN", "PROPN"}]
                if objs:
                    return objs[0]
        return None

    def known(self, ref: ActorRef) -> bool:
        """Whether a reference names an actor mention (not just a noun phrase)."""
        return (ref.start, ref.end) not in self.unresolved

    def _pronoun(self, tok: Token) -> ActorRef | None:
        # "X said it would ...": the pronoun is the speaker (not a third-person one quoted
        # when the speech verb is not: '"... where they executed ..." it reported'; a
        # quoted "we" still is)
        verb = tok.head
        ante = self.antecedents
        for anc in [verb] + list(verb.ancestors):
            if anc.lemma_.lower() in self.speech and anc.i != verb.i:
                if ante is not None and ante.kind(tok) and ante.quoted(tok.idx) \
                        and not ante.quoted(anc.idx):
                    return None
                subj = self.subject_of(anc, follow=False)
                if not subj and anc.dep_ == "conj":
                    # "X rejected the plan and said they opposed ...": the first verb's subject
                    subj = self.subject_of(anc)
                # a speaker not found ("with activists saying they would ..."): the pronoun
                # is likelier the unknown speaker than an earlier actor
                return subj[0] if subj else None
        # "It pledged to ...", "its offensive": the actor named before, when unambiguous
        return ante.actor(self, tok) if ante is not None else None

    def refs(self, heads: list[Token]) -> list[ActorRef]:
        out: list[ActorRef] = []
        for h in heads:
            for c in conjuncts(h):
                for ref in self._coordinated(c) or [self.resolve(c)]:
                    if ref is not None and all((r.start, r.end) != (ref.start, ref.end) for r in out):
                        out.append(ref)
        return out

    def _coordinated(self, head: Token) -> list[ActorRef]:
        """Every actor of a phrase with coordinated modifiers ("U.S. and Russian
        negotiators"), through the actors stage's ``resolve_spans`` when it has one."""
        if self.spans_resolver is None or head.pos_ not in {"NOUN", "PROPN"}:
            return []
        toks = np_tokens(head)
        if not any(t.dep_ == "cc" and t.head.i != head.i for t in toks):
            return []
        refs = self.spans_resolver(self.ctx, toks[0].idx, toks[-1].idx + len(toks[-1].text))
        return refs if len(refs) > 1 else []

    # -- grammatical relations --------------------------------------------------------
    def subject_of(self, verb: Token, follow: bool = True) -> list[ActorRef]:
        """Actors of a predicate: its subject, else inherited through conj/xcomp/acl."""
        subj = kids(verb, SUBJ)
        agent = [g for c in kids(verb, {"agent"}) for g in kids(c, {"pobj"})]
        if agent:
            found = self.refs(agent)
            if found:
                return found  # else "shortened by one hour": a measure, not an agent
        if len(subj) > 1:
            subj = drop_descriptors(subj)
        if subj:
            if subj[0].dep_ == "nsubj" and subj[0].lower_ in {"who", "which", "that"} \
                    and verb.dep_ == "relcl":
                return self.refs([verb.head])
            return self.refs(subj)
        if not follow:
            return []
        if verb.head.lemma_.lower() in self.speech and (
                verb.dep_ == "ccomp" or (verb.dep_ in REPORTED_DEPS and quoted(verb))):
            # '"... were killed" said the Observatory', '"... attempted to attack" the
            # ministry said' (a quote before its speech verb, parsed as advcl): the speaker
            # did not act; "Asked about it, X said" and a participle after the speech verb
            # ("said ..., calling for") are the speaker's own
            return []
        if verb.dep_ in {"conj", "xcomp", "advcl", "ccomp", "acomp"} and verb.head.i != verb.i:
            # "agreed to leave" (control), "rejected them and continued"
            if verb.dep_ == "xcomp" and any(c.dep_ in OBJ for c in verb.head.children) \
                    and verb.head.lemma_.lower() not in {"promise"}:
                obj = [c for c in verb.head.children if c.dep_ in OBJ]
                return self.refs(obj)  # object control: "urged Syria to withdraw"
            return self.subject_of(verb.head)
        if verb.dep_ in {"acl", "relcl"} and verb.head.pos_ in {"NOUN", "PROPN"}:
            # "civilians killed since ...": a passive participle's noun is the patient
            if verb.tag_ == "VBN":
                return []
            noun = verb.head
            lemma = noun.lemma_.lower()
            if lemma in self.documents and noun.head.pos_ in {"VERB", "AUX"} \
                    and noun.dep_ in OBJ | {"pobj"}:
                # "issued a declaration demanding ...": the text speaks for its issuer
                return self.subject_of(noun.head, follow=False)
            if lemma in self.event_nouns and noun.pos_ == "NOUN":
                # "lodged a protest with X, charging ...": whoever made the protest
                return self.noun_args(noun)[0] or self.governing_subject(noun)
            return self.refs([noun])
        return []

    def passive_subject(self, verb: Token) -> list[ActorRef]:
        heads = [c for c in verb.children if c.dep_ in PASS_SUBJ]
        if not heads and verb.dep_ == "acl" and verb.tag_ == "VBN":
            heads = [verb.head]  # "hundreds of civilians killed"
        return self.refs(heads)

    def objects(self, verb: Token, preps: set[str] = RECIP_PREPS) -> list[ActorRef]:
        """Recipients of a verb: its objects, else a role-bearing preposition's object.

        An object the actor owns ("withdrew its troops from X", "strengthened its forces
        in Y") is not the recipient: the place or party in the preposition is. An object
        naming an act ("rejected calls by X", "a US offer") gives its owner. A named actor
        beats a plain noun phrase ("provided aid to the Syrians").
        """
        heads = [c for c in verb.children if c.dep_ in OBJ and c.ent_type_ not in NON_ACTOR_ENTS]
        own = [h for h in heads if any(c.dep_ == "poss" and c.lower_ in OWN_POSS for c in h.children)]
        direct: list[ActorRef] = []
        for h in heads:
            if h in own:
                continue
            owner = self.noun_args(h)[0]
            if h.lemma_.lower() in self.event_nouns or h.i in self.skip:
                direct += owner
                continue
            own_known = [o for o in owner if self.known(o)]
            refs = self.refs([h])
            # "rejected recent calls by Belarus's rulers": a named author beats a plain act
            direct += own_known if own_known and not any(self.known(r) for r in refs) else (
                refs or own_known)
        if own:
            preps = preps | {"in"}
        # prepositions on the verb and on its objects ("filed a lawsuit against X")
        via_prep: list[ActorRef] = []
        extra = [self.ctx.doc[i] for i in sorted(self.skip) if self.ctx.doc[i].head.i == verb.i
                 or self.ctx.doc[i].head.head.i == verb.i]
        acts_of: list[ActorRef] = []
        addressed = False
        for holder in [verb] + heads + extra:
            act = holder.i != verb.i and holder.lemma_.lower() in self.event_nouns
            for c in holder.children:
                # a preposition before the verb frames the sentence ("On the other side")
                if c.dep_ == "prep" and c.lower_ in preps and c.i > verb.i:
                    found = self.refs([g for g in c.children if g.dep_ == "pobj"])
                    via_prep += found
                    if act and c.lower_ == "of":
                        acts_of += found
                    addressed |= c.lower_ == "to" and any(self.known(r) for r in found)
        if addressed and acts_of:
            # "refer the massacre of X to Y": the act's own victim is no recipient of the
            # verb when the addressee is named ("demanded the withdrawal of X" keeps X)
            via_prep = [r for r in via_prep if r not in acts_of]
        for group in ([r for r in direct if self.known(r)], [r for r in via_prep if self.known(r)],
                      direct, via_prep):
            if group:
                return group
        return []

    def prep_args(self, tok: Token, preps: set[str]) -> list[ActorRef]:
        heads = [g for c in kids(tok, {"prep"}) if c.lemma_.lower() in preps for g in kids(c, {"pobj"})]
        return self.refs(heads)

    def governing_subject(self, noun: Token) -> list[ActorRef]:
        """Actors of an event noun that names none itself: the subject of the verb it is
        the object or prepositional object of ("renewed negotiations", "launched a
        mediation effort", "were converging for a rally"); none under a passive verb."""
        cur = noun
        preps = 0
        for _ in range(4):
            if cur.dep_ not in {"dobj", "pobj", "prep", "compound", "attr", "conj"} or cur.head.i == cur.i:
                return []
            preps += cur.dep_ == "prep"
            if preps > 1:
                return []  # "died as a result of torture": the noun is not the verb's act
            cur = cur.head
            if cur.pos_ in {"NOUN", "PROPN"} and cur.dep_ != "compound" and cur.i != noun.i \
                    and cur.lemma_.lower() not in self.containers:
                # "inspects the site of an attack": the verb acts on another thing; "launched a
                # wave of attacks" goes on through the container noun
                return []
            if cur.pos_ in {"VERB", "AUX"}:
                if any(c.dep_ in PASS_SUBJ | {"auxpass"} for c in cur.children):
                    return []
                return self.subject_of(cur)
        return []

    def noun_args(self, noun: Token) -> tuple[list[ActorRef], list[ActorRef]]:
        """Actors and recipients of an event noun: "Turkey's proposal", "attack on X"."""
        actors = self.refs([c for c in noun.children if c.dep_ == "poss"])
        if not actors:
            actors = self.prep_args(noun, {"by"})
        if not actors:
            # "crimes committed by Croat forces"
            for acl in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"):
                actors = self.refs([g for a in acl.children if a.dep_ == "agent"
                                    for g in a.children if g.dep_ == "pobj"])
                if actors:
                    break
        if not actors:
            mods = [c for c in noun.children if c.dep_ in {"compound", "amod"}
                    and c.ent_type_ in {"GPE", "NORP", "ORG", "PERSON"}]
            # an act inside a name ("Nusra Front Shelling", "Suspected Gas Attack"): only a
            # modifier the actors stage knows is its author; a town before the act ("an
            # Idlib blast") says where it happened, not who did it
            actors = [r for r in self.refs(mods[:1]) if not covers(r, noun) and r.type != "place"
                      and (not noun.ent_type_ or r.code is not None)]
        if not actors and noun.text[:1].isupper():
            # "Rebel Shelling of X": in a Title Case headline a proper-noun modifier without
            # an entity type names the author when the actors stage knows it ("Tragic
            # Evacuation Deal" does not)
            mods = [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"
                    and not c.ent_type_]
            actors = [r for r in self.refs(mods[:1])
                      if r.code is not None and not covers(r, noun) and r.type != "place"]
        recips = self.prep_args(noun, {"against", "on", "of", "at", "to", "toward", "towards"})
        return actors, recips

    def clause_subject(self, verb: Token) -> list[ActorRef]:
        """Subject of a clause, raw (no inheritance): for complements."""
        return self.refs([c for c in verb.children if c.dep_ in SUBJ | PASS_SUBJ])
