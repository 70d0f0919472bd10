"""Direct quotes: quotations in marks, tied to the cue verb beside them or to the last speaker."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from khabar.attribution.clauses import Candidate, cue_span, doc_text, source_span, subject
from khabar.attribution.lexicon import CueLexicon
from khabar.attribution.labels import dash_credits
from khabar.attribution.quotemarks import Quotation, find_quotations

# Quotations shorter than this (scare quotes, titles) are direct quotes only beside a cue.
MIN_WORDS = 4
# How many tokens may separate a cue from the quotation it introduces or follows.
MAX_GAP = 7
# After a quotation the cue may follow a long apposition (`"...," X, a writer for Y, said`).
MAX_GAP_AFTER = 20
_WORD = re.compile(r"\w")


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="contract") if end > start else None
    return list(span) if span is not None else []


def _first_tokens(doc: Doc, start: int, end: int, limit: int) -> list[Token]:
    """``_tokens_between(doc, start, end)[:limit]``, without making the tokens past the limit."""
    span = doc.char_span(start, end, alignment_mode="contract") if end > start else None
    if span is None:
        return []
    return [doc[i] for i in range(span.start, min(span.end, span.start + max(limit, 0)))]


def _is_cue(tok: Token, lex: CueLexicon) -> bool:
    lemma = tok.lemma_.lower()
    return tok.pos_ in ("VERB", "AUX") and (lemma in lex.speech or lemma in lex.quote_only)


def _cue_after(doc: Doc, lex: CueLexicon, q: Quotation, limit: int) -> Token | None:
    """`"...," said X` / `"...," X told reporters`: a cue within the first tokens after.

    Without a comma closing the quotation (texts stripped of punctuation) the cue must
    follow closely.
    """
    text = doc_text(doc)
    tail = text[q.start:q.end].rstrip("\"“”„«»‟' ’")
    after = text[q.end:limit].lstrip()
    comma = tail.endswith((",", "?", "!", "—", "-")) or after.startswith((",", "—"))
    if not comma and not q.closed:
        return None
    for tok in _first_tokens(doc, q.end, limit, MAX_GAP_AFTER if comma else MAX_GAP):
        if tok.text in (".", "!", "?"):
            break
        if _is_cue(tok, lex) and not any(c.dep_ == "ccomp" and c.idx >= q.end for c in tok.children):
            return tok
    return None


def _cue_before(doc: Doc, lex: CueLexicon, q: Quotation, limit: int) -> Token | None:
    """`X said: "..."` / `X told reporters, "..."`: the last cue shortly before the quotation."""
    text = doc_text(doc)
    lead = text[limit:q.start].rstrip()
    if not lead:
        return None
    toks = [t for t in _tokens_between(doc, limit, q.start) if not t.is_space]
    for k in range(len(toks) - 1, max(-1, len(toks) - 1 - MAX_GAP), -1):
        tok = toks[k]
        if tok.lower_ == "that" or (tok.text == "." and k < len(toks) - 1):
            return None
        if _is_cue(tok, lex):
            return tok if lead.endswith((":", ",")) or toks[-1].i == tok.i else None
    return None


def direct_quotes(doc: Doc, lex: CueLexicon) -> tuple[list[Candidate], set[int]]:
    """Direct quotes of the document and the token indices of the cues they used."""
    text = doc_text(doc)
    quotations = find_quotations(text)
    credited = {c.content[0]: c for c in dash_credits(doc, quotations)}
    out: list[Candidate] = []
    used: set[int] = set()
    last: Candidate | None = None
    for n, q in enumerate(quotations):
        p_start, p_end = _paragraph(text, q.start)
        prev_end = max(p_start, quotations[n - 1].end if n else 0)
        next_start = min(p_end, quotations[n + 1].start if n + 1 < len(quotations) else len(text))
        content = (q.start, q.end)
        if q.continued and last is not None:
            out.append(Candidate("direct", content, last.cue, last.source, last.source_head,
                                 last.cue_token))
            continue
        if q.start in credited:
            last = credited[q.start]
            out.append(last)
            continue
        cue = _cue_after(doc, lex, q, next_start) or _cue_before(doc, lex, q, prev_end)
        before = text[:p_start].rstrip()
        if cue is None and not text[p_start:q.start].strip() and before.endswith(":"):
            # "Caddell continued:" closing the paragraph before a quoted one.
            para_start = _paragraph(text, len(before) - 1)[0]
            if not n or quotations[n - 1].end <= para_start:
                cue = _cue_before(doc, lex, Quotation(len(before), q.end, q.closed, False), para_start)
        if cue is None and last is not None and last.cue_token is not None and prev_end > p_start:
            # `"A," said X. "B."`: the second part belongs to the same cue.
            between = _tokens_between(doc, prev_end, q.start)
            after_cue = [t for t in between if t.i > last.cue_token.i]
            # ... but only right after the cue's sentence: in a text without paragraph
            # breaks, a later sentence may introduce another speaker (a witness who
            # "described the moment the bomber struck. "As the bride ...").
            if any(t.i == last.cue_token.i for t in between) \
                    and sum(t.text in (".", "!", "?") for t in after_cue) <= 1:
                out.append(Candidate("direct", content, last.cue, last.source, last.source_head,
                                     last.cue_token))
                continue
        if cue is None:
            if q.words(text) >= MIN_WORDS and last is not None and text[p_start:q.start].strip() == "":
                # A floating quote opening its paragraph: the last speaker goes on.
                out.append(Candidate("direct", content, None, last.source, last.source_head,
                                     None, floating=True))
            continue
        if q.words(text) < 2:
            continue
        src, _ = subject(cue)
        source = source_span(src) if src is not None else None
        if source and q.start <= source[0] < q.end:
            source = (src.idx, src.idx + len(src))
        last = Candidate("direct", content, cue_span(cue), source, src, cue)
        used.add(cue.i)
        out.append(last)
    return out, used
