"""Finding event triggers in a parsed sentence and keeping the ones that head an event.

A trigger is a lexicon word (verb or event noun) or a two-word phrase (head lemma plus
one dependent's lemma). Of the triggers in a sentence only the *governing* ones become
events: a trigger inside the complement of another ("rejected an offer to host a summit",
"threatened to ban") is the content of the outer event, not an event of its own; verbs
joined by coordination ("rejected them and continued the attack") each stay events.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from khabar.annotate.tokens import TokenTable, token_table
from khabar.events.lexicon import Lexicon, Trigger

NOUN_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "compound", "oprd",
             "npadvmod", "dative", "conj", "ROOT", "nmod"}
VERB_POS = {"VERB"}
NOUN_POS = {"NOUN", "PROPN"}


@dataclass
class Candidate:
    """A trigger occurrence: its head token, lexicon entry and the phrase's extra token."""

    token: Token
    trigger: Trigger
    extra: Token | None = None
    # The verb whose arguments are the event's (the token itself, or a light verb
    # for an event noun such as "held talks").
    predicate: Token | None = None
    content: list["Candidate"] = field(default_factory=list)
    # set when an unlicensed event noun stands in for a sentence with no other trigger
    fallback: bool = False

    @property
    def start(self) -> int:
        toks = [self.token] + ([self.extra] if self.extra is not None else [])
        return min(t.idx for t in toks)

    @property
    def end(self) -> int:
        toks = [self.token] + ([self.extra] if self.extra is not None else [])
        return max(t.idx + len(t.text) for t in toks)


def _is_verbal(tok: Token) -> bool:
    if tok.dep_ == "amod":
        return False  # "the besieged town": a modifier, not an act
    if tok.pos_ in VERB_POS:
        return True
    # The small model sometimes tags a predicate noun-like word as VERB or the reverse;
    # trust the dependency when it is clausal.
    return tok.pos_ != "NOUN" and tok.dep_ in {"ROOT", "ccomp", "xcomp", "advcl", "relcl",
                                                "conj", "pcomp", "acl"} and tok.tag_.startswith("VB")


def _is_nominal(tok: Token) -> bool:
    return tok.pos_ in NOUN_POS or (tok.tag_.startswith("NN")) or (
        tok.dep_ in {"dobj", "pobj", "nsubj"} and not tok.tag_.startswith("VB"))


def _phrase(tok: Token, lex: Lexicon) -> tuple[Trigger, Token] | None:
    # compound noun phrases first: "hunger strike", "war games", "scathing attack"
    for child in tok.children:
        if child.dep_ in {"compound", "amod", "nmod"}:
            rev = lex.phrases.get(child.lemma_.lower(), {}).get(tok.lemma_.lower())
            if rev is not None:
                return rev, child
    table = lex.phrases.get(tok.lemma_.lower())
    if not table:
        return None
    for child in tok.children:
        hit = table.get(child.lemma_.lower())
        if hit is not None and child.dep_ in {"prep", "prt"} and (
                child.i < tok.i or any(g.ent_type_ in {"DATE", "TIME"} for g in child.children)):
            # "On Monday X called ...", "called X on Saturday": a time phrase, not "call on"
            hit = None
        if hit is not None:
            return hit, child
        # "refer @dobj": the head with any direct object ("refer the case to ...")
        hit = table.get("@" + child.dep_)
        if hit is not None and child.pos_ != "PRON" and child.tag_ not in {"WP", "WDT"}:
            return hit, child
        # the object's own modifier: "left 40 soldiers dead", "violated the ceasefire
        # agreement"
        if child.dep_ in {"dobj", "nsubjpass"}:
            for g in child.children:
                hit = table.get(g.lemma_.lower())
                if hit is not None and g.dep_ in {"amod", "acomp", "oprd", "compound"}:
                    return hit, g
        # a clause it introduces: "pushing for the US (to) support ...", "called for X to"
        if child.dep_ in {"advcl", "ccomp"} and child.i > tok.i:
            for g in child.children:
                hit = table.get(g.lemma_.lower())
                if hit is not None and g.dep_ == "mark" and g.i < child.i:
                    return hit, g
        # one preposition down: "put under investigation", "place under arrest"
        if child.dep_ == "prep":
            for g in child.children:
                hit = table.get(g.lemma_.lower())
                if hit is not None and g.dep_ == "pobj":
                    return hit, g
    return None


CONFLICT_NOUN_TYPES = {"PROTEST", "ASSAULT", "COERCE", "SANCTION", "THREATEN", "MOBILIZE"}
# acts whose ending is a concession: the conflict acts, and accusations ("dropped the
# charges", "dropped the investigation": the manual's CONCEDE covers acquittals)
UNDOABLE = CONFLICT_NOUN_TYPES | {"ACCUSE"}
# cooperative relations whose ending or cutting is a SANCTION
WITHDRAWABLE = {"AID", "COOPERATE"}


def _first_words(lex: Lexicon) -> frozenset[str]:
    """First words of the multi-word undo verbs ("call" of "call off")."""
    cache = lex.__dict__.setdefault("_cue_sets", {})
    if "_undo_first" not in cache:
        cache["_undo_first"] = frozenset(v.split()[0] for v in lex.cue("undo_verbs") if " " in v)
    return cache["_undo_first"]


def _undo(tok: Token, lex: Lexicon) -> Candidate | None:
    """"lifted the curfew", "called off the strike": ending a conflictual action."""
    lemma = tok.lemma_.lower()
    undo = lex.cue("undo_verbs")
    if lemma not in undo and lemma not in _first_words(lex):
        return None  # the common case, decided without looking at the children
    prt = [c.lower_ for c in tok.children if c.dep_ == "prt"]
    if prt:
        lemma = f"{lemma} {prt[0]}"
    if lemma not in undo or not _is_verbal(tok):
        return None
    objs = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    if not objs:
        # "shortened by one hour the nightly curfew imposed ...": a late object the parser
        # read as the subject of a clause hanging from the verb
        objs = [g for c in tok.children if c.dep_ in {"ccomp", "advcl"} and c.i > tok.i
                for g in c.children if g.dep_ == "nsubj" and tok.i < g.i < c.i]
    for obj in objs:
        inner = lex.nouns.get(obj.lemma_.lower())
        if inner is None:
            # "lifted the state of emergency", "eased emergency measures"
            for sub in obj.children:
                if sub.dep_ in {"compound", "amod"} or (sub.dep_ == "prep" and sub.lower_ == "of"):
                    for g in [sub, *sub.children]:
                        inner = inner or lex.nouns.get(g.lemma_.lower())
        if inner is None:
            # "lifted a state of emergency": the noun's own phrase
            ph = _phrase(obj, lex)
            inner = ph[0] if ph else None
        if inner is not None and (inner.event_type in WITHDRAWABLE or inner.mode == "third-party"):
            # "ended mediation efforts", "cut off cooperation": reducing a cooperative
            # relation is SANCTION (manual: withdrawing from mediation is 'withdraw')
            mode = "withdraw" if inner.mode == "third-party" else "discontinue"
            return Candidate(tok, Trigger("SANCTION", mode, "verbs", lemma), obj)
        if inner is None or inner.event_type not in UNDOABLE:
            continue
        if inner.event_type == "ASSAULT":
            return Candidate(tok, Trigger("RETREAT", "ceasefire", "verbs", lemma), obj)
        return Candidate(tok, Trigger("CONCEDE", None, "verbs", lemma), obj)
    return None


# entity types whose multi-word names are not acts
NAME_ENTS = {"ORG", "FAC", "WORK_OF_ART", "LAW", "PERSON"}


def _may_phrase(t: TokenTable, i: int, phrases: dict) -> bool:
    """Whether ``_phrase`` can match at token i, read from the token table: its lemma heads
    a phrase, or a compound/amod child's lemma heads a reversed one with it."""
    if t.lemma[i] in phrases:
        return True
    lemma = t.lemma[i]
    return any(t.dep[c] in {"compound", "amod", "nmod"} and lemma in phrases.get(t.lemma[c], ())
               for c in t.children[i])


def _may_single(t: TokenTable, i: int, lex: Lexicon) -> bool:
    """Whether a single-word trigger can match at token i: its lemma or its lower form
    (plural stripped, as ``noun_lemma`` reads it) is in the lexicon."""
    lemma, low = t.lemma[i], t.lower[i]
    return lemma in lex.verbs or lemma in lex.nouns or low in lex.nouns or (
        low.endswith("s") and low[:-1] in lex.nouns)


def _nominal_with_amod(t: TokenTable, i: int) -> bool:
    """``_is_nominal(tok)`` and a child ``amod``, read from the token table."""
    tag = t.tag[i]
    nominal = t.pos[i] in NOUN_POS or tag.startswith("NN") or (
        t.dep[i] in {"dobj", "pobj", "nsubj"} and not tag.startswith("VB"))
    return nominal and any(t.dep[c] == "amod" for c in t.children[i])


def find_candidates(sent: Span, lex: Lexicon) -> list[Candidate]:
    """Every lexicon match in a sentence, phrases preferred over single words."""
    # cheap filters on the token table first; spaCy Tokens only for possible matches
    doc = sent.doc
    t = token_table(doc)
    span = range(sent.start, sent.end)
    out: list[Candidate] = []
    used: set[int] = set()
    undo, first = lex.cue("undo_verbs"), _first_words(lex)
    for i in span:
        if t.lemma[i] not in undo and t.lemma[i] not in first:
            continue
        und = _undo(doc[i], lex)
        if und is not None:
            out.append(und)
            used.update({i, und.extra.i})
    # phrases of a noun and its adjective first: "a scathing attack" names the act more
    # precisely than "launch attack" around it
    phrasal = [i for i in span if _may_phrase(t, i, lex.phrases)]
    for i in sorted(phrasal, key=lambda i: not _nominal_with_amod(t, i)):
        ph = _phrase(doc[i], lex) if i not in used else None
        if ph is not None and ph[1].i in used:
            continue
        if ph is not None:
            trig, extra = ph
            # a reversed compound ("hunger strike") is headed by the noun
            out.append(Candidate(doc[i], trig, extra))
            used.update({i, extra.i})
    for i in span:
        if i in used or t.ent_type[i] in {"DATE", "TIME"} or not _may_single(t, i, lex):
            continue  # "since March": a month, not a march
        tok = doc[i]
        lemma = t.lemma[i]
        if _headline_act(tok, lex):
            # "Rebel Front Shelling of X": a Title Case headline's act that the tagger
            # swallowed into the name of its author
            out.append(Candidate(tok, lex.nouns.get(noun_lemma(tok, lex)) or lex.verbs[lemma]))
            continue
        if tok.ent_type_ in NAME_ENTS and tok.ent_iob_ == "I" or (
                tok.ent_type_ in NAME_ENTS and tok.ent_iob_ == "B" and tok.i + 1 < len(tok.doc)
                and tok.doc[tok.i + 1].ent_iob_ == "I"):
            continue  # a word of a name ("the Ceasefire Violations Committee")
        if _is_verbal(tok) and lemma in lex.verbs:
            if not _object_sense_ok(tok, lemma, lex):
                continue
            out.append(Candidate(tok, lex.verbs[lemma]))
        elif _is_nominal(tok) and lemma in lex.nouns:
            out.append(Candidate(tok, lex.nouns[lemma]))
        elif tok.pos_ == "PROPN" and tok.text[:1].isupper() and noun_lemma(tok, lex) in lex.nouns:
            # a capitalised headline noun the tagger read as a name ("Airstrikes on X")
            out.append(Candidate(tok, lex.nouns[noun_lemma(tok, lex)]))
        elif tok.pos_ == "NOUN" and lemma in lex.verbs and tok.dep_ == "ROOT":
            out.append(Candidate(tok, lex.verbs[lemma]))
    return sorted(out, key=lambda c: c.token.i)


def _object_sense_ok(tok: Token, lemma: str, lex: Lexicon) -> bool:
    """Whether a verb trigger's object frame fits its lexicon sense: "return" hands
    something back only with an object ("negotiators return to Geneva" is a trip), and a
    performing verb with a plain object ("undertook a mediation mission") is the act its
    object names, not a promise (its object noun becomes the event)."""
    deps = {c.dep_ for c in tok.children}
    if lemma in lex.cue("transitive_only_verbs"):
        # a late object is sometimes parsed as an adverbial noun ("returned to X 21 frogs")
        return bool(deps & {"dobj", "nsubjpass", "auxpass"}) or any(
            c.dep_ == "npadvmod" and c.pos_ == "NOUN" and c.ent_type_ not in {"DATE", "TIME"}
            and any(g.dep_ == "nummod" for g in c.children) for c in tok.children)
    if lemma in lex.cue("performing_verbs"):
        return "dobj" not in deps or bool(deps & {"xcomp", "ccomp"})
    return True


def noun_lemma(tok: Token, lex: Lexicon) -> str:
    """The event-noun lemma of a capitalised word the tagger read as a name
    ("Airstrikes" -> "airstrike")."""
    low = tok.lower_
    if low in lex.nouns:
        return low
    return low[:-1] if low.endswith("s") and low[:-1] in lex.nouns else tok.lemma_.lower()


def _headline_act(tok: Token, lex: Lexicon) -> bool:
    """A Title Case act word inside a name entity, after the name's own words and before
    its object ("Rebel Front Shelling of X", "Army Airstrikes on Y"): an event, not a name."""
    if tok.ent_type_ not in NAME_ENTS or tok.ent_iob_ != "I" or not tok.text[:1].isupper():
        return False
    noun = noun_lemma(tok, lex)
    if noun not in lex.nouns and not (tok.tag_ == "VBG" and tok.lemma_.lower() in lex.verbs):
        return False
    if noun in lex.nouns and lex.nouns[noun].event_type not in CONFLICT_NOUN_TYPES:
        return False  # "the Peace Talks Committee": cooperative words name bodies
    # its author before it, its target after it in a preposition
    return any(c.dep_ == "compound" for c in tok.children) and any(
        c.dep_ == "prep" and c.lower_ in {"of", "on", "against"} for c in tok.children)


def _license(cand: Candidate, lex: Lexicon) -> bool:
    """Whether an event noun is used as an event, and set its predicate."""
    tok = cand.token
    if cand.trigger.kind == "verbs" or (cand.trigger.kind == "phrases" and _is_verbal(tok)):
        cand.predicate = tok
        return True
    support = lex.cue("support_verbs")
    head = tok.head
    if not support.isdisjoint(_forms(head)):
        # a light verb the lemmatiser missed ("staged" -> "stag"): accept its lemma too
        support = support | {head.lemma_.lower()}
    if tok.dep_ == "ROOT":
        cand.predicate = tok
        return True
    if tok.dep_ in {"dobj", "nsubj", "nsubjpass", "attr"} and head.lemma_.lower() in support:
        cand.predicate = head
        return True
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in support:
        cand.predicate = head.head
        return True
    if tok.dep_ == "pobj" and head.lower_ == "for" and \
            head.head.lemma_.lower() in lex.cue("motion_verbs"):
        # "return to Geneva for talks": the trip's purpose is the event
        cand.predicate = head.head
        return True
    if tok.dep_ == "compound" and head.dep_ in {"dobj", "attr"} and \
            head.head.lemma_.lower() in support and head.lemma_.lower() in lex.cue("activity_nouns"):
        # "undertook a mediation mission": the act named by the object's modifier
        cand.predicate = head.head
        return True
    if tok.dep_ == "conj":
        # "held talks and consultations": follow the first conjunct
        first = tok
        while first.dep_ == "conj":
            first = first.head
        if first is not tok and first.dep_ in {"dobj", "attr"} and first.head.lemma_.lower() in support:
            cand.predicate = first.head
            return True
    return False


def _forms(tok: Token) -> set[str]:
    """The lemma of a verb and naive stems of its inflected form, for lookups that must
    survive lemmatiser slips ("staged" lemmatised as "stag")."""
    low = tok.lower_
    out = {tok.lemma_.lower(), low}
    if tok.pos_ in {"VERB", "AUX"}:
        for suffix in ("d", "ed", "s", "es"):
            if low.endswith(suffix) and len(low) > len(suffix) + 2:
                out.add(low[: -len(suffix)])
    return out


def _path_to(tok: Token, anc: Token) -> list[Token]:
    path = []
    cur = tok
    while cur.i != anc.i:
        path.append(cur)
        if cur.head.i == cur.i:
            return []
        cur = cur.head
    return path


def governing(cands: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """Keep the triggers that head events; attach dominated ones as ``content``."""
    keep = [c for c in cands if _license(c, lex)]
    # unlicensed nouns still count as content of a governing trigger ("rejected the offer")
    all_by_tok = {c.token.i: c for c in cands}
    result: list[Candidate] = []
    for c in keep:
        dominated = None
        for anc in c.token.ancestors:
            if anc.i in all_by_tok:
                path = _path_to(c.token, anc)
                # coordination keeps separate events: a trigger joined to this one only
                # by conj ("rejected the plan and continued the attack") is a sibling, and
                # the search goes on above it
                if not path or all(t.dep_ == "conj" for t in path) or path[-1].dep_ == "conj":
                    continue
                dominated = all_by_tok[anc.i]
                break
        # an event noun licensed by a light verb that is itself a trigger
        # ("offered talks") is that trigger's content
        if dominated is None and c.predicate is not None and c.predicate.i != c.token.i:
            dominated = all_by_tok.get(c.predicate.i)
        if dominated is not None:
            dominated.content.append(c)
            continue
        result.append(c)
    return result


def in_background(tok: Token, lex: Lexicon) -> bool:
    """Whether a token sits under a background preposition ("following the killing")."""
    preps = lex.cue("background_preps")
    cur = tok
    while cur.head.i != cur.i:
        if cur.dep_ in {"prep", "mark"} and cur.lemma_.lower() in preps:
            return True
        if cur.dep_ == "pcomp" and cur.head.lemma_.lower() in preps:
            return True
        cur = cur.head
    return False
