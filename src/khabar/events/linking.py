"""Linking an event to its place, date, mediators and the terms of a deal.

Places and dates come from the places/time stage (``ctx.places``, ``ctx.dates``); this
module only chooses among them: the one governed by the event clause through a
preposition, else the sentence's, else (places only) the article's most mentioned place,
and records why in ``PlaceRef.reason``.
"""

from __future__ import annotations


from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from khabar.annotate.tokens import token_table
from khabar.context import Annotated
from khabar.events.lexicon import Lexicon
from khabar.events.roles import RoleFinder
from khabar.model import ActorRef, DateRef, PlaceRef, Span
from khabar.resolve.places.main import lead_end

LOC_PREPS = {"in", "at", "near", "into", "inside", "around", "outside", "across", "on", "from",
             "toward", "towards", "through", "within"}
# prepositions of the place a report was made at ("said in", "told reporters at", "spoke from")
_REPORTED_AT = {"in", "at", "from"}


def clause_tokens(pred: Token) -> list[Token]:
    """The predicate's own clause: its subtree minus embedded clauses of other events."""
    out = []
    for child in pred.children:
        if child.dep_ in {"ccomp", "conj", "advcl", "parataxis", "relcl"}:
            continue
        out.extend(child.subtree)
    out.append(pred)
    return out


def link_location(ctx: Annotated, pred: Token, sent: SpacySpan,
                  args: list[ActorRef] = (), clause: list[Token] | None = None,
                  speech: frozenset[str] | set[str] = frozenset()) -> PlaceRef | None:
    """The event's place, with the reason it was chosen.

    A place named as one of the event's own parties ("talks with Russia") is not where
    it happened, so places overlapping the arguments are passed over in the fallbacks;
    nor is the place where a report of it was made ("X said in Turkey the attack had
    killed ...": ``speech``, the lemmas of reporting verbs). ``clause`` is
    ``clause_tokens(pred)`` when the caller has it already.
    """
    text = ctx.article.text
    level = _parenthesis_depth(text, sent.start_char, pred.idx)
    for tok in clause if clause is not None else clause_tokens(pred):
        if tok.dep_ == "prep" and tok.lower_ in LOC_PREPS:
            objs = [g for g in tok.children if g.dep_ == "pobj"]
            for o in objs:
                last = o.right_edge  # the subtree's first and last words bound the phrase
                # a place in a parenthesis describes, it does not locate ("fighters from
                # al-Nusra Front (al-Qaeda's branch in the Levant)")
                hits = [p for p in _scenes(ctx.places_in(o.left_edge.idx, last.idx + len(last.text)))
                        if _parenthesis_depth(text, sent.start_char, p.start) <= level]
                if hits:
                    return hits[0].model_copy(update={"reason": f"governed by '{tok.text}'"})
    # a country named as a party somewhere in the sentence ("Russia said", "vetted by the
    # US") is not the scene unless a locative preposition governs it (handled above)
    parties = list(args) + ctx.actors_in(sent.start_char, sent.end_char)
    in_sent = [p for p in _scenes(ctx.places_in(sent.start_char, sent.end_char))
               if not any(p.start < a.end and a.start < p.end for a in args)
               and _parenthesis_depth(text, sent.start_char, p.start) <= level
               and not (p.precision in {"country", "region", None}
                        and any(p.start < a.end and a.start < p.end for a in parties))
               and not (speech and _said_at(pred, p, speech))]
    if in_sent:
        return in_sent[0].model_copy(update={"reason": "sentence"})
    main = _article_place(ctx, sent)
    return main.model_copy(update={"reason": "article main place"}) if main is not None else None


def _said_at(pred: Token, place: PlaceRef, speech) -> bool:
    """Whether the place is where a report of the event was made ("said in Turkey",
    "speaking from Geneva"): the object of "in", "at" or "from" right after a reporting
    verb that the event's clause hangs under. A fronted "In Homs, state TV said ..." sets
    the scene of the whole sentence and is kept."""
    span = pred.doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    prep = root.head
    if root.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in _REPORTED_AT:
        return False
    verb = prep.head
    return verb.i < prep.i and verb.lemma_.lower() in speech and any(a.i == verb.i for a in pred.ancestors)


def _parenthesis_depth(text: str, start: int, at: int) -> int:
    """How many parentheses opened since ``start`` are still open at ``at``."""
    return max(0, text.count("(", start, at) - text.count(")", start, at))


def _scenes(places: list[PlaceRef]) -> list[PlaceRef]:
    """Places that can be where something happened: a dateline ("BEIRUT (AFP) -") says where
    the report was filed, not where its events took place."""
    return [p for p in places if p.reason != "dateline"]


def _article_place(ctx: Annotated, sent: SpacySpan) -> PlaceRef | None:
    """The article's main place as the scene of an event with no place of its own, when the
    lead or the event's paragraph names it: in a long report a place named in one paragraph
    ("a meeting next month in Las Vegas") is not where the others' events happen."""
    main = ctx.main_place
    text = ctx.article.text
    if main is None or not any(p.name == main.name and p.country == main.country for p in _scenes(ctx.places)):
        return None  # no main place, or one named only in the dateline
    if main.start < lead_end(text):
        return main
    start = text.rfind("\n", 0, sent.start_char) + 1
    end = text.find("\n", sent.end_char)
    end = len(text) if end < 0 else end
    named = any(p.name == main.name and p.country == main.country for p in _scenes(ctx.places_in(start, end)))
    return main if named else None


def link_date(ctx: Annotated, pred: Token, sent: SpacySpan,
              clause: list[Token] | None = None) -> DateRef | None:
    """The event's date: one in the clause, else one in the sentence."""
    clause = clause if clause is not None else clause_tokens(pred)
    lo = min(t.idx for t in clause)
    hi = max(t.idx + len(t.text) for t in clause)
    hits = ctx.dates_in(lo, hi) or ctx.dates_in(sent.start_char, sent.end_char)
    return hits[0] if hits else None


def _span(text: str, toks: list[Token]) -> Span | None:
    if not toks:
        return None
    toks = sorted(toks, key=lambda t: t.i)
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks:
        return None
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    return Span(text=text[start:end], start=start, end=end)


def mediators(roles: RoleFinder, sent: SpacySpan, lex: Lexicon) -> list[ActorRef]:
    """Third parties mediating or sponsoring in a sentence ("with Turkish mediation",
    "mediated/sponsored by X")."""
    nouns, verbs = lex.cue("mediation_nouns"), lex.cue("mediation_verbs")
    out: list[ActorRef] = []
    doc = sent.doc
    lemmas = token_table(doc).lemma
    for i in range(sent.start, sent.end):
        lemma = lemmas[i]
        if lemma not in nouns and lemma not in verbs:
            continue  # the common case, decided on the token table
        tok = doc[i]
        if lemma in nouns and tok.pos_ in {"NOUN", "PROPN"}:
            heads = [c for c in tok.children if c.dep_ in {"compound", "amod", "poss", "nmod"}]
            heads += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"]
            out += roles.refs(heads)
        elif lemma in verbs and tok.tag_ == "VBN" and lemma != "guarantee":
            out += roles.prep_args(tok, {"by"})
        elif lemma in verbs and tok.tag_ == "VBG" and lemma != "guarantee":
            out += roles.clause_subject(tok)
    seen, uniq = set(), []
    for r in out:
        if (r.start, r.end) not in seen:
            seen.add((r.start, r.end))
            uniq.append(r)
    return uniq


def terms(ctx: Annotated, trigger: Token, pred: Token, sent: SpacySpan, lex: Lexicon,
          condition: Token | None) -> dict[str, list[Span]]:
    """What is given for what in a proposal or agreement, the guarantor, deadline, condition."""
    # the article text: ``Doc.text`` would rebuild the string on every access
    doc = ctx.article.text
    out: dict[str, list[Span]] = {}
    text = doc[sent.start_char:sent.end_char].lower()
    # 'get': what the deal brings in exchange ("in exchange for halting the bombing")
    for marker in ("in exchange for", "in exchange of", "in return for", "in return of"):
        pos = text.find(marker)
        if pos < 0:
            continue
        start = sent.start_char + pos + len(marker)
        last = [t for t in sent if t.idx >= start]
        if last:
            first = last[0]
            # the object of the marker's last preposition and everything it governs
            sub = sorted(first.subtree, key=lambda t: t.i) if first.dep_ == "pobj" else last
            got = _span(doc, [t for t in sub if t.idx >= start])
            if got:
                out["get"] = [got]
        break
    # 'give': the content of the agreement/proposal (its complement or object)
    give: list[Token] = []
    stop = {t.i for t in sent if t.idx >= sent.start_char + text.find("in exchange")} \
        if "in exchange" in text else set()
    for child in trigger.children:
        if child.i < trigger.i:
            continue  # what precedes the trigger frames it, it is not the content
        if child.dep_ in {"xcomp", "ccomp", "acl", "dobj", "advcl"} or (
                child.dep_ == "prep" and child.lower_ in {"to", "on", "related", "for"}):
            give += [t for t in child.subtree if t.i not in stop]
        if child.dep_ == "acl" and child.lemma_.lower() == "relate":
            give += [t for t in child.subtree if t.i not in stop]
    give_span = _span(doc, give)
    if give_span and "get" in out and give_span.end > out["get"][0].start:
        give_span = _span(doc, [t for t in give if t.idx + len(t.text) <= out["get"][0].start
                                and t.text.lower() not in {"in", "exchange"}])
    if give_span:
        out["give"] = [give_span]
    # guarantor: "guaranteed by X"
    for tok in sent:
        if tok.lemma_.lower() in lex.cue("guarantor_cues"):
            agents = [g for c in tok.children if c.dep_ in {"agent", "prep"} and c.lower_ == "by"
                      for g in c.children if g.dep_ == "pobj"]
            for g in agents:
                sp = _span(doc, list(g.subtree))
                if sp:
                    out.setdefault("guarantor", []).append(sp)
    # deadline: a date under by/before/until/on in the sentence
    for d in ctx.dates_in(sent.start_char, sent.end_char):
        before = doc[max(sent.start_char, d.start - 8):d.start].lower().split()
        if before and before[-1] in lex.cue("deadline_preps") | {"on"}:
            out.setdefault("deadline", []).append(Span(text=d.text, start=d.start, end=d.end))
    if condition is not None:
        clause = condition.head
        sp = _span(doc, list(clause.subtree))
        if sp:
            out["condition"] = [sp]
    return out
