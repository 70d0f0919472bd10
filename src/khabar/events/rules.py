"""The rule-based PLOVER coder, ``khabar.events.rules.v1``.

Per sentence: find lexicon triggers, keep the governing ones (complements are content),
read each one's modality, type adjustments and status, its arguments from the
dependency parse, mediators, location, date and, for proposals and agreements, the terms.
See docs/events.md for the lexicon format and the statuses.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from khabar import registry
from khabar.attribution.quotemarks import find_quotations
from khabar.annotate.tokens import token_table
from khabar.context import Annotated
from khabar.events.anaphora import Antecedents, agentive_verbs
from khabar.events.furniture import LOW_CONFIDENCE, furniture_zones, headline_runs, inside
from khabar.events.lexicon import Lexicon, Trigger, load_lexicon
from khabar.events.linking import clause_tokens, link_date, link_location, mediators, terms
from khabar.events.modality import adjust_type, read_modality, status_of
from khabar.events.passes import _anaphora, _conditions, _dedupe
from khabar.events.phrases import COPARTY_PREPS
from khabar.events.refine import BLAME, blames, published, refine, ruled_out
from khabar.events.roles import Resolver, RoleFinder
from khabar.events.triggers import (Candidate, find_candidates, governing,
                                    in_background, noun_lemma)
from khabar.model import EVENT_TYPES, ActorRef, Event, Evidence, Span, stable_id

CODER_NAME = "khabar.events.rules.v1"
OBLIGATION = "@obligation"  # key of the synthetic trigger of "X said Y must ..."
MEDIATED = {"CONSULT", "AGREE", "RETREAT", "CONCEDE", "COOPERATE"}
MATERIAL = {"ASSAULT", "COERCE", "SANCTION", "AID", "RETREAT", "MOBILIZE", "PROTEST", "COOPERATE"}
# types whose recipient may be the place acted on ("lifted the curfew in X"); meetings
# put all parties in actors
PLACE_PARTY = set(EVENT_TYPES) - {"CONSULT"}
# prepositions that mark a recipient, where a type differs from the default
# ("agreed to X" names what was agreed, "agreed with X" the other party)
RECIP_PREPS_BY_TYPE = {"AGREE": {"with"}, "SUPPORT": {"with", "for", "to"}}
DEAL_TYPES = {"AGREE"}
# prepositions whose named object may stand in as recipient when no other party is named
BACKOFF_PREPS = {"to", "on", "upon", "against", "from", "with", "between", "among", "for",
                 "into", "toward", "towards", "at", "in", "of"}
# acts done *in* a place ("operations in the east of X"): the place is their location, not
# their target (a town attacked directly, "shelled X", stays the recipient)
LOCATED_TYPES = {"ASSAULT"}
LOCATIVE_PREPS = {"in"}
# verbal acts a phone call may carry ("called X to express support")
CALL_CONTENT = {"SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "AGREE"}
# types whose target is often named in a purpose clause ("struck to protest X's decision")
PURPOSE_TYPES = {"PROTEST"}


def _no_times(ctx: Annotated, refs: list[ActorRef]) -> list[ActorRef]:
    """Parties without the phrases that are times, not actors ("carried out at around noon
    local time"): an unresolved phrase that a date or time expression covers half of."""
    return [r for r in refs if r.id or r.code or sum(
        min(d.end, r.end) - max(d.start, r.start) for d in ctx.dates_in(r.start, r.end)) * 2 < r.end - r.start]


# A quotation of at least this many words is someone's speech, not scare quotes ("shelled").
QUOTE_MIN_WORDS = 4


def _quoted_only(quotations: list[tuple[int, int]], at: int, refs: list[ActorRef]) -> list[ActorRef]:
    """Parties of an event told inside a quotation, less those after its closing mark: there
    the sentence names the speaker ("... killing at least 22 civilians" Observatory chief X
    told AFP), whom a parse without commas may hang on the quoted verb. A party before the
    opening mark may be the quoted verb's own subject (Rebels "launched an attack ..."), so
    it stays."""
    for start, end in quotations:
        if start <= at < end:
            return [r for r in refs if r.start < end]
    return refs


def _overlaps(ref: ActorRef, ranges: list[tuple[int, int]]) -> bool:
    return any(ref.start < end and start < ref.end for start, end in ranges)


def _minus(refs: list[ActorRef], drop: list[ActorRef]) -> list[ActorRef]:
    # by span: two phrases naming the same state ("Indonesia's donors" asking
    # "Indonesia") are still two parties
    return [r for r in refs if not any((r.start, r.end) == (d.start, d.end) for d in drop)]


@registry.coders.register(CODER_NAME)
class RuleCoder:
    """Dependency-based PLOVER event coder driven by the data lexicon.

    Attributes:
        resolve_span: optional callable ``(ctx, start, end) -> ActorRef | None`` (e.g.
            ``pipeline.actors.resolve_span``) used to resolve argument phrases; without
            it the coder uses the actor mentions of ``ctx.actors`` inside the phrase.
        resolve_spans: optional callable ``(ctx, start, end) -> list[ActorRef]`` (e.g.
            ``pipeline.actors.resolve_spans``) for phrases naming several actors ("U.S. and
            Russian negotiators"); taken from the resolver's owner when not set.
    """

    name = CODER_NAME

    def __init__(self, config: dict, lexicon: Lexicon | None = None) -> None:
        self.config = config
        self.lex = lexicon or load_lexicon()
        self.resolve_span: Resolver | None = None
        # optional ``(ctx, start, end) -> list[ActorRef]`` for coordinated phrases; found on
        # the object of ``resolve_span`` when not set
        self.resolve_spans = None
        self.speech = self.lex.cue("speech_verbs")
        self.agentive = agentive_verbs(self.lex)

    def code(self, ctx: Annotated) -> list[Event]:
        """All events of an article, in text order."""
        roles = RoleFinder(ctx, self.resolve_span, self.speech, set(self.lex.nouns),
                           self.lex.cue("mediation_nouns"))
        roles.documents = self.lex.cue("document_nouns")
        roles.partitives = self.lex.cue("partitive_nouns")
        roles.non_actors = self.lex.cue("non_actor_nouns")
        roles.instruments = self.lex.cue("instrument_nouns")
        roles.containers = self.lex.cue("container_nouns") | roles.partitives | roles.non_actors
        roles.antecedents = Antecedents(ctx, self.lex.cue, self.agentive)
        # the actors stage's resolver of coordinated phrases, when the coder is wired to one
        owner = getattr(self.resolve_span, "__self__", None)
        roles.spans_resolver = self.resolve_spans or getattr(owner, "resolve_spans", None)
        text = ctx.article.text
        roles.quotations = [(q.start, q.end) for q in find_quotations(text)
                            if q.closed and q.words(text) >= QUOTE_MIN_WORDS]
        events: list[Event] = []
        for si, sent in enumerate(ctx.doc.sents):
            events.extend(self._sentence(ctx, roles, si, sent))
        return _anaphora(ctx, events)

    # -- one sentence -----------------------------------------------------------------
    def _sentence(self, ctx: Annotated, roles: RoleFinder, si: int, sent: SpacySpan) -> list[Event]:
        zones = furniture_zones(sent, self.lex.cue("furniture_cues"))
        doc = sent.doc
        cue_words = [(doc[a].idx, doc[a].idx + len(doc[a])) for a, _ in zones]
        # related-story lists and tag lines after a furniture cue are not the report
        found = [c for c in find_candidates(sent, self.lex) if not inside(c.token, zones)]
        found += self._obligations(sent, {c.token.i for c in found})
        found += blames(sent, self.lex, self.speech, {c.token.i for c in found})
        # "released a statement criticising X": published, nobody set free; the text's own
        # act (the criticism) may then govern the sentence
        found = [c for c in found if not published(self.lex, c)]
        cands = governing(found, self.lex)
        fore = [c for c in cands if not in_background(c.token, self.lex)]
        cands = fore or cands[:1]
        if not cands:
            # no licensed trigger: the first event noun stands for the sentence's event
            # ("a Saudi-led strike on a school bus ..."), with lower confidence
            nouns = [c for c in found if c.trigger.kind != "verbs" and c.predicate is None
                     and not in_background(c.token, self.lex)]
            for c in nouns[:1]:
                c.predicate = c.token
                c.fallback = True
                cands = [c]
        if not cands:
            return []  # most sentences: nothing to code, so no mediators or headline runs to read
        # a long Title Case run past the first sentence: headlines of other stories
        runs = headline_runs(sent) if si > 0 else []
        meds = mediators(roles, sent, self.lex)
        out: list[Event] = []
        heads: dict[int, int] = {}  # token index of a kept trigger -> position in out
        for cand in cands:
            ev = self._event(ctx, roles, si, sent, cand, meds, cue_words)
            if ev is None:
                continue
            if inside(cand.token, runs):
                ev = ev.model_copy(update={"confidence": min(ev.confidence, LOW_CONFIDENCE)})
            first = heads.get(cand.token.head.i) if cand.token.dep_ == "conj" else None
            if first is not None and out[first].event_type == ev.event_type:
                # "killed six and injured 32": one act, its recipients joined
                kept = out[first]
                out[first] = kept.model_copy(update={
                    "recipients": _dedupe(kept.recipients + ev.recipients)})
                heads[cand.token.i] = first
                continue
            heads[cand.token.i] = len(out)
            out.append(ev)
        return _conditions(out)

    def _stative(self, pred: Token) -> bool:
        """A passive-looking state ("Israel is opposed to"): its subject acts."""
        return pred.lemma_.lower() in self.lex.cue("stative_participles") and any(
            c.dep_ == "nsubjpass" for c in pred.children) and not any(
            c.dep_ == "agent" for c in pred.children)

    def _act_noun(self, tok: Token) -> str | None:
        """The event type of an event noun (also a capitalised headline one)."""
        trig = self.lex.nouns.get(noun_lemma(tok, self.lex))
        return trig.event_type if trig is not None else None

    def _obligations(self, sent: SpacySpan, taken: set[int]) -> list[Candidate]:
        """"X said Y must ...": a request by X of Y even when the act is no trigger."""
        obl = self.lex.cue("obligation_aux")
        t = token_table(sent.doc)
        out = []
        for i in range(sent.start, sent.end):
            # the aux and neg tests first, on the token table: few clauses have "must"
            kids = t.children[i]
            if i in taken or not any(t.dep[c] == "aux" and t.lower[c] in obl for c in kids) or \
                    any(t.dep[c] == "neg" for c in kids):
                continue
            tok = sent.doc[i]
            if self._reported(tok):
                out.append(Candidate(tok, Trigger("REQUEST", None, "verbs", OBLIGATION)))
        return out

    def _reported(self, tok: Token) -> bool:
        """A clause reported by a speech verb ("said that ...") or a speech noun ("a
        reminder to Iraq that ...", "a warning that ...")."""
        head = tok.head
        if tok.dep_ == "ccomp" and head.lemma_.lower() in self.speech:
            return True
        return tok.dep_ in {"acl", "ccomp"} and head.pos_ == "NOUN" and \
            head.lemma_.lower() in self.lex.cue("speech_nouns") and \
            any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children)

    def _speaker_request(self, roles: RoleFinder, pred: Token) -> list[ActorRef] | None:
        """"X said (that) Y must/should ...": X requests it of Y."""
        head = pred.head
        if pred.dep_ == "ccomp" and head.lemma_.lower() in self.speech:
            return roles.subject_of(head)
        if self._reported(pred):
            # "X issued a reminder to Y that it must ...": the speaker issued the noun
            return roles.governing_subject(head)
        return None

    def _event(self, ctx: Annotated, roles: RoleFinder, si: int, sent: SpacySpan,
               cand: Candidate, meds: list[ActorRef],
               cue_words: list[tuple[int, int]]) -> Event | None:
        """One event of a candidate; ``cue_words``: character ranges of the sentence's
        furniture cue words ("Tags"), which no party may hold."""
        tok, trig = cand.token, cand.trigger
        pred = cand.predicate or tok
        direct = [c for c in cand.content if c.token.head.i == tok.i or (
            c.predicate is not None and c.predicate.head.i == tok.i)]
        if trig.key in self.lex.cue("delegating_verbs") and direct:
            # "ordered the arrest of X": the event is the arrest, by the one who ordered it
            # ("ordered X to appear for questioning" stays an order: the act is deeper)
            inner = direct[0]
            trig = inner.trigger
            cand = Candidate(inner.token, trig, inner.extra, pred, inner.content)
        said = [c for c in cand.content if c.trigger.event_type in CALL_CONTENT]
        callee = None
        if trig.event_type == "CONSULT" and trig.mode == "phone" and said:
            callee = cand.extra if cand.extra is not None and cand.extra.dep_ in {"dobj"} else None
            # "called X to express support": the call carries a verbal act, coded for its
            # content (as the manual codes consultations made to complain)
            trig = Trigger(said[0].trigger.event_type, said[0].trigger.mode, trig.kind, trig.key)
        roles.skip = {tok.i}
        if pred.i != tok.i and tok.dep_ == "compound":
            roles.skip.add(tok.head.i)  # "launched a mediation effort": the effort is the act
        if cand.extra is not None:
            # the phrase's object and its conjuncts ("sends aircraft and destroyers")
            roles.skip |= {cand.extra.i} | {c.i for c in cand.extra.conjuncts}
        trig = refine(self.lex, trig, tok, cand, pred)
        mod = read_modality(pred, sent, self.lex)
        content_types = [c.trigger.event_type for c in cand.content]
        etype, mode, refusal = adjust_type(trig.event_type, trig.mode, mod, content_types)
        ruled = ruled_out(self.lex, pred)
        if ruled is not None:
            etype, mode, refusal = "REJECT", None, True
        t = token_table(sent.doc)
        kid_deps = {t.dep[c] for c in t.children[pred.i]}
        passive = not kid_deps.isdisjoint({"nsubjpass", "auxpass"}) or (
            t.dep[pred.i] == "acl" and t.tag[pred.i] == "VBN")
        if passive and t.lemma[pred.i] in self.lex.cue("stative_participles") and \
                "agent" not in kid_deps:
            # "Israel is opposed to ...": a stative passive of a verbal act keeps its actor
            passive = False
        if pred.i == tok.i and trig.kind == "nouns":
            actors, recips = roles.noun_args(tok)
            actors = actors or roles.governing_subject(tok)
        else:
            actors = roles.subject_of(pred) if (passive or not self._stative(pred)) else \
                roles.passive_subject(pred) or roles.subject_of(pred)
            preps = RECIP_PREPS_BY_TYPE.get(etype)
            recips = roles.passive_subject(pred) if passive else (
                roles.objects(pred, preps) if preps else roles.objects(pred))
            if passive and not recips:
                # "this agreement will be presented to X": the act is the subject
                recips = roles.objects(pred)
            if pred.i != tok.i and pred.lemma_.lower() in self.lex.cue("motion_verbs"):
                # "return to Geneva for talks": the destination is a place, not a party
                recips = roles.objects(pred, {"with", "against"})
            if pred.i != tok.i:
                n_act, n_rec = roles.noun_args(tok)
                # the act's own author ("under attack by the air force", "Turkey's
                # proposal") beats the light verb's subject
                actors = n_act or actors
                recips = recips or n_rec
        if not actors and pred.i == tok.i and trig.kind == "phrases" and tok.pos_ == "NOUN":
            # a phrase headed by its noun has no subject; its owner acts ("Trump's call for a ban")
            actors = roles.refs([c for c in tok.children if c.dep_ == "poss"])
        forces = roles.passive_subject(pred) if etype == "MOBILIZE" and passive and not actors else []
        if forces:
            # "Russian drones have been deployed": the forces made ready stand for their side
            actors, recips = forces, roles.objects(pred)
        if etype == "ASSAULT" and not passive and _headline_passive(pred, self.lex.cue("victim_verbs")):
            # "6 citizens killed 22 injured in attacks": a headline's passive without "were"
            recips, actors = roles.refs([c for c in pred.children if c.dep_ == "nsubj"]), []
        if not actors and cand.fallback and tok.dep_ == "pobj":
            # the sentence's only event noun, in a phrase of the main verb ("will allow
            # ... as part of a deal"): the main clause's subject is the best guess
            # (an agentive one, with an object: "died as a result of torture" is no act)
            root = tok.sent.root
            agentive = root.pos_ in {"VERB", "AUX"} and any(
                c.dep_ in {"dobj", "xcomp", "ccomp"} for c in root.children) \
                and _reaches(tok, root, roles.containers)
            actors = roles.subject_of(root) if agentive else []
        if not actors and tok.tag_ == "VBG" and any(c.dep_ == "compound" for c in tok.children):
            # a headline gerund with its author as modifier ("Rebel Group Shelling of X")
            actors = roles.noun_args(tok)[0]
        if not actors and etype == "ASSAULT":
            # "six killed in a rebel shelling of X": the act named in the phrase has the author
            # the act within two steps of the predicate ("Six Killed 12 Wounded in X Shelling")
            near = [pred] + [c for c in pred.children if c.dep_ not in {"nsubj", "nsubjpass"}]
            acts = [g for h in near for c in h.children if c.dep_ == "prep"
                    and c.lower_ in {"in", "by"} for g in c.children
                    if g.dep_ == "pobj" and self._act_noun(g) == "ASSAULT"]
            for inner in acts:
                if inner.i != tok.i:
                    n_act, n_rec = roles.noun_args(inner)
                    actors = n_act
                    if actors and not any(roles.known(r) for r in recips):
                        recips = n_rec or recips
                    if actors:
                        break
        if ruled is not None:
            # "X said that lifting the ban is out of the question": X refuses it
            actors = roles.subject_of(ruled.head) if ruled.dep_ == "ccomp" and \
                ruled.head.lemma_.lower() in self.speech else actors
        if trig.key == BLAME:
            # "X said Y were responsible / behind the attack": X accuses Y
            actors, recips = roles.subject_of(pred.head), roles.clause_subject(pred)
        # "X said Y must hand over ...": a request by the speaker of the recipient
        speakers = None
        if mod.obligation:
            with roles.antecedents.reading_speakers():
                speakers = self._speaker_request(roles, pred)
        if speakers and (etype != "REQUEST" or trig.key == OBLIGATION) and not mod.aux.negated:
            recips, actors = (roles.clause_subject(pred) if passive else actors), speakers
            etype, mode = "REQUEST", None
            if pred.head.pos_ == "NOUN" and not any(roles.known(r) for r in recips):
                # "a reminder to Iraq that it must ...": the addressee of the speech noun
                to = [g for c in pred.head.head.children if c.dep_ in {"prep", "dative"}
                      and c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
                recips = roles.refs(to) or recips
        if etype == "CONSULT":
            # reciprocal meetings: every party is an actor
            actors = actors + roles.prep_args(tok, COPARTY_PREPS) + (
                roles.prep_args(pred, COPARTY_PREPS) if pred.i != tok.i else [])
            if trig.mode == "third-party" and pred.i != tok.i and tok.dep_ == "compound":
                # "undertook a mediation mission between X and Y": the mediator acts, the
                # parties it goes between receive
                recips = roles.prep_args(tok.head, COPARTY_PREPS) or recips
            elif trig.mode != "visit":
                actors, recips = actors + [r for r in recips if roles.known(r)], []
        if callee is not None and not any(roles.known(r) for r in recips):
            recips = roles.refs([callee])  # the one called hears the act
        if cand.extra is not None and trig.key in self.lex.cue("undo_verbs") and \
                not any(roles.known(r) for r in recips):
            # "halted mediation efforts among X's republics": the parties of the ended act
            recips = roles.prep_args(cand.extra, COPARTY_PREPS) or recips
        if not recips and etype == "THREATEN":
            recips = roles.condition_party(pred, actors)
        if not recips:
            recips = _minus(roles.complement_parties(pred, actors, etype in PURPOSE_TYPES), actors)
        if not recips and cand.extra is not None and cand.extra.dep_ == "mark":
            # "pushing for the US (to) support ...": the subject of the clause asked
            recips = _minus(roles.clause_subject(cand.extra.head), actors)
        if not recips and etype != "AGREE":
            for inner in cand.content:
                ip = inner.predicate or inner.token
                subj = roles.clause_subject(ip) if ip.dep_ in {"ccomp"} else []
                recips = _minus(subj, actors) or _minus(roles.objects(ip), actors)
                if recips:
                    break
        if not recips and etype in PLACE_PARTY - LOCATED_TYPES:
            recips = roles.place_party(pred)
        if etype != "CONSULT" and not any(roles.known(r) for r in recips):
            # the arguments found name nobody ("granted asylum to X"): a named party of
            # the act's prepositional phrases is a better recipient than a plain noun
            preps = BACKOFF_PREPS - LOCATIVE_PREPS if etype in LOCATED_TYPES else BACKOFF_PREPS
            named = _minus(roles.named_party(pred, tok, preps), actors)
            recips = named or recips
        event_meds = _minus(meds, actors) if etype in MEDIATED else []
        actors = _minus(_dedupe(_no_times(ctx, actors)), event_meds)
        recips = _minus(_minus(_dedupe(_no_times(ctx, recips)), actors), event_meds)
        if not any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("we", "i") for c in pred.children):
            # ("We have appealed to X," Y said: the speaker is the actor, by "we")
            actors = _quoted_only(roles.quotations, tok.idx, actors)
        recips = _quoted_only(roles.quotations, tok.idx, recips)
        # a phrase holding a furniture cue ("Tags Syria Aleppo children ...") is no party
        actors = [r for r in actors if not _overlaps(r, cue_words)]
        recips = [r for r in recips if not _overlaps(r, cue_words)]
        status = status_of(etype, trig.key.split()[0], mod, refusal, sent, self.lex,
                           reduced=etype == "AGREE" and trig.event_type != "AGREE")
        holder = cand.extra if cand.extra is not None and cand.extra.pos_ == "NOUN" else tok
        deal = terms(ctx, holder, pred, sent, self.lex, mod.condition) if etype in DEAL_TYPES else {}
        deal = {k: v for k, v in deal.items() if v}
        if etype in {"AGREE"} and status == "agreed" and "condition" in deal:
            status = "conditional"
        start, end = cand.start, cand.end
        clause = clause_tokens(pred)  # where and when: read from the predicate's own clause
        context = ["negation"] if mod.aux.negated else []
        conf = 0.5 + 0.15 * bool(actors) + 0.1 * bool(recips) + 0.1 * (trig.kind != "nouns")
        if getattr(cand, "fallback", False):
            conf -= 0.2
        return Event(
            id=stable_id("e", ctx.article.id, start, etype),
            event_type=etype, mode=mode, context=context, status=status, aux=mod.aux,
            actors=actors, recipients=recips, mediators=event_meds,
            location=link_location(ctx, pred, sent, actors + recips + event_meds, clause, self.speech),
            date=link_date(ctx, pred, sent, clause),
            terms=deal,
            trigger=Span(text=ctx.article.text[start:end], start=start, end=end),
            # the sentence's text from the token table: ``Span.text`` makes a Token per word
            evidence=Evidence(sentence=si, start=sent.start_char, end=sent.end_char,
                              text=t.span_text(sent.start, sent.end)),
            confidence=round(min(conf, 0.95), 2),
            intensity=self.lex.score(etype, mode), quad_class=self.lex.quad.get(etype),
            coder=CODER_NAME,
        )


def _reaches(noun: Token, verb: Token, containers: set[str]) -> bool:
    """Whether ``noun`` hangs on ``verb`` as its own act: through prepositions and container
    nouns up to the first verb ("to return as part of a deal"), not as a modifier of another
    thing ("inspects the site of an attack")."""
    cur, clause = noun, False
    for _ in range(8):
        head = cur.head
        if head.i == verb.i:
            return True
        if head.i == cur.i or (not clause and head.pos_ in {"NOUN", "PROPN"}
                               and head.lemma_.lower() not in containers):
            return False
        # once in a verb's clause, that clause's own attachment is the parser's business
        clause = clause or head.pos_ in {"VERB", "AUX"}
        cur = head
    return False


def _headline_passive(verb: Token, victim_verbs: frozenset[str]) -> bool:
    """"6 citizens killed 22 injured": a counted subject of a harm verb with no real object
    (at most another count) is what was done to them, not who did it."""
    if verb.lemma_.lower() not in victim_verbs or verb.tag_ not in {"VBD", "VBN"}:
        return False
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    counted = bool(subj) and any(c.dep_ == "nummod" for c in subj[0].children)
    return counted and all(o.tag_ == "CD" for o in objs)
