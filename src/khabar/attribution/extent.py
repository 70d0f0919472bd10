"""How far a verb cue reaches to its right: "said in a statement Saturday", "fired back at".

PolNeAR cue spans often take in what follows the verb: a day ("said Wednesday"), the
setting ("said in a statement"), the preposition that introduces the content ("campaigning
against"), an object that is part of the predicate ("expressed concern"). Which of these a
cue takes in is learned as inclusion rates from the *train* split
(``khabar.attribution.train``): for each right child adjacent to the cue, keyed by its
relation (with the cue's lemma when that key was seen often enough), the share of gold
cues that include it. The table of rates (labels and lemmas, no text) ships inside the
cue model file.
"""

from __future__ import annotations

from spacy.tokens import Token

from khabar.attribution.clauses import doc_text

MIN_SEEN = 5
_SKIP = {"punct", "cc", "conj", "ccomp", "advcl", "parataxis", "nsubj", "relcl"}


def _relation(child: Token) -> str:
    if child.dep_ == "prep":
        return f"prep:{child.lower_}"
    if child.dep_ in ("npadvmod", "advmod"):
        return f"{child.dep_}:{child.ent_type_ or child.lower_}"
    if child.dep_ in ("dobj", "attr", "acomp"):
        return f"{child.dep_}:{child.lemma_.lower()}"
    return child.dep_


def extension_keys(verb: Token, child: Token, holds_content: bool) -> list[str]:
    """Keys of one right child of a cue verb, most specific first."""
    rel = _relation(child)
    base = rel.split(":")[0] if child.dep_ in ("dobj", "attr", "acomp") else rel
    tag = "c" if holds_content else "n"
    lemma = verb.lemma_.lower()
    if child.pos_ == "PRON":
        # A pronoun object is rarely part of the cue ("called him", 6% on train), whatever the
        # verb's other objects do: its own rate comes before the verb's.
        return [f"{tag}|{lemma}|{rel}", f"{tag}|{rel}", f"{tag}|{lemma}|{base}", f"{tag}|{base}"]
    return [f"{tag}|{lemma}|{rel}", f"{tag}|{lemma}|{base}", f"{tag}|{rel}", f"{tag}|{base}"]


def right_children(verb: Token):
    """The verb's children after it, in order, that could continue a cue."""
    return [c for c in verb.children if c.i > verb.i and c.dep_ not in _SKIP]


def extend_cue(verb: Token, cue: tuple[int, int], content: tuple[int, int],
               rates: dict[str, float], source: tuple[int, int] | None = None) -> tuple[int, int]:
    """The cue span grown over the adjacent right children the rates take in.

    A child whose subtree holds the content adds only its words before the content ("at" of
    "fired back at X"); growing stops at the first child not taken in or not adjacent, and
    before the source ("... said the Syrian Observatory", a source the parser took for the
    verb's object).
    """
    text = doc_text(verb.doc)
    start, end = cue
    for child in right_children(verb):
        first = child.left_edge
        last = child.right_edge
        if source is not None and first.idx < source[1] and source[0] < last.idx + len(last):
            break
        gap = text[end:first.idx] if first.idx >= end else None
        if gap is None or gap.strip():
            if child.idx < end:
                continue  # already inside the cue (a particle, the preposition of "call for")
            break
        holds = first.idx <= content[0] < child.right_edge.idx + len(child.right_edge)
        rate = next((rates[k] for k in extension_keys(verb, child, holds) if k in rates), 0.0)
        if rate <= 0.5:
            break
        if holds:
            words = [t for t in child.subtree if t.idx + len(t) <= content[0]]
            if not words:
                break
            end = max(t.idx + len(t) for t in words)
            break
        end = child.right_edge.idx + len(child.right_edge)
    return start, end


def count_extensions(verb: Token, fragment: tuple[int, int], content: tuple[int, int] | None,
                     counts: dict[str, list[int]]) -> None:
    """Add one gold cue's evidence: for each adjacent right child, whether the cue takes it in."""
    text = doc_text(verb.doc)
    end = verb.idx + len(verb)
    for c in verb.children:  # the particle and auxiliary words the rules already add
        if c.dep_ == "prt" and c.i == verb.i + 1:
            end = c.idx + len(c)
    for child in right_children(verb):
        first = child.left_edge
        if first.idx < end:
            continue
        if text[end:first.idx].strip():
            break
        holds = content is not None and first.idx <= content[0] < child.right_edge.idx + len(child.right_edge)
        taken = fragment[0] <= child.idx < fragment[1] or fragment[0] <= first.idx < fragment[1]
        for k in extension_keys(verb, child, holds):
            n = counts.setdefault(k, [0, 0])
            n[0] += taken
            n[1] += 1
        if not taken:
            break
        end = min(fragment[1], child.right_edge.idx + len(child.right_edge))


def rates_of(counts: dict[str, list[int]]) -> dict[str, float]:
    """Inclusion rates of the keys seen at least ``MIN_SEEN`` times."""
    return {k: round(a / n, 3) for k, (a, n) in sorted(counts.items()) if n >= MIN_SEEN}
