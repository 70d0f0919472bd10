"""Auxiliary modes (negated, future, hypothetical, historical), type adjustments and status.

The PLOVER manual's rules applied here: cooperative actions reported in the future are
AGREE; a refusal to cooperate is REJECT; a material conflict action announced under a
condition ("will withdraw ... unless") is THREATEN. Statuses record where an event
stands in a negotiation (see docs/events.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from khabar.annotate.tokens import kids, token_table
from khabar.events.lexicon import Lexicon
from khabar.model import Aux

COOP_TO_AGREE = {"SUPPORT", "CONSULT", "COOPERATE", "AID"}
COOPERATIVE = {"AGREE", "SUPPORT", "CONSULT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
# PROTEST too: the manual's THREATEN 'restrict' covers announced boycotts, strikes, blockades
MATERIAL_CONFLICT = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"}
REFUSE_LEMMAS = {"refuse", "decline", "reject"}
ONGOING = {"continue", "resume", "keep", "step", "intensify", "escalate", "press"}
INTEND_LEMMAS = {"plan", "intend", "expect", "aim", "prepare", "seek", "want", "hope"}


@dataclass
class Modality:
    aux: Aux
    obligation: bool
    condition: Token | None
    willing: bool = False
    ongoing: bool = False


_AUX_DEPS = frozenset({"aux", "auxpass", "neg", "advmod", "det"})


def _aux_words(verb: Token) -> list[Token]:
    return kids(verb, _AUX_DEPS)


def _own_subject(verb: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in verb.children)


def _chain(verb: Token) -> list[Token]:
    """The predicate and the verbs it hangs from through xcomp, and through conj or ccomp
    without a subject of their own ("will not allow [them to] enter and hit"): they share
    its mood."""
    out = [verb]
    cur = verb
    while cur.head.i != cur.i and (cur.dep_ == "xcomp" or (
            cur.dep_ in {"conj", "ccomp"} and not _own_subject(cur))):
        cur = cur.head
        out.append(cur)
    return out


def read_modality(pred: Token, sent: Span, lex: Lexicon) -> Modality:
    """Aux flags of the clause headed by ``pred``."""
    fut_w, hyp_w = lex.cue("future_aux"), lex.cue("hypothetical_aux")
    obl_w, neg_w = lex.cue("obligation_aux"), lex.cue("negation_words")
    negated = future = hypothetical = obligation = willing = False
    fail_w, will_w = lex.cue("failure_verbs"), lex.cue("willing_adjs")
    for i, v in enumerate(_chain(pred)):
        if i > 0 and v.lemma_.lower() in fail_w:
            negated = True
        if v.lemma_.lower() in will_w and not (v.pos_ in {"VERB", "AUX"} and v.tag_ != "VBN") \
                and not any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in v.children):
            # "is open/ready/prepared to", not the verb "opened" ("had opened" neither)
            willing = future = True
            # "is not willing to": negation sits on the copula
            if any(c.dep_ == "neg" for c in v.head.children):
                negated = True
        words = _aux_words(v)
        lowers = {w.lower_ for w in words}
        if lowers & neg_w or any(w.dep_ == "neg" for w in words):
            negated = True
        if lowers & fut_w or (v.lemma_.lower() == "go" and v.tag_ == "VBG"):
            future = True
        if v.lemma_.lower() in INTEND_LEMMAS and i > 0:
            future = True
        if lowers & hyp_w:
            hypothetical = True
        if lowers & obl_w:
            obligation = True
    ongoing = any(v.lemma_.lower() in ONGOING for v in _chain(pred)) or any(
        c.lemma_.lower() in ONGOING for c in [pred.head] if pred.dep_ in {"dobj", "pobj"})
    condition = None
    conds = lex.cue("condition_markers")
    t = token_table(sent.doc)
    for i in range(sent.start, sent.end):
        if t.lower[i] in conds and t.dep[i] in {"mark", "prep", "advmod"}:
            condition = sent.doc[i]
            break
    if hypothetical and condition is None and not negated:
        # "would" without a condition is usually reported future ("said it would ...")
        hypothetical, future = False, True
    elif hypothetical and condition is not None:
        future = False
    hist = lex.cue("historical_cues")
    historical = any(t.lower[i] in hist for i in range(sent.start, sent.end)) and \
        pred.tag_ in {"VBD", "VBN"}
    return Modality(Aux(negated=negated, future=future, hypothetical=hypothetical,
                        historical=historical), obligation, condition, willing, ongoing)


def adjust_type(event_type: str, mode: str | None, mod: Modality,
                content_types: list[str]) -> tuple[str, str | None, bool]:
    """Apply the manual's reductions. Returns (type, mode, refusal)."""
    aux = mod.aux
    if aux.negated and event_type in COOPERATIVE:
        # a refusal or failure to cooperate (manual: REJECT)
        return "REJECT", _reject_mode(event_type), True
    if mod.willing and event_type in COOPERATIVE:
        return "AGREE", None, False
    unless = mod.condition is not None and mod.condition.lower_ == "unless"
    if (aux.future or aux.hypothetical) and mod.condition is not None and (
            event_type in MATERIAL_CONFLICT or (unless and event_type not in {"AGREE", "REQUEST"})):
        # "will withdraw ... unless", "would strike if": a conditional threat
        return "THREATEN", _threat_mode(event_type, mode), False
    if event_type in MATERIAL_CONFLICT and aux.future and not aux.negated and not mod.ongoing:
        # an announced coercive act is a threat (the conflict side of future -> AGREE);
        # "will continue the operations" is the act itself, ongoing
        return "THREATEN", _threat_mode(event_type, mode), False
    if event_type in COOP_TO_AGREE and not aux.negated and (
            aux.future or (aux.hypothetical and mod.condition is not None)):
        # "will meet", and "would meet X if ...": a (conditional) offer to cooperate
        return "AGREE", None, False
    if event_type == "RETREAT" and aux.future and mod.condition is None:
        # announced future retreats are concessions (manual, CONCEDE)
        return "CONCEDE", None, False
    if event_type == "THREATEN" and mode is None and content_types:
        return "THREATEN", _threat_mode(content_types[0], None), False
    return event_type, mode, False


def _reject_mode(inner: str) -> str | None:
    return {"CONSULT": "meet", "AID": "assist", "COOPERATE": "assist", "RETREAT": "yield",
            "CONCEDE": "yield"}.get(inner)


def _threat_mode(inner: str, inner_mode: str | None) -> str | None:
    if inner in {"RETREAT", "SANCTION"} and inner_mode == "withdraw":
        return "relations"
    if inner == "ASSAULT":
        return "violence"
    if inner == "SANCTION":
        return "relations"
    if inner == "PROTEST":
        return "restrict"
    if inner == "COERCE":
        return {"arrest": "arrest", "deport": "expel"}.get(inner_mode or "", "restrict")
    return None


def _pending(sent: Span, lex: Lexicon) -> bool:
    """"... who should give its answer on Friday": a decision still due in the sentence."""
    obl = lex.cue("obligation_aux") | lex.cue("future_aux")
    pending = lex.cue("pending_nouns")
    t = token_table(sent.doc)
    for i in range(sent.start, sent.end):
        if t.lemma[i] in pending and t.dep[i] in {"dobj", "nsubjpass"}:
            if any(t.dep[c] == "aux" and t.lower[c] in obl for c in t.children[t.head[i]]):
                return True
    return False


def status_of(event_type: str, lemma: str, mod: Modality, refusal: bool, sent: Span,
              lex: Lexicon, reduced: bool = False) -> str:
    """The negotiation status of an event (happened, proposed, agreed, rejected, ...).

    ``reduced`` marks an AGREE that the manual's rule made from a future cooperative act
    ("will meet with X"): the type is AGREE, but nobody is reported to have agreed, so its
    status is ``future`` (not ``agreed``)."""
    aux = mod.aux
    if refusal or event_type == "REJECT":
        return "denied" if lemma in lex.cue("deny_lemmas") else "rejected"
    if aux.negated:
        return "negated"
    if mod.condition is not None and (aux.hypothetical or aux.future or event_type == "AGREE"):
        return "conditional"
    if _pending(sent, lex):
        return "pending"
    if event_type == "AGREE":
        if reduced and aux.future and not mod.willing:
            return "future"
        if lemma in {"offer"}:
            return "offered"
        if lemma in lex.cue("proposal_lemmas"):
            return "proposed"
        if lemma in lex.cue("accept_lemmas"):
            return "accepted"
        return "agreed"
    if lemma in lex.cue("claim_lemmas"):
        return "claimed"
    if aux.future:
        return "future"
    return "happened"
