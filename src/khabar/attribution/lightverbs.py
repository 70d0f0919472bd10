"""Light verbs with a cue noun: "raised questions about X", "took issue with X" (round 6).

PolNeAR marks the whole verb phrase up to the preposition as the cue and the preposition's
object as the content ("has made favorable comments about", "took issue with"). When the
learned model accepts the noun but the noun has no clause of its own, ``learned.py`` finds no
candidate for it; this module builds one from the verb it is the object of: the cue runs
from the verb (with its auxiliaries) to the preposition, the content is the preposition's
object and the source the verb's subject. A light verb of military action with an assault
noun ("launched an assault on the town") is an act, not a report (``objects.py``).
"""

from __future__ import annotations

from spacy.tokens import Token

from khabar.attribution.clauses import Candidate, clip_to_paragraph, cue_span, doc_text, source_span, subject, trim
from khabar.attribution.lexicon import CueLexicon
from khabar.attribution.objects import is_military_action

# Prepositions that introduce what the noun is about ("questions about", "issue with").
_PREPS = {"of", "about", "for", "to", "on", "against", "with", "over", "toward", "towards", "at"}


def light_verb_candidate(noun: Token, lex: CueLexicon, taken: set[int]) -> Candidate | None:
    """The attribution of a cue noun that is the object of a verb, or None.

    Args:
        noun: a noun the model accepts as a cue.
        lex: the cue lexicon.
        taken: token indices already cues (the verb must not be one: a verb cue grows over
            its object itself, ``learned.reach_object``).
    """
    verb = noun.head
    # A long object ("gave a capacity crowd of 700 a ruminative endorsement of") is no light verb.
    if noun.dep_ != "dobj" or verb.pos_ not in ("VERB", "AUX") or not 0 < noun.i - verb.i <= 4 \
            or verb.i in taken:
        return None
    preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in _PREPS and c.i > noun.i]
    preps += [c for c in verb.children if c.dep_ == "prep" and c.lower_ in _PREPS
              and c.i == noun.right_edge.i + 1]
    objects = [g for p in preps[:1] for g in p.children if g.dep_ in ("pobj", "pcomp")]
    # "criticism on Tuesday" is a date; "faced questions about", "won the endorsement of X":
    # the subject receives what the noun says (``receiving_verbs`` in the lexicon).
    if not objects or objects[0].ent_type_ in ("DATE", "TIME") or verb.lemma_.lower() in lex.receiving_verbs:
        return None
    if verb.lemma_.lower() == "have" and objects[0].head.lower_ == "of":
        return None  # "has the support of X": X supports
    src, passive = subject(verb)
    if src is None or passive:
        return None
    text = doc_text(noun.doc)
    obj = objects[0]
    content = clip_to_paragraph(text, trim(text, obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge)),
                                noun.idx)
    if content[1] <= content[0] or is_military_action(verb, lex, (noun.left_edge.idx, content[1])):
        return None
    if noun.lemma_.lower() in lex.act_nouns and not (obj.ent_type_ == "PERSON" or obj.pos_ == "PRON"):
        return None  # "continuing their assault on the stronghold"; "attacks on Rubio" is a report
    prep = obj.head
    cue = (cue_span(verb)[0], prep.idx + len(prep))
    return Candidate("indirect", content, cue, source_span(src), src, noun)
