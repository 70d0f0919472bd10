"""Manual distinctions of the rule coder (split from ``khabar.events.rules``): what a
trigger means given what it is about ("withdrew its diplomats" is SANCTION, "accepted
refugees" AID, "has sworn to fight" THREATEN, "prepared to resume shelling" MOBILIZE) and
acts ruled out ("lifting the ban is out of the question"). See docs/events.md.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from khabar.annotate.tokens import token_table
from khabar.events.lexicon import Lexicon, Trigger
from khabar.events.triggers import Candidate

BLAME = "@blame"  # key of the synthetic trigger of "X said Y were responsible"


def refine(lex: Lexicon, trig: Trigger, tok: Token, cand: Candidate, pred: Token) -> Trigger:
    """Manual distinctions that depend on what the act is about (the trigger to code)."""
    objs = [c for c in [cand.extra, *tok.children, *pred.children]
            if c is not None and c.dep_ in {"dobj", "nsubjpass", "pobj", "compound", "conj"}]
    lemmas = {c.lemma_.lower() for c in objs} | {
        g.lemma_.lower() for c in objs for g in c.children if g.dep_ in {"compound", "amod"}}
    if trig.event_type == "RETREAT" and trig.mode == "withdraw" and \
            lemmas & lex.cue("withdrawn_resources"):
        return Trigger("SANCTION", "withdraw", trig.kind, trig.key)
    if trig.event_type == "RETREAT" and trig.mode == "release" and \
            lemmas & lex.cue("aid_goods"):
        return Trigger("AID", None, trig.kind, trig.key)  # "handed over medicines"
    if trig.event_type == "COERCE" and trig.mode == "deport" and \
            lemmas & lex.cue("expelled_groups"):
        # expelling diplomats, inspectors or aid workers is a sanction (manual)
        return Trigger("SANCTION", "expel", trig.kind, trig.key)
    if trig.event_type in {"AID", "MOBILIZE"} and trig.kind != "nouns":
        # "sent experts to investigate the attacks": the mission is the inquiry
        for c in pred.children:
            inner = lex.verbs.get(c.lemma_.lower()) if c.dep_ in {"advcl", "xcomp"} else None
            if inner is not None and inner.mode == "investigate":
                return Trigger(inner.event_type, inner.mode, trig.kind, trig.key)
    # the clause's lemmas only for MOBILIZE: reading the subtree is costly
    if trig.event_type == "MOBILIZE" and {t.lemma_.lower() for t in pred.subtree} & \
            lex.cue("aid_deployments"):
        return Trigger("AID", None, trig.kind, trig.key)
    if trig.event_type == "REQUEST":
        # "called for sanctions / an investigation against X": seeking punishment of X
        # is accusing X
        # nouns only: "demanding X cut off aid" asks X to act, it accuses nobody
        asked = [c.trigger for c in cand.content if c.trigger.kind == "nouns"] + [
            lex.nouns[c.lemma_.lower()] for c in objs if c.lemma_.lower() in lex.nouns]
        for inner in asked:
            if inner.event_type in {"SANCTION", "ACCUSE"}:
                mode = "investigate" if inner.mode == "investigate" else "disapprove"
                return Trigger("ACCUSE", mode, trig.kind, trig.key)
    if trig.event_type == "AGREE" and trig.kind == "verbs" and \
            lemmas & lex.cue("support_nouns"):
        return Trigger("SUPPORT", None, trig.kind, trig.key)
    if trig.key in lex.cue("asylum_verbs") and lemmas & lex.cue("refugee_nouns"):
        # "accepted 1,141 Iraqi refugees": giving asylum is AID (manual)
        return Trigger("AID", None, trig.kind, trig.key)
    if trig.event_type == "SUPPORT" and trig.kind == "nouns" and {
            c.lemma_.lower() for c in tok.children if c.dep_ in {"amod", "compound", "conj"}
            } & lex.cue("material_support_mods"):
        # "financial and logistics support": material help is AID, SUPPORT is verbal
        return Trigger("AID", None, trig.kind, trig.key)
    return _refine_force(lex, trig, cand, pred)


def published(lex: Lexicon, cand: Candidate) -> bool:
    """Whether a release trigger releases a text or a recording ("released a video / the
    report"), which is published, not people or goods set free."""
    if cand.trigger.event_type != "RETREAT" or cand.trigger.mode != "release":
        return False
    pred = cand.predicate or cand.token
    things = lex.cue("published_things") | lex.cue("document_nouns")
    if pred.dep_ == "acl" and pred.head.lemma_.lower() in things:
        return True  # "a video released by the group"
    return any(c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in things for c in pred.children)


def ruled_out(lex: Lexicon, pred: Token) -> Token | None:
    """The copula of "<act> is out of the question" (an act ruled out), if any."""
    cop = pred.head
    if pred.dep_ not in {"csubj", "nsubj"} or cop.lemma_.lower() != "be" or cop.i < pred.i:
        return None
    words = [t.lower_ for t in pred.doc[cop.i + 1:min(cop.i + 6, cop.sent.end)]
             if t.dep_ != "advmod" or t.head.i != cop.i]
    said = " ".join(words)
    return cop if any(said.startswith(p) for p in lex.cue("refusal_predicates")) else None


def _by_protesters(lex: Lexicon, pred: Token) -> bool:
    """Whether the act's subject is a crowd of protesters."""
    crowd = lex.cue("protester_nouns")
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in crowd for c in pred.children)


def _refine_force(lex: Lexicon, trig: Trigger, cand: Candidate, pred: Token) -> Trigger:
    """Promises and preparations of force: "vowed to fight" is a threat of violence,
    "prepared to resume shelling" a show of readiness (MOBILIZE), not the attack;
    "stepped up attacks" is the attacks; a strike carried out or made on a target is an
    attack, not a labour strike."""
    if trig.event_type == "MOBILIZE" and trig.key == "step up" and cand.content:
        inner = cand.content[0].trigger
        return Trigger(inner.event_type, inner.mode, trig.kind, trig.key)
    if trig.event_type == "PROTEST" and trig.mode == "strike" and trig.kind == "nouns" and (
            pred.lemma_.lower() in lex.cue("attack_light_verbs") or any(
                c.dep_ == "prep" and c.lower_ == "on" and not any(
                    g.ent_type_ in {"DATE", "TIME"} for g in c.children)
                for c in cand.token.children)):
        return Trigger("ASSAULT", None, trig.kind, trig.key)
    if trig.event_type == "AGREE" and trig.key in lex.cue("vow_verbs") and \
            cand.content and cand.content[0].trigger.event_type == "ASSAULT":
        return Trigger("THREATEN", "violence", trig.kind, trig.key)
    if trig.event_type == "ASSAULT" and _by_protesters(lex, pred):
        # "protesters burned the flag", "demonstrators clashed with police": a riot
        return Trigger("PROTEST", "riot", trig.kind, trig.key)
    if trig.event_type == "ASSAULT":
        cur = pred
        while cur.dep_ in {"xcomp", "dobj"} and cur.head.i != cur.i:
            cur = cur.head
            if cur.lemma_.lower() in lex.cue("readiness_verbs"):
                return Trigger("MOBILIZE", None, trig.kind, trig.key)
    return trig


def blames(sent: Span, lex: Lexicon, speech: frozenset[str], taken: set[int]) -> list[Candidate]:
    """"X said Y were responsible", "... said Y was behind the attack": a reported
    attribution of blame is ACCUSE `allege` by the speaker (the copula is the trigger)."""
    out = []
    table = token_table(sent.doc)  # filter on plain lists; Token objects only for the few "be"s
    for i in range(sent.start, sent.end):
        if table.lemma[i] != "be" or table.dep[i] != "ccomp" or i in taken:
            continue
        tok = sent.doc[i]
        if tok.head.lemma_.lower() not in speech or any(c.dep_ == "neg" for c in tok.children):
            continue
        words = " ".join(t.lower_ for t in sent.doc[tok.i + 1:min(tok.i + 4, sent.end)])
        if not any(words.startswith(p) for p in lex.cue("blame_predicates")):
            continue
        pred = sent.doc[tok.i + 1]
        # "responsible for security" assigns a duty: only harm ("for the attack") is blame
        for_what = [g for c in pred.children if c.dep_ == "prep" and c.lower_ == "for"
                    for g in c.children if g.dep_ in {"pobj", "pcomp"}]
        if any(not _harm(lex, g) for g in for_what):
            continue
        out.append(Candidate(tok, Trigger("ACCUSE", "allege", "verbs", BLAME), pred))
    return out


def _harm(lex: Lexicon, noun: Token) -> bool:
    """Whether a noun names a harmful act or its outcome ("the attack", "the deaths")."""
    lemma = noun.lemma_.lower()
    trig = lex.nouns.get(lemma)
    return lemma in lex.cue("harm_nouns") or (
        trig is not None and trig.event_type in {"ASSAULT", "COERCE", "THREATEN"})
