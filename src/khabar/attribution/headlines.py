"""Title-case headlines: "Conservative Icon Morton Blackwell Endorses Ted Cruz" (round 6).

The small English model reads a capitalised verb in a headline as part of a proper name
("Blackwell Endorses Ted Cruz" is one PROPN run), so neither the rules nor the learned
model see a verb there. In the first line of an article that has no cue yet, a word that
is not tagged as a verb but whose lower-cased form (less a third-person "s"/"es") is a
reporting verb of the lexicon (speech, report, object or prepositional cues; not beliefs,
which need a clause) is taken as the cue: the words before it are the source, the words
after it the content. PolNeAR marks such headline attributions (train: about one headline
in two holds one).
"""

from __future__ import annotations

from spacy.tokens import Doc

from khabar.attribution.clauses import Candidate, doc_text, trim
from khabar.attribution.lexicon import CueLexicon

_MAX_WORDS = 20  # a longer first line is a paragraph, not a headline
_MAX_SOURCE = 5  # words before the verb: a name with its title ("Jeb Bush Super PAC Chief")


def _verb_lemma(word: str, lex: CueLexicon) -> str | None:
    lower = word.lower()
    cues = lex.speech | lex.report | lex.object_cues
    for lemma in (lower, lower[:-1] if lower.endswith("s") else None, lower[:-2] if lower.endswith("es") else None):
        if lemma and (lemma in cues or lemma in lex.prep_cues) and lemma not in lex.quote_only:
            return lemma
    return None


def headline_cues(doc: Doc, lex: CueLexicon, found: list[Candidate]) -> list[Candidate]:
    """The attribution of a title-case headline whose verb the parser missed, or none.

    Args:
        doc: the parsed article.
        lex: the cue lexicon.
        found: candidates already found; a headline with one of their cues is left alone.
    """
    text = doc_text(doc)
    end = text.find("\n")
    if end <= 0:
        return []
    if any(c.cue is not None and c.cue[0] < end for c in found):
        return []
    words = [t for t in doc if t.idx < end and not t.is_space]
    if not 3 <= len(words) <= _MAX_WORDS:
        return []
    start = words[0].idx
    for k, tok in enumerate(words[1:-1], start=1):
        # A headline's verb is in the present, third person ("Endorses", "Slams"); a bare
        # form is more often a noun ("Post", "State", "Back") or an infinitive ("Votes To Condemn").
        if tok.pos_ in ("VERB", "AUX") or not tok.text[:1].isupper() or not tok.lower_.endswith("s"):
            continue
        if _verb_lemma(tok.text, lex) is None or not words[k - 1].text[:1].isupper() or k > _MAX_SOURCE:
            continue
        first = k
        while first > 1 and words[first - 1].lower_.endswith("ly") and len(words[first - 1]) > 4:
            first -= 1  # "Donald Trump Finally Endorses": the adverb is part of the cue
        source = trim(text, start, words[first - 1].idx + len(words[first - 1]))
        content = trim(text, tok.idx + len(tok), end)
        if source[1] > source[0] and content[1] > content[0]:
            return [Candidate("indirect", content, (words[first].idx, tok.idx + len(tok)), source,
                              words[first - 1], tok)]
        return []
    return []
