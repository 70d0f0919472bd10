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
from khabar.context import Annotated
from khabar.events.lexicon import Lexicon, load_lexicon
from khabar.events.linking import link_date, link_location, mediators, terms
from khabar.events.modality import adjust_type, read_modality, status_of
from khabar.events.roles import COPARTY_PREPS, Resolver, RoleFinder
from khabar.events.triggers import Candidate, find_candidates, governing, in_background
from khabar.model import ActorRef, Event, Evidence, Span, stable_id

CODER_NAME = "khabar.events.rules.v1"
MEDIATED = {"CONSULT", "AGREE", "RETREAT", "CONCEDE", "COOPERATE"}
MATERIAL = {"ASSAULT", "COERCE", "SANCTION", "AID", "RETREAT", "MOBILIZE", "PROTEST", "COOPERATE"}
# types whose recipient may be the place acted on ("lifted the curfew in X")
PLACE_PARTY = {"COERCE", "CONCEDE", "THREATEN", "AGREE", "SANCTION", "MOBILIZE", "RETREAT", "AID"}
DEAL_TYPES = {"AGREE", "RETREAT", "CONCEDE", "REJECT", "REQUEST"}


def _same(a: ActorRef, b: ActorRef) -> bool:
    return (a.start, a.end) == (b.start, b.end) or (a.id is not None and a.id == b.id)


def _minus(refs: list[ActorRef], drop: list[ActorRef]) -> list[ActorRef]:
    return [r for r in refs if not any(_same(r, d) for d in drop)]


@registry.coders.register(CODER_NAME)
class RuleCoder:
    """Dependency-based PLOVER event coder driven by the data lexicon.

    Attributes:
        resolve_span: optional callable ``(ctx, start, end) -> ActorRef | None`` (e.g.
            ``pipeline.actors.resolve_span``) used to resolve argument phrases; without
            it the coder uses the actor mentions of ``ctx.actors`` inside the phrase.
    """

    name = CODER_NAME

    def __init__(self, config: dict, lexicon: Lexicon | None = None) -> None:
        self.config = config
        self.lex = lexicon or load_lexicon()
        self.resolve_span: Resolver | None = None
        self.speech = self.lex.cue("speech_verbs")

    def code(self, ctx: Annotated) -> list[Event]:
        """All events of an article, in text order."""
        roles = RoleFinder(ctx, self.resolve_span, self.speech, set(self.lex.nouns))
        events: list[Event] = []
        for si, sent in enumerate(ctx.doc.sents):
            events.extend(self._sentence(ctx, roles, si, sent))
        return events

    # -- one sentence -----------------------------------------------------------------
    def _sentence(self, ctx: Annotated, roles: RoleFinder, si: int, sent: SpacySpan) -> list[Event]:
        found = find_candidates(sent, self.lex)
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
        meds = mediators(roles, sent, self.lex)
        out = []
        for cand in cands:
            ev = self._event(ctx, roles, si, sent, cand, meds)
            if ev is not None:
                out.append(ev)
        return out

    def _speaker_request(self, roles: RoleFinder, pred: Token) -> list[ActorRef] | None:
        """"X said (that) Y must/should ...": X requests it of Y."""
        head = pred.head
        if pred.dep_ == "ccomp" and head.lemma_.lower() in self.speech:
            return roles.subject_of(head)
        return None

    def _event(self, ctx: Annotated, roles: RoleFinder, si: int, sent: SpacySpan,
               cand: Candidate, meds: list[ActorRef]) -> Event | None:
        tok, trig = cand.token, cand.trigger
        pred = cand.predicate or tok
        if trig.key in self.lex.cue("delegating_verbs") and cand.content:
            # "ordered the arrest of X": the event is the arrest, by the one who ordered it
            inner = cand.content[0]
            trig = inner.trigger
            cand = Candidate(inner.token, trig, inner.extra, pred, inner.content)
        roles.skip = {tok.i} | ({cand.extra.i} if cand.extra is not None else set())
        mod = read_modality(pred, sent, self.lex)
        content_types = [c.trigger.event_type for c in cand.content]
        etype, mode, refusal = adjust_type(trig.event_type, trig.mode, mod, content_types)
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in pred.children)
        if passive and etype not in MATERIAL and not any(c.dep_ == "agent" for c in pred.children):
            # "Israel is opposed to ...": a stative passive of a verbal act keeps its actor
            passive = False
        if pred.i == tok.i and trig.kind == "nouns":
            actors, recips = roles.noun_args(tok)
        else:
            actors = roles.subject_of(pred) if (passive or not _stative(pred)) else \
                roles.passive_subject(pred) or roles.subject_of(pred)
            recips = roles.passive_subject(pred) if passive else roles.objects(pred)
            if pred.i != tok.i:
                n_act, n_rec = roles.noun_args(tok)
                actors = actors or n_act
                recips = recips or n_rec
        # "X said Y must hand over ...": a request by the speaker of the recipient
        speakers = self._speaker_request(roles, pred) if mod.obligation else None
        if speakers and etype != "REQUEST" and not mod.aux.negated:
            recips, actors = actors, speakers
            etype, mode = "REQUEST", None
        if etype == "CONSULT":
            # reciprocal meetings: every party is an actor
            actors = actors + roles.prep_args(tok, COPARTY_PREPS) + (
                roles.prep_args(pred, COPARTY_PREPS) if pred.i != tok.i else [])
            if trig.mode != "visit":
                actors, recips = actors + recips, []
        if not recips:
            recips = _minus(roles.complement_parties(pred, actors), actors)
        if not recips:
            for inner in cand.content:
                ip = inner.predicate or inner.token
                subj = roles.clause_subject(ip) if ip.dep_ in {"ccomp"} else []
                recips = _minus(subj, actors) or _minus(roles.objects(ip), actors)
                if recips:
                    break
        if not recips and etype in PLACE_PARTY:
            recips = roles.place_party(pred)
        event_meds = _minus(meds, actors) if etype in MEDIATED else []
        actors = _minus(_dedupe(actors), event_meds)
        recips = _minus(_minus(_dedupe(recips), actors), event_meds)
        status = status_of(etype, trig.key.split()[0], mod, refusal, sent, self.lex)
        deal = terms(ctx, tok, pred, sent, self.lex, mod.condition) if etype in DEAL_TYPES else {}
        deal = {k: v for k, v in deal.items() if v}
        if etype in {"AGREE"} and status == "agreed" and "condition" in deal:
            status = "conditional"
        start, end = cand.start, cand.end
        context = ["negation"] if mod.aux.negated else []
        conf = 0.5 + 0.15 * bool(actors) + 0.1 * bool(recips) + 0.1 * (trig.kind != "nouns")
        if getattr(cand, "fallback", False):
            conf -= 0.2
        return Event(
            id=stable_id("e", ctx.article.id, start, etype),
            event_type=etype, mode=mode, context=context, status=status, aux=mod.aux,
            actors=actors, recipients=recips, mediators=event_meds,
            location=link_location(ctx, pred, sent), date=link_date(ctx, pred, sent),
            terms=deal,
            trigger=Span(text=ctx.doc.text[start:end], start=start, end=end),
            evidence=Evidence(sentence=si, start=sent.start_char, end=sent.end_char, text=sent.text),
            confidence=round(min(conf, 0.95), 2),
            intensity=self.lex.score(etype, mode), quad_class=self.lex.quad.get(etype),
            coder=CODER_NAME,
        )


def _stative(pred: Token) -> bool:
    """A passive-looking predicate with no agent ("is opposed to"): its subject acts."""
    return any(c.dep_ == "nsubjpass" for c in pred.children) and not any(
        c.dep_ == "agent" for c in pred.children)


def _dedupe(refs: list[ActorRef]) -> list[ActorRef]:
    out: list[ActorRef] = []
    for r in refs:
        if not any(_same(r, o) for o in out):
            out.append(r)
    return out
