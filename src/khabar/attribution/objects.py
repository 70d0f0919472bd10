"""Contents of learned verb cues beyond clauses and noun objects, and acts that are not reports.

Round 5 (docs/attribution.md). On the held-aside PolNeAR train articles, 165 gold cues the
model accepted yielded no candidate because no content was found. PolNeAR marks as content:

- an object with its complement ("called the plan a disaster", "described herself as
  conservative"): the object through the complement;
- a pronoun object ("had endorsed him", "which Clinton also supports"): the pronoun alone;
- the subject of a passive cue without other content ("the compromise had been reported"):
  the subject, the source being the agent, if any.

The other way round, in conflict news a verb of physical violence ("targeted the area",
"attacked a military base") has a concrete object, not something said. Such verbs are listed
as ``act_verbs`` in the cue lexicon; a learned cue among them whose content would be just
its object is no cue, and a rule cue among them ("attack" is an object cue for "attacked
the plan") is dropped when its object or the verb's modifiers name a place or an instrument.
"""

from __future__ import annotations

from spacy.tokens import Token

from khabar.attribution.clauses import subtree_span
from khabar.attribution.lexicon import CueLexicon

_RELATIVE = {"which", "who", "whom", "that"}
# Pronoun objects too vague to be a content ("did it", "said this").
_VAGUE = {"it", "this", "that"}
_PLACES = ("GPE", "LOC", "FAC")
# Modifiers of a violent act that mark it as physical: a place ("in Idlib") or an instrument.
_ACT_PREPS = {"with", "in", "near", "on", "at"}


def _through(first: Token, last: Token) -> tuple[int, int]:
    return first.left_edge.idx, last.right_edge.idx + len(last.right_edge)


def object_complement(tok: Token) -> tuple[int, int] | None:
    """The object and its complement after a verb ("called X Y", "described X as Y"), or None."""
    objs = [c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i]
    if not objs:
        return None
    comp = [c for c in tok.children if c.i > objs[0].i and (c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ == "as")]
    return _through(objs[0], comp[0]) if comp else None


def widen_to_complement(tok: Token, span: tuple[int, int]) -> tuple[int, int]:
    """A lexicon content that starts at the verb's object grows over an object predicate
    ("called the airstrikes an outrage")."""
    objs = [c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i]
    comp = [c for c in tok.children if c.dep_ == "oprd" and objs and c.i > objs[0].i]
    if comp and span[0] >= objs[0].left_edge.idx:
        return _through(objs[0], comp[0])
    return span


def extra_content(tok: Token) -> tuple[tuple[int, int] | None, str | None]:
    """Content of a learned verb cue when no clause, infinitive or noun object gives one.

    Returns the span and how it was found: "object" (object with its complement),
    "pronoun" (a one-word pronoun content, allowed despite the two-word minimum) or
    "passive" (the passive subject, whose source is the agent); (None, None) otherwise.
    """
    pronouns = [c for c in tok.children if c.dep_ == "dobj" and (
        c.pos_ == "PRON" and c.lower_ not in _VAGUE or c.lower_ in _RELATIVE and tok.dep_ == "relcl")]
    if pronouns:
        both = object_complement(tok)
        if both is not None:
            return both, "object"
        o = pronouns[0]
        return (o.idx, o.idx + len(o)), "pronoun"
    both = object_complement(tok)
    if both is not None:
        return both, "object"
    subjects = [c for c in tok.children if c.dep_ == "nsubjpass"]
    if subjects and subjects[0].lower_ not in _RELATIVE and subjects[0].pos_ != "PRON":
        return subtree_span(subjects[0]), "passive"
    return None, None


def agent(tok: Token) -> Token | None:
    """The object of a passive verb's "by" agent, or None."""
    for c in tok.children:
        if c.dep_ == "agent":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def _object_content(tok: Token, lex: CueLexicon, span: tuple[int, int]) -> Token | None:
    """The direct object when an act verb's content starts at it, else None."""
    lemma = tok.lemma_.lower()
    if lemma not in lex.act_verbs or lemma in lex.speech or lemma in lex.belief or lemma in lex.report:
        return None
    # The object, or the subject of a passive act ("a convoy was targeted").
    return next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and c.left_edge.idx == span[0]), None)


def _act_noun(obj: Token, lex: CueLexicon) -> bool:
    """An assault noun, also behind a quantity ("a series of attacks", "rounds of fighting")."""
    if obj.lemma_.lower() in lex.act_nouns:
        return True
    return any(p.dep_ == "prep" and p.lower_ == "of" and any(
        g.dep_ == "pobj" and g.lemma_.lower() in lex.act_nouns for g in p.children) for p in obj.children)


def is_military_action(tok: Token, lex: CueLexicon, span: tuple[int, int]) -> bool:
    """Whether a light verb of military action has an assault noun for object ("launched a
    surprise assault against ...", "is witnessing fierce battles", "has seen several rounds of
    heavy fighting"): an act in conflict news, not a report (round 6). An object with a
    complement ("sees the violence as a problem") stays a judgement."""
    lemma = tok.lemma_.lower()
    if not (lemma in lex.act_light_verbs or tok.lower_ in lex.act_light_verbs) or lemma in lex.speech \
            or lemma in lex.belief or lemma in lex.report or object_complement(tok) is not None:
        return False
    # "as" may hang on the object itself ("see police violence ... as a problem").
    return any(c.dep_ in ("dobj", "nsubjpass") and _act_noun(c, lex)
               and not any(p.dep_ == "prep" and p.lower_ == "as" for p in c.children) for c in tok.children)


def is_act(tok: Token, lex: CueLexicon, span: tuple[int, int]) -> bool:
    """Whether a learned verb cue is a physical act whose content would be only its object
    (or its passive subject)."""
    return _object_content(tok, lex, span) is not None or is_military_action(tok, lex, span)


def is_physical_act(tok: Token, lex: CueLexicon, span: tuple[int, int]) -> bool:
    """Whether a rule cue is an act verb on a place, or with a place or instrument modifier
    ("attacked Saraqeb", "targeted the area with rockets"), rather than on a person or an
    idea ("attacked the plan"): on PolNeAR train the rule cue "attack" is almost always the
    latter, on FA-KES often the former."""
    if is_military_action(tok, lex, span):
        return True
    obj = _object_content(tok, lex, span)
    if obj is None:
        return False
    if obj.ent_type_ in _PLACES or obj.lemma_.lower() in lex.act_objects:
        return True
    return any(p.dep_ == "prep" and p.lower_ in _ACT_PREPS
               and any(g.dep_ == "pobj" and (g.ent_type_ in _PLACES or p.lower_ == "with") for g in p.children)
               for h in (tok, obj) for p in h.children)
