"""Block quotations: a cue paragraph ending in a colon, the words in the next paragraph.

    Cruz continued:
    It's typical of the establishment. ...

News sites set long quotations off as a paragraph of their own, without quote marks; the
paragraph before names the speaker and ends with the cue and a colon. PolNeAR marks the cue
verb (with its auxiliaries) and the whole next paragraph as content.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from khabar.attribution.clauses import Candidate, cue_span, doc_text, source_span, subject, trim
from khabar.attribution.lexicon import CueLexicon

_COLON_END = re.compile(r":[ \t]*\n+(?=[^\n])")
_QUOTES = set('"“”„«»‟')


def block_quotes(doc: Doc, lex: CueLexicon, used: set[int]) -> list[Candidate]:
    """Candidates for `X said:` paragraphs followed by an unquoted paragraph.

    Args:
        doc: the parsed article.
        lex: the cue lexicon (saying, report and continuation verbs are cues here).
        used: token indices already taken as cues (a quotation after the colon has its own).
    """
    text = doc_text(doc)
    out = []
    for m in _COLON_END.finditer(text):
        start = m.end()
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start] in _QUOTES or len(text[start:end].split()) < 3:
            continue  # a quotation in marks: direct.py reads it
        colon = doc.char_span(m.start(), m.start() + 1, alignment_mode="expand")
        if colon is None:
            continue
        sent = colon[0].sent
        verbs = [t for t in sent if t.pos_ == "VERB" and t.i not in used and t.i < colon[0].i
                 and (lex.is_verb_cue(t.lemma_.lower()) or t.lemma_.lower() in lex.continuation_cues)
                 and not any(c.dep_ in ("ccomp", "dobj", "xcomp") and t.i < c.i < colon[0].i for c in t.children)]
        if not verbs:
            continue
        verb = verbs[-1]
        src, passive = subject(verb)
        if src is None and not passive:
            continue
        out.append(Candidate("direct", trim(text, start, end), cue_span(verb),
                             source_span(src) if src is not None else None, src, verb))
    return out
