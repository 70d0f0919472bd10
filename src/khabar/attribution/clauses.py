"""Reported speech read from the dependency parse: cue, source and content of each attribution.

Covers cue-before and cue-after orders ("X said that ...", "..., X said"), bare and "that"
clauses (``ccomp``), infinitive complements of belief and intention cues ("wants to ..."),
parataxis ("The talks failed, he said"), passives ("it was reported that ...": no source),
"according to X" and nominal cues with a clause ("his announcement that ...").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from khabar.attribution.lexicon import CueLexicon

_EDGE_PUNCT = set(",;:—–-(") | {"…"}
_QUOTES = set('"“”„«»‟')
_XCOMP_SPEECH = {"promise", "vow", "pledge", "urge", "ask", "threaten", "refuse", "decline",
                 "agree", "offer", "plan", "propose", "demand", "advise", "order", "warn"}
_EXPLETIVE = {"it", "there"}
USE_OBJECTS = True


@dataclass
class Candidate:
    """One attribution before its speaker is resolved; offsets are article offsets."""

    kind: str
    content: tuple[int, int]
    cue: tuple[int, int] | None = None
    source: tuple[int, int] | None = None
    source_head: Token | None = None
    cue_token: Token | None = None
    floating: bool = False


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces and edge punctuation; keep a quotation's marks balanced."""
    while start < end and (text[start].isspace() or text[start] in _EDGE_PUNCT):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE_PUNCT or text[end - 1] == "."):
        end -= 1
    if start < end and text[start] in _QUOTES and text[end - 1] not in _QUOTES:
        # `"It is over,"` parsed as clause + comma: take the closing mark back in.
        probe = end
        while probe < len(text) and probe < end + 3 and text[probe] in ",.;:!? ":
            probe += 1
        if probe < len(text) and text[probe] in _QUOTES:
            end = probe + 1
    return start, end


def clip_to_paragraph(text: str, span: tuple[int, int], anchor: int) -> tuple[int, int]:
    """Cut a span at the line breaks around ``anchor``: a parse may run across a headline."""
    start, end = span
    brk = text.rfind("\n", start, anchor)
    if brk >= 0:
        start = brk + 1
    brk = text.find("\n", anchor, end)
    if brk >= 0:
        end = brk
    return trim(text, start, end)


def same_paragraph(a: Token, b: Token) -> bool:
    """No line break between two tokens (parses of unsplit headlines cross them)."""
    lo, hi = sorted((a.idx, b.idx))
    return "\n" not in a.doc.text[lo:hi]


def token_span(tokens) -> tuple[int, int]:
    toks = sorted(tokens, key=lambda t: t.i)
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def subtree_span(tok: Token, exclude: set[int] = frozenset()) -> tuple[int, int] | None:
    """The longest contiguous run of ``tok``'s subtree that avoids ``exclude`` (token indices)."""
    ids = sorted(t.i for t in tok.subtree if t.i not in exclude)
    if not ids:
        return None
    runs, run = [], [ids[0]]
    for i in ids[1:]:
        if i == run[-1] + 1:
            run.append(i)
        else:
            runs.append(run)
            run = [i]
    runs.append(run)
    best = max(runs, key=lambda r: (tok.i in r, len(r)))
    doc = tok.doc
    return doc[best[0]].idx, doc[best[-1]].idx + len(doc[best[-1]])


def cue_span(tok: Token) -> tuple[int, int]:
    """The cue verb with its particle ("point out", "go on")."""
    parts = [tok] + [c for c in tok.children if c.dep_ == "prt"]
    return token_span(parts)


def subject(verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """The source token of a cue verb and whether the cue is a sourceless passive.

    Inherits the subject of the governing verb for "..., saying that", "and added", xcomp.
    """
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and same_paragraph(c, verb)]
    if subjects:
        c = min(subjects, key=lambda s: abs(s.i - verb.i))
        return (None, True) if c.lower_ in _EXPLETIVE else (c, False)
    for c in verb.children:
        if c.dep_ == "agent":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return objs[0], False
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None, True
    if depth < 2 and verb.dep_ in ("advcl", "xcomp", "conj", "pcomp") and verb.head is not verb:
        return subject(verb.head, depth + 1)
    return None, False


def _content_of_verb(tok: Token, lemma: str, lex: CueLexicon, use_objects: bool = True) -> tuple[int, int] | None:
    comps = [c for c in tok.children if c.dep_ == "ccomp"]
    if comps:
        return subtree_span(comps[0])
    if lemma in lex.belief or lemma in _XCOMP_SPEECH:
        xcomps = [c for c in tok.children if c.dep_ == "xcomp"]
        if xcomps:
            return subtree_span(xcomps[0])
    if lemma in lex.object_cues:
        objs = [c for c in tok.children if c.dep_ == "dobj" and c.pos_ != "PRON"]
        if objs and use_objects:
            return subtree_span(objs[0])
    if lemma in lex.speech and tok.dep_ == "parataxis" and tok.head.pos_ in ("VERB", "AUX"):
        # "The talks failed, he said" / "He added, the factions agreed": the rest of the clause.
        own = {t.i for t in tok.subtree}
        return subtree_span(tok.head, own)
    return None


def verb_cues(doc: Doc, lex: CueLexicon, used: set[int]) -> list[Candidate]:
    """Attributions introduced by cue verbs with a clausal complement."""
    out = []
    text = doc.text
    for tok in doc:
        if tok.i in used or tok.pos_ not in ("VERB", "AUX"):
            continue
        lemma = tok.lemma_.lower()
        if not lex.is_verb_cue(lemma):
            continue
        span = _content_of_verb(tok, lemma, lex, USE_OBJECTS)
        if span is None:
            continue
        content = clip_to_paragraph(text, span, tok.idx)
        if content[1] - content[0] < 2 or len(text[content[0]:content[1]].split()) < 2:
            continue
        src, passive = subject(tok)
        if src is None and not passive:
            continue
        source = clip_to_paragraph(text, token_span(src.subtree), src.idx) if src is not None else None
        if source and content[0] <= source[0] < content[1]:
            source = trim(text, src.idx, src.idx + len(src))  # source nested in content
        kind = "reported" if (passive or lemma in lex.report and src is not None
                              and src.lemma_.lower() in lex.media_nouns) else "indirect"
        out.append(Candidate(kind, content, cue_span(tok), source, src, tok))
    return out


def according_to(doc: Doc, lex: CueLexicon) -> list[Candidate]:
    """"according to X" (and the other prepositional cues of the lexicon)."""
    out = []
    text = doc.text
    for sent in doc.sents:
        words = [t.lower_ for t in sent]
        for phrase in lex.according_to:
            n = len(phrase)
            for k in range(len(words) - n + 1):
                if tuple(words[k:k + n]) != phrase:
                    continue
                first, last = sent[k], sent[k + n - 1]
                objs = [c for c in last.children if c.dep_ == "pobj"]
                if not objs:
                    continue
                src = objs[0]
                phrase_ids = {t.i for t in first.subtree} | {t.i for t in last.subtree} | {first.i, last.i}
                content = _rest_of_sentence(sent, phrase_ids)
                if content is None:
                    continue
                out.append(Candidate("according_to", trim(text, *content),
                                     (first.idx, last.idx + len(last)),
                                     trim(text, *token_span(src.subtree)), src, first))
    return out


def _rest_of_sentence(sent: Span, exclude: set[int]) -> tuple[int, int] | None:
    """The longer side of a sentence around an excluded phrase."""
    lo, hi = min(exclude), max(exclude)
    left = [t for t in sent if t.i < lo and not t.is_punct]
    right = [t for t in sent if t.i > hi and not t.is_punct]
    side = left if len(left) >= len(right) else right
    if len(side) < 2:
        return None
    return token_span(side) if side is left else token_span([t for t in sent if t.i > hi])


def noun_cues(doc: Doc, lex: CueLexicon) -> list[Candidate]:
    """Nominal cues with a clause and an owner: "Lavrov's announcement that ..."."""
    out = []
    text = doc.text
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lex.nouns:
            continue
        clauses = [c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl")
                   and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
        owners = [c for c in tok.children if c.dep_ in ("poss", "compound") and c.i < tok.i]
        if not clauses or not owners:
            continue
        src = owners[0]
        content = trim(text, *subtree_span(clauses[0]))
        out.append(Candidate("indirect", content, (tok.idx, tok.idx + len(tok)),
                             trim(text, *token_span(src.subtree)), src, tok))
    return out
